/**
 * How a nexo message reaches the terminal: one HTTP POST of the JSON to `/nexo`, the response in
 * the HTTP response, as the Adyen Terminal API does on a local network (TLS and the shared-key
 * message encryption a live terminal requires wrap the same exchange; see README.md).
 *
 * The one thing a transport must get right is whether the request can have reached the terminal.
 * Each exchange opens its own connection (no keep-alive pool), so "not sent" is exact: no
 * connection, nothing sent. Once connected, any failure counts as sent.
 */
import { request } from 'node:http';

/** Largest response we read; a nexo response with a receipt is a few kilobytes. */
const MAX_RESPONSE_BYTES = 1 << 20;

export type ExchangeFailure =
  /** Nothing reached the terminal. */
  | { ok: false; sent: false; cause: 'refused' | 'unreachable' | 'connect-timeout'; message: string }
  /** The request may have reached it; no usable answer came. */
  | { ok: false; sent: true; cause: 'timeout' | 'closed' | 'http-status' | 'too-large'; message: string };

export type ExchangeResult = { ok: true; text: string } | ExchangeFailure;

/** The part of a transport the driver uses; tests may hand it a fake. Never rejects. */
export interface NexoTransport {
  /** Sends one message and waits up to `timeoutMs` after connecting for the whole answer. */
  exchange(message: string, timeoutMs: number): Promise<ExchangeResult>;
}

export interface HttpNexoTransportOptions {
  host: string;
  port: number;
  /** Path of the terminal's nexo endpoint. Default `/nexo`, as on Adyen terminals. */
  path?: string;
  /** Wait for the TCP connection, ms. Default 3000: a terminal on the LAN answers in milliseconds. */
  connectTimeoutMs?: number;
}

export class HttpNexoTransport implements NexoTransport {
  private readonly path: string;
  private readonly connectTimeoutMs: number;

  constructor(private readonly options: HttpNexoTransportOptions) {
    this.path = options.path ?? '/nexo';
    this.connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  }

  exchange(message: string, timeoutMs: number): Promise<ExchangeResult> {
    return new Promise((resolve) => {
      let connected = false;
      let settled = false;
      let answerTimer: ReturnType<typeof setTimeout> | undefined;
      const finish = (r: ExchangeResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        clearTimeout(answerTimer);
        req.destroy();
        resolve(r);
      };
      const lost = (cause: 'timeout' | 'closed' | 'http-status' | 'too-large', msg: string) => finish({ ok: false, sent: true, cause, message: msg });
      const body = Buffer.from(message, 'utf8');
      const req = request({
        host: this.options.host,
        port: this.options.port,
        path: this.path,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      });
      const connectTimer = setTimeout(
        () => finish({ ok: false, sent: false, cause: 'connect-timeout', message: `no connection within ${this.connectTimeoutMs} ms` }),
        this.connectTimeoutMs,
      );
      req.on('socket', (socket) => {
        socket.once('connect', () => {
          connected = true;
          clearTimeout(connectTimer);
          answerTimer = setTimeout(() => lost('timeout', `no answer within ${timeoutMs} ms`), timeoutMs);
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (connected) return lost('closed', `connection lost: ${e.code ?? e.message}`);
        const cause = e.code === 'ECONNREFUSED' ? 'refused' : 'unreachable';
        finish({ ok: false, sent: false, cause, message: `cannot connect to ${this.options.host}:${this.options.port}: ${e.code ?? e.message}` });
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) return lost('too-large', `response larger than ${MAX_RESPONSE_BYTES} bytes`);
          chunks.push(c);
        });
        res.on('aborted', () => lost('closed', 'connection lost during the response'));
        res.on('error', (e) => lost('closed', `connection lost during the response: ${e.message}`));
        res.on('end', () => {
          if (res.statusCode !== 200) return lost('http-status', `HTTP ${res.statusCode} from the terminal`);
          finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.end(body);
    });
  }
}

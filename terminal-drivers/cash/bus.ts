import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import { lineTimeout } from '../serial/line-timeout.ts';
import { decodeFrame, encodeFrame, toHex } from './cctalk-frame.ts';
import { CcTalkBadChecksumError, CcTalkBadFrameError, CcTalkBusyError, CcTalkClosedError, CcTalkNakError, CcTalkTimeoutError } from './errors.ts';
import { CcTalkFrameParser, type FrameDiscard } from './frame-parser.ts';
import { Address, Header, isRetrySafe } from './headers.ts';

/**
 * One ccTalk wire shared by several devices. The host speaks first and one request is outstanding
 * at a time: requests queue, each waits for its reply (or its timeout) before the next is written.
 *
 * Guarantees:
 * - `request` resolves with the data of an ACK (header 0) sent to the host by the device asked.
 * - NAK and BUSY reject with CCTALK_NAK / CCTALK_BUSY and are never retried: the device answered.
 * - A timeout is measured on the event loop: when its timer fires late (the process stood still),
 *   bytes that came meanwhile are read before the request is called timed out.
 * - A timeout is retried only for requests that are safe to repeat (reads, polls, inhibit
 *   setters, see `isRetrySafe`); then it rejects with CCTALK_TIMEOUT, or CCTALK_BAD_CHECKSUM when
 *   corrupted bytes arrived instead of a reply.
 * - After `close()` queued and waiting requests reject with CCTALK_CLOSED.
 */
export interface CcTalkBusOptions {
  /** True when the interface hands the host back its own bytes (a one-wire bus); they are read and dropped. */
  echo: boolean;
  /** The host's address. Default 1. */
  hostAddress?: number;
  /** Time from writing a request to its whole reply, in ms. Default 200 (a 260-byte reply at 9600 baud takes ~270 ms; ours are short). */
  timeoutMs?: number;
  /** Extra attempts after a timeout, for retry-safe headers only. Default 2. */
  retries?: number;
  /** Gap after which a partial frame is dropped, in ms. Default 50 (ccTalk's inter-byte limit). */
  interByteMs?: number;
}

export interface RequestOptions {
  /** Overrides the bus retry count; forced to 0 for headers that are not retry-safe. */
  retries?: number;
  timeoutMs?: number;
}

export interface CcTalkBusEvents {
  /** Bytes on the wire that were not a frame (corruption, noise). */
  discard: [FrameDiscard];
  /** A request failed after its attempts; the same error is what its promise rejects with. */
  'request-failed': [{ destination: number; header: number; code: string }];
}

const DEFAULT_TIMEOUT_MS = 200;
const DEFAULT_RETRIES = 2;

interface Pending {
  request: Buffer;
  destination: number;
  awaitingEcho: boolean;
  sawCorruption: boolean;
  settle: (result: { data: Uint8Array } | { error: Error }) => void;
}

export class CcTalkBus extends EventEmitter<CcTalkBusEvents> {
  readonly hostAddress: number;
  private readonly echo: boolean;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly parser: CcTalkFrameParser;
  private readonly onPortData = (chunk: Buffer): void => {
    this.parser.write(chunk);
  };
  private queue: Promise<unknown> = Promise.resolve();
  private pending: Pending | undefined;
  private closed = false;

  /** `port` is already open; the bus reads and writes it but closes it only if `ownsPort`. */
  constructor(
    private readonly port: Duplex,
    options: CcTalkBusOptions,
    private readonly ownsPort = false,
  ) {
    super();
    this.echo = options.echo;
    this.hostAddress = options.hostAddress ?? Address.HOST;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retries = options.retries ?? DEFAULT_RETRIES;
    this.parser = new CcTalkFrameParser({ idleMs: options.interByteMs ?? 50 });
    this.parser.on('data', (frame: Buffer) => this.onFrame(frame));
    this.parser.on('discard', (d: FrameDiscard) => {
      if (this.pending) this.pending.sawCorruption = true;
      this.emit('discard', d);
    });
    port.on('data', this.onPortData);
  }

  /** Sends one request and resolves with the reply's data bytes. */
  request(destination: number, header: number, data: ArrayLike<number> = [], options: RequestOptions = {}): Promise<Uint8Array> {
    const frame = encodeFrame({ destination, source: this.hostAddress, header, data });
    const retries = isRetrySafe(header) ? (options.retries ?? this.retries) : 0;
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const run = async (): Promise<Uint8Array> => {
      let lastError: Error = new CcTalkTimeoutError('no attempt made');
      for (let attempt = 0; attempt <= retries; attempt++) {
        if (this.closed) throw new CcTalkClosedError();
        const result = await this.attempt(frame, destination, timeoutMs);
        if ('data' in result) return result.data;
        lastError = result.error;
        const retryable = result.error instanceof CcTalkTimeoutError || result.error instanceof CcTalkBadChecksumError;
        if (!retryable) break;
      }
      this.emit('request-failed', { destination, header, code: (lastError as { code?: string }).code ?? 'UNKNOWN' });
      throw lastError;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Stops reading the port; rejects what waits. Closes the port only when the bus opened it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pending?.settle({ error: new CcTalkClosedError() });
    this.port.off('data', this.onPortData);
    this.parser.destroy();
    if (this.ownsPort) await closePort(this.port);
  }

  private attempt(request: Buffer, destination: number, timeoutMs: number): Promise<{ data: Uint8Array } | { error: Error }> {
    return new Promise((resolve) => {
      // Bytes left by an earlier corrupted reply must not become the start of this one.
      this.parser.reset();
      const timer = lineTimeout(timeoutMs, () => {
        const p = this.pending;
        const corrupted = p?.sawCorruption ?? false;
        const details = { destination, request: toHex(request), timeoutMs };
        settle({
          error: corrupted
            ? new CcTalkBadChecksumError(`corrupted reply from address ${destination}`, details)
            : new CcTalkTimeoutError(`no reply from address ${destination} in ${timeoutMs} ms`, details),
        });
      });
      const settle = (result: { data: Uint8Array } | { error: Error }): void => {
        timer.clear();
        if (this.pending === pending) this.pending = undefined;
        resolve(result);
      };
      const pending: Pending = { request, destination, awaitingEcho: this.echo, sawCorruption: false, settle };
      this.pending = pending;
      this.port.write(request, (err) => {
        if (err) settle({ error: err });
      });
    });
  }

  private onFrame(bytes: Buffer): void {
    const p = this.pending;
    if (!p) return;
    if (p.awaitingEcho) {
      // On a one-wire bus our own bytes come back before any reply to them, so a frame ahead of
      // the echo is left over from before (a late reply to an earlier request): never ours.
      if (bytes.equals(p.request)) p.awaitingEcho = false;
      return;
    }
    const decoded = decodeFrame(bytes, { destination: this.hostAddress, source: p.destination });
    // Frames between other parties on the shared wire, or our own echo on an interface we were
    // told does not echo, are not the reply: keep waiting.
    if (!decoded.ok) return;
    const { header, data } = decoded.frame;
    const details = { destination: p.destination, request: toHex(p.request) };
    if (header === Header.REPLY) p.settle({ data });
    else if (header === Header.NAK) p.settle({ error: new CcTalkNakError(`address ${p.destination} answered NAK`, details) });
    else if (header === Header.BUSY) p.settle({ error: new CcTalkBusyError(`address ${p.destination} answered BUSY`, details) });
    else p.settle({ error: new CcTalkBadFrameError(`reply with header ${header}, expected 0, 5 or 6`, { ...details, reply: toHex(bytes) }) });
  }
}

function closePort(port: Duplex): Promise<void> {
  const closable = port as Duplex & { close?: (cb: (err?: Error | null) => void) => void; isOpen?: boolean };
  if (typeof closable.close === 'function') {
    if (closable.isOpen === false) return Promise.resolve();
    return new Promise((resolve) => closable.close?.(() => resolve()));
  }
  port.destroy();
  return Promise.resolve();
}

/** Opens `path` at 9600 baud 8N1 (the ccTalk line) and hands it to a bus that owns it. */
export async function openCcTalkBus(path: string, options: CcTalkBusOptions): Promise<CcTalkBus> {
  const port = new SerialPort({ path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  // Bytes waiting in the line since before we opened it (a reply to a request of a host process
  // that died) would pass for the reply to our first request, with a stale event counter in it.
  await new Promise<void>((resolve, reject) => port.flush((err) => (err ? reject(err) : resolve())));
  return new CcTalkBus(port, options, true);
}

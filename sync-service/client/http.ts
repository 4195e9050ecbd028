import { CupError } from '../domain/errors.ts';
import { AUTH_HEADERS, ErrorBodySchema } from '../protocol/index.ts';

/** Codes the client rejects with, beside the central's own (BOOKING_NOT_FOUND, ...). */
export type CentralErrorCode = 'CENTRAL_UNREACHABLE' | 'CENTRAL_REJECTED' | 'CENTRAL_RESPONSE_INVALID';

/** A failure talking to the central. `code` is one of CentralErrorCode or the central's typed code. */
export class CentralError extends CupError {}

export interface SignRequest {
  method: string;
  /** Path and query as the central will see them. */
  path: string;
  /** The exact body text, '' when none. */
  body: string;
  /** What to add to the local clock to get the central's, learnt from a refused stale request; default 0. */
  clockOffsetMs?: number;
}

/** Adds headers to a request before it leaves, e.g. a terminal signature. */
export type RequestSigner = (request: SignRequest) => Record<string, string> | Promise<Record<string, string>>;

export interface HttpOptions {
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  sign?: RequestSigner;
  /** Aborts in-flight requests when the client stops. */
  signal: AbortSignal;
  /** Offset of the central's clock from ours, updated when the central says our timestamp is stale. */
  clockOffsetMs?: number;
  /** Headers added to every request, e.g. an administrator's bearer token; default none. */
  headers?: Record<string, string>;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/**
 * One request to the central. Resolves with any answer below 500 (the caller reads typed
 * errors from it); rejects CENTRAL_UNREACHABLE for network failures, timeouts and 5xx, which
 * are the cases where retrying later is the right thing.
 */
export async function request(options: HttpOptions, method: 'GET' | 'POST', path: string, json?: unknown): Promise<HttpAnswer> {
  const first = await send(options, method, path, json);
  // A terminal whose clock drifted would otherwise never sync again: learn the central's clock
  // from its Date header and sign once more. The retry carries a new nonce, so it is no replay.
  if (first.status === 401 && options.sign && errorCode(first.body) === 'AUTH_STALE' && first.date !== undefined && first.signedAt !== undefined) {
    // Relative to the timestamp we signed, so it corrects the signer's clock, whatever it is.
    options.clockOffsetMs = (options.clockOffsetMs ?? 0) + (first.date - first.signedAt);
    const second = await send(options, method, path, json);
    return { status: second.status, body: second.body };
  }
  return { status: first.status, body: first.body };
}

async function send(options: HttpOptions, method: 'GET' | 'POST', path: string, json: unknown): Promise<HttpAnswer & { date?: number; signedAt?: number }> {
  const body = json === undefined ? '' : JSON.stringify(json);
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const url = new URL(path, options.baseUrl);
  // Signed as the server will see it, base path of the central included.
  if (options.sign) Object.assign(headers, await options.sign({ method, path: url.pathname + url.search, body, clockOffsetMs: options.clockOffsetMs ?? 0 }));
  let response: Response;
  try {
    response = await options.fetch(url, {
      method,
      headers,
      ...(json === undefined ? {} : { body }),
      signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
    });
  } catch (e) {
    throw new CentralError('CENTRAL_UNREACHABLE', `central ${options.baseUrl} unreachable: ${(e as Error).message}`, { cause: String((e as Error).cause ?? e) });
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.status >= 500) {
    throw new CentralError('CENTRAL_UNREACHABLE', `central answered ${response.status}`, { status: response.status, error: errorCode(parsed) });
  }
  const date = Date.parse(response.headers.get('date') ?? '');
  const signedAt = Number(headers[AUTH_HEADERS.timestamp]);
  return { status: response.status, body: parsed, ...(Number.isNaN(date) ? {} : { date }), ...(Number.isFinite(signedAt) ? { signedAt } : {}) };
}

/** The central's typed error code in a body, if it has one. */
export function errorCode(body: unknown): string | undefined {
  const parsed = ErrorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.error.code : undefined;
}

export function rejected(answer: HttpAnswer, what: string): CentralError {
  const code = errorCode(answer.body);
  const message = ErrorBodySchema.safeParse(answer.body).data?.error.message;
  return new CentralError('CENTRAL_REJECTED', `central refused ${what}: ${answer.status} ${code ?? ''} ${message ?? ''}`.trim(), { status: answer.status, error: code });
}

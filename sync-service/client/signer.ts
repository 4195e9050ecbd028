import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { AUTH_HEADERS, bodyDigest, EnrolResponseSchema, signingString, type EnrolResponse } from '../protocol/index.ts';
import { CentralError, errorCode, request } from './http.ts';
import type { RequestSigner } from './http.ts';

export interface TerminalKeyPair {
  /** Ed25519 public key, SPKI DER, base64: what enrolment sends to the central. */
  publicKey: string;
  /** PKCS#8 PEM; never leaves the terminal. */
  privateKey: string;
}

export function generateTerminalKey(): TerminalKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

/**
 * The terminal's key from a JSON file, made on first use with owner-only permissions so
 * other local users cannot sign as the terminal.
 */
export async function loadOrCreateTerminalKey(file: string): Promise<TerminalKeyPair> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as TerminalKeyPair;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const pair = generateTerminalKey();
  await writeFile(file, JSON.stringify(pair), { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return pair;
}

export interface SignerOptions {
  terminalId: string;
  /** PKCS#8 PEM of the terminal's Ed25519 key. */
  privateKey: string | KeyObject;
  /** Clock for the timestamp; default `() => new Date()`. */
  now?: () => Date;
}

/** Signs every request of a SyncClient as its terminal: pass it as the client's `sign`. */
export function terminalSigner(options: SignerOptions): RequestSigner {
  const key = typeof options.privateKey === 'string' ? createPrivateKey(options.privateKey) : options.privateKey;
  const now = options.now ?? (() => new Date());
  return ({ method, path, body, clockOffsetMs }) => {
    const timestamp = String(now().getTime() + (clockOffsetMs ?? 0));
    const nonce = randomBytes(18).toString('base64url');
    const text = signingString({ method, path, bodyDigest: bodyDigest(body), timestamp, nonce, terminalId: options.terminalId });
    return {
      [AUTH_HEADERS.terminal]: options.terminalId,
      [AUTH_HEADERS.timestamp]: timestamp,
      [AUTH_HEADERS.nonce]: nonce,
      [AUTH_HEADERS.signature]: sign(null, Buffer.from(text), key).toString('base64'),
    };
  };
}

export interface EnrolOptions {
  centralUrl: string;
  terminalId: string;
  /** The one-time code the technician read from `cupk central enroll-code`. */
  code: string;
  publicKey: string;
  fetch?: typeof globalThis.fetch;
  /** Default 10,000 ms. */
  timeoutMs?: number;
}

/**
 * Registers the terminal's public key with the central. Rejects ENROLMENT_CODE_INVALID,
 * PUBLIC_KEY_INVALID, or a CentralError when the central cannot answer.
 */
export async function enrollTerminal(options: EnrolOptions): Promise<EnrolResponse> {
  const answer = await request(
    { baseUrl: options.centralUrl, fetch: options.fetch ?? globalThis.fetch, timeoutMs: options.timeoutMs ?? 10_000, signal: new AbortController().signal },
    'POST',
    '/v1/terminals/enroll',
    { terminalId: options.terminalId, code: options.code, publicKey: options.publicKey },
  );
  if (answer.status !== 200) {
    const code = errorCode(answer.body) ?? 'CENTRAL_REJECTED';
    throw new CentralError(code, `enrolment of ${options.terminalId} refused: ${code}`, { status: answer.status });
  }
  const parsed = EnrolResponseSchema.safeParse(answer.body);
  if (!parsed.success) throw new CentralError('CENTRAL_RESPONSE_INVALID', 'enrolment answer does not match the protocol');
  return parsed.data;
}

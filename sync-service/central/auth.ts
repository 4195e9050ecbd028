import { createHash, createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import { Transform } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_HEADERS, bodyDigest, errorBody, NonceSchema, signingString } from '../protocol/index.ts';
import type { CentralStore } from './store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** sha256 hex of the raw body bytes, set while the body streams in. */
    bodyDigest: string;
    /** The terminal whose signature this request carries, once verified. */
    terminalId: string;
  }
}

const EMPTY_DIGEST = bodyDigest('');
// Crockford base32: no I, L, O, U, so a technician cannot misread a code.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16;

export interface EnrolmentCode {
  /** Shown once to the technician, grouped `ABCD-EFGH-JKMN-PQRS`. */
  code: string;
  terminalId: string;
  expiresAt: string;
}

/** Makes a one-time enrolment code for a terminal; only its hash is stored. Default TTL 24 h. */
export async function issueEnrolmentCode(store: CentralStore, terminalId: string, options: { ttlMs?: number; now?: () => Date } = {}): Promise<EnrolmentCode> {
  const now = (options.now ?? (() => new Date()))();
  const bytes = randomBytes(CODE_LENGTH);
  const raw = Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  const expiresAt = new Date(now.getTime() + (options.ttlMs ?? 24 * 3600_000)).toISOString();
  await store.putEnrolmentCode(terminalId, hashEnrolmentCode(raw), now.toISOString(), expiresAt);
  return { code: raw.match(/.{4}/g)!.join('-'), terminalId, expiresAt };
}

/** sha256 of a code as typed, ignoring case and separators. */
export function hashEnrolmentCode(code: string): string {
  return createHash('sha256').update(code.toUpperCase().replace(/[^0-9A-Z]/g, '')).digest('hex');
}

/** An Ed25519 public key from its SPKI DER base64 form, or undefined when it is not one. */
export function parseTerminalKey(spkiBase64: string): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Hashes every request body as it streams in (the signature covers the exact bytes, which
 * the JSON parser does not keep), leaving fastify's parser and body limit in charge.
 */
export function hashBodies(app: FastifyInstance): void {
  app.decorateRequest('bodyDigest', EMPTY_DIGEST);
  app.decorateRequest('terminalId', '');
  app.addHook('preParsing', async (request, _reply, payload) => {
    const hash = createHash('sha256');
    let received = 0;
    const tee = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        received += chunk.length;
        (tee as Transform & { receivedEncodedLength: number }).receivedEncodedLength = received;
        callback(null, chunk);
      },
      flush(callback) {
        request.bodyDigest = hash.digest('hex');
        callback();
      },
    });
    payload.on('error', (e) => tee.destroy(e));
    return payload.pipe(tee);
  });
}

export interface VerifyOptions {
  /** Largest accepted difference between the terminal's timestamp and ours; default 5 minutes. */
  maxSkewMs?: number;
  now?: () => Date;
}

/**
 * A preValidation hook that lets a request through only with a valid signature of an enrolled,
 * unrevoked terminal, a fresh timestamp and an unused nonce; anything else is 401 before the
 * handler runs, so nothing is stored.
 */
export function verifyTerminal(store: CentralStore, options: VerifyOptions = {}) {
  const maxSkewMs = options.maxSkewMs ?? 5 * 60_000;
  const now = options.now ?? (() => new Date());
  const keys = new Map<string, KeyObject>();
  const refuse = (reply: FastifyReply, code: string, message: string) => reply.status(401).send(errorBody(code, message));

  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = (name: string) => {
      const v = request.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const terminalId = header(AUTH_HEADERS.terminal);
    const timestamp = header(AUTH_HEADERS.timestamp);
    const nonce = header(AUTH_HEADERS.nonce);
    const signature = header(AUTH_HEADERS.signature);
    if (!terminalId || !timestamp || !nonce || !signature) return void refuse(reply, 'AUTH_MISSING', 'request is not signed by a terminal');
    if (!/^\d{1,15}$/.test(timestamp) || !NonceSchema.safeParse(nonce).success) return void refuse(reply, 'AUTH_MALFORMED', 'signature headers are malformed');

    const terminal = await store.getTerminal(terminalId);
    if (!terminal) return void refuse(reply, 'AUTH_UNKNOWN_TERMINAL', 'terminal is not enrolled');
    if (terminal.revokedAt) return void refuse(reply, 'AUTH_REVOKED', 'terminal is revoked');

    const cacheKey = `${terminalId}\n${terminal.publicKey}`;
    let key = keys.get(cacheKey);
    if (!key) {
      key = parseTerminalKey(terminal.publicKey);
      if (!key) return void refuse(reply, 'AUTH_BAD_SIGNATURE', 'terminal key is unusable');
      keys.set(cacheKey, key);
    }
    const text = signingString({ method: request.method, path: request.url, bodyDigest: request.bodyDigest, timestamp, nonce, terminalId });
    let valid = false;
    try {
      valid = verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64'));
    } catch {
      valid = false;
    }
    if (!valid) return void refuse(reply, 'AUTH_BAD_SIGNATURE', 'signature does not verify');

    // Checked after the signature so an attacker cannot probe our clock or burn nonces.
    const at = now().getTime();
    const sentAt = Number(timestamp);
    if (Math.abs(at - sentAt) > maxSkewMs) return void refuse(reply, 'AUTH_STALE', `timestamp is more than ${maxSkewMs} ms from the central clock`);
    const fresh = await store.rememberNonce(terminalId, nonce, new Date(sentAt + maxSkewMs).toISOString(), new Date(at).toISOString());
    if (!fresh) return void refuse(reply, 'AUTH_REPLAYED', 'nonce already used');
    request.terminalId = terminalId;
  };
}

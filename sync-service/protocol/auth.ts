import { createHash } from 'node:crypto';
import { z } from 'zod';
import { TerminalIdSchema } from './sync.ts';

/** Request headers of a terminal signature (lower case, as Node hands them over). */
export const AUTH_HEADERS = {
  terminal: 'x-cupk-terminal',
  /** Milliseconds since the epoch on the terminal's clock. */
  timestamp: 'x-cupk-timestamp',
  /** 16..64 base64url characters, never reused by a terminal. */
  nonce: 'x-cupk-nonce',
  /** base64 Ed25519 signature of `signingString(...)`. */
  signature: 'x-cupk-signature',
} as const;

/** Versioned so the signed text can change without an old signature verifying under new rules. */
export const SIGNATURE_SCHEME = 'CUPK1-ED25519';

export interface SignedParts {
  method: string;
  /** Path and query exactly as sent (`/v1/terminals/kiosk-1/transactions?afterSeq=3`). */
  path: string;
  /** sha256 of the exact body bytes, hex; of the empty string when there is no body. */
  bodyDigest: string;
  timestamp: string;
  nonce: string;
  terminalId: string;
}

/**
 * The text a terminal signs: every part that gives a request its meaning, one per line, so a
 * signature cannot be moved to another method, path, body, time or terminal.
 */
export function signingString(p: SignedParts): string {
  return [SIGNATURE_SCHEME, p.method.toUpperCase(), p.path, p.bodyDigest, p.timestamp, p.nonce, p.terminalId].join('\n');
}

export function bodyDigest(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

export const NonceSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** POST /v1/terminals/enroll: a terminal presents the technician's one-time code and its public key. */
export const EnrolRequestSchema = z.object({
  terminalId: TerminalIdSchema,
  /** As typed: case and separators do not matter. */
  code: z.string().min(1).max(64),
  /** Ed25519 public key, SPKI DER, base64. */
  publicKey: z.string().min(40).max(200),
});
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;

export const EnrolResponseSchema = z.object({ terminalId: z.string(), enrolledAt: z.string() });
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { CupError } from '@cup-kiosk/sync-service/domain';

/**
 * The technician PIN: kept only as a scrypt hash (`scrypt$N$r$p$salt$hash`, salt and hash in
 * hex), checked in constant time, and locked out after too many wrong tries.
 */

/** The simulator's PIN, documented in the README; a real terminal sets CUPK_SERVICE_PIN_HASH. */
export const DEMO_SERVICE_PIN = '246810';
/** scrypt's cost: 2^14, 8, 1 (about 50 ms): slow enough against guessing a stolen hash, quick on a kiosk. */
const N = 16_384;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

/** Wrong PINs in a row before the lockout. */
export const MAX_PIN_FAILURES = 5;
/** How long the lockout lasts. */
export const PIN_LOCKOUT_MS = 5 * 60_000;

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(pin, salt, KEY_BYTES, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/** The demo PIN's hash, with a fixed salt so it stays the same between starts. */
export const demoPinHash = (): string => hashPin(DEMO_SERVICE_PIN, Buffer.from('cup-kiosk-demo-pin'));

/** Rejects SERVICE_PIN_HASH_INVALID for a hash not made by `hashPin`. */
export function checkPinHash(stored: string): void {
  const parts = stored.split('$');
  const ok = parts.length === 6 && parts[0] === 'scrypt' && parts.slice(1, 4).every((x) => /^\d+$/.test(x)) && parts.slice(4).every((x) => /^([0-9a-f]{2})+$/.test(x));
  if (!ok) throw new CupError('SERVICE_PIN_HASH_INVALID', 'the technician PIN hash is not scrypt$N$r$p$salt$hash');
}

/** Whether `pin` is the one hashed in `stored`; the comparison takes the same time either way. */
export function pinMatches(pin: string, stored: string): boolean {
  checkPinHash(stored);
  const [, n, r, p, salt, hash] = stored.split('$') as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'hex');
  const got = scryptSync(pin, Buffer.from(salt, 'hex'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * Number(n) * Number(r) });
  return timingSafeEqual(got, expected);
}

/** Wrong PINs since the last right one, and until when the keypad is locked (ISO 8601). */
export interface PinLock {
  failures: number;
  lockedUntil: string | null;
}

export const UNLOCKED: PinLock = { failures: 0, lockedUntil: null };

export function isLocked(lock: PinLock, now: Date): boolean {
  return lock.lockedUntil !== null && Date.parse(lock.lockedUntil) > now.getTime();
}

/** One more wrong PIN: the fifth in a row locks for five minutes and starts the count again. */
export function afterWrongPin(lock: PinLock, now: Date): PinLock {
  const failures = (isLocked(lock, now) ? 0 : lock.failures) + 1;
  if (failures >= MAX_PIN_FAILURES) return { failures: 0, lockedUntil: new Date(now.getTime() + PIN_LOCKOUT_MS).toISOString() };
  return { failures, lockedUntil: null };
}

import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { CupError } from '../domain/errors.ts';

/**
 * Staff passwords as scrypt hashes (node:crypto): `scrypt$N$r$p$salt$hash`, base64. The cost is
 * kept in the text, so a later stronger setting still verifies the old hashes.
 */

/** 2^14 blocks of 8 x 128 bytes: 16 MiB and about 50 ms a try on a kiosk-class CPU. */
const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** A staff password is at least this long. */
export const MIN_PASSWORD_LENGTH = 12;

function scrypt(password: string, salt: Buffer, o: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // 128 * N * r, with room: Node refuses a cost over its default 32 MiB cap otherwise.
    scryptCallback(password.normalize('NFC'), salt, KEY_BYTES, { ...o, maxmem: 256 * (o.N ?? COST.N) * (o.r ?? COST.r) }, (e, key) => (e ? reject(e) : resolve(key)));
  });
}

/** @throws CupError STAFF_PASSWORD_WEAK when shorter than MIN_PASSWORD_LENGTH. */
export async function hashPassword(password: string): Promise<string> {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new CupError('STAFF_PASSWORD_WEAK', `a staff password has at least ${MIN_PASSWORD_LENGTH} characters`);
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` is the one hashed; false for any other, and for a hash it cannot read. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** Verified against when the user is unknown, so the answer takes as long as for a known one. */
export const DUMMY_HASH = `scrypt$${COST.N}$${COST.r}$${COST.p}$${Buffer.alloc(SALT_BYTES).toString('base64')}$${Buffer.alloc(KEY_BYTES).toString('base64')}`;

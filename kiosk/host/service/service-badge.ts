import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A technician's badge: a Code 128 barcode the kiosk's own scanner reads,
 * `CUPK-TECH-<id>-<secret>`, an 8-hex-digit id and 128 random bits. The terminal keeps only
 * the secret's SHA-256: a random secret of that length needs no slow hash, and a copied
 * database gives no badge. A lost badge is revoked by its id.
 */
const BADGE = /^CUPK-TECH-([0-9A-F]{8})-([0-9A-F]{32})$/;

export interface BadgeParts {
  id: string;
  secret: string;
}

/** Whether a scan is a badge: such a scan never reaches the citizen's session. */
export function parseBadge(text: string): BadgeParts | null {
  const m = BADGE.exec(text.trim().toUpperCase());
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

export function newBadge(): BadgeParts & { code: string } {
  const id = randomBytes(4).toString('hex').toUpperCase();
  const secret = randomBytes(16).toString('hex').toUpperCase();
  return { id, secret, code: `CUPK-TECH-${id}-${secret}` };
}

export const badgeSecretHash = (secret: string): string => createHash('sha256').update(secret.toUpperCase()).digest('hex');

/** Compares in constant time, whatever the secret presented. */
export function badgeSecretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(badgeSecretHash(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

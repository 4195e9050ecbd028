/**
 * nexo carries amounts as JSON decimal numbers of the currency unit (`12.34` euro); we keep whole
 * cents. The conversion goes through decimal text, never through float arithmetic: `x * 100` of a
 * double can land on 1233.9999999999998.
 *
 * Why text is exact: the amounts nexo allows (at most 8 integer digits, see MAX_AMOUNT_CENTS, and
 * 2 decimals for the euro) have at most 10 significant digits. A JSON number of up to 15
 * significant digits parses to a double whose shortest round-trip text, which `String(n)` gives,
 * is the same decimal again. So `String(n)` recovers what the terminal wrote, and `Number(text)`
 * of our decimal text is what `JSON.stringify` writes back out digit for digit.
 */

/** nexo's bound on an amount: `99999999.999999` units; in euro cents, 8 integer digits and 2 decimals. */
export const MAX_AMOUNT_CENTS = 9_999_999_999;

/** Why a protocol amount cannot be taken as cents. */
export type AmountProblem = 'not-a-number' | 'negative' | 'sub-cent' | 'too-large';

/** `1234` → `12.34` as the JSON number nexo expects. The caller has checked `cents` is in range. */
export function centsToAmount(cents: number): number {
  const whole = Math.trunc(cents / 100);
  const rest = cents - whole * 100;
  return Number(`${whole}.${String(rest).padStart(2, '0')}`);
}

/**
 * A decimal amount from the terminal → whole cents, or why not. Exponent notation appears only
 * for values outside the range (below 1e-6 or above 1e21) and is refused through the range checks.
 */
export function amountToCents(amount: unknown): number | AmountProblem {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return 'not-a-number';
  if (amount < 0) return 'negative';
  const text = String(amount);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return amount > 1 ? 'too-large' : 'sub-cent';
  const [, whole, decimals = ''] = m;
  if (decimals.length > 2) return 'sub-cent';
  if (whole!.length > 8) return 'too-large';
  return Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
}

/** True for an amount `pay` may request: a positive whole number of cents within nexo's bound. */
export function isPayableCents(cents: unknown): cents is number {
  return typeof cents === 'number' && Number.isSafeInteger(cents) && cents > 0 && cents <= MAX_AMOUNT_CENTS;
}

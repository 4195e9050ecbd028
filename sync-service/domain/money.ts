import { CupError } from './errors.ts';
import type { Cents } from './types.ts';

export class MoneyError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('MONEY_NOT_CENTS', message, details);
  }
}

const CENTS_PER_EURO = 100;
export const DEFAULT_LOCALE = 'it-IT';

/** @throws MoneyError unless `n` is a safe integer: money is never a float of euros. */
export function assertCents(n: unknown): asserts n is Cents {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new MoneyError(`${String(n)} is not an integer number of cents`, { value: String(n) });
  }
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * `3228` → `32,28 €` in `it-IT` (the default). The space is the no-break space (U+00A0) Intl
 * puts there, so the amount never wraps across lines.
 */
export function formatEuro(cents: number, locale: string = DEFAULT_LOCALE): string {
  assertCents(cents);
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formatters.set(locale, f);
  }
  // Division by 100 of a safe integer is the nearest double to the decimal amount, which Intl rounds exactly.
  return f.format(cents / CENTS_PER_EURO);
}

/** Cash totals are rounded to this, since Italy stopped minting 1 and 2 cent coins. */
export const CASH_ROUNDING_CENTS = 5;

/**
 * The total of a payment made entirely in cash, rounded to the nearest 5 cents (art. 13-quater
 * DL 50/2017, law 96/2017): endings 1, 2, 6, 7 go down, 3, 4, 8, 9 go up. Card payments are
 * not rounded. `3228` → `3230`, `3226` → `3225`.
 */
export function roundCashTotal(cents: number): number {
  assertCents(cents);
  const rest = cents % CASH_ROUNDING_CENTS;
  return rest <= 2 ? cents - rest : cents + (CASH_ROUNDING_CENTS - rest);
}

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

import { CupError } from './errors.ts';

export type BookingCodeErrorCode = 'BOOKING_CODE_FORMAT' | 'BOOKING_CODE_CHECK';

export class BookingCodeError extends CupError {
  declare readonly code: BookingCodeErrorCode;
  constructor(code: BookingCodeErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/** Digits issued by the centre, then two ISO 7064 MOD 97-10 check digits (as in IBAN). */
export const BOOKING_CODE_ISSUED_DIGITS = 10;
export const BOOKING_CODE_LENGTH = 12;
const MOD = 97;
const CHECK_BASE = 98;
/** Space and dashes people type or print between groups; nothing else is forgiven. */
const SEPARATORS = /[\s-]/g;
const GROUP = 4;

/** Remainder of a digit string modulo 97, digit by digit so no precision is lost. */
function mod97(digits: string): number {
  let r = 0;
  for (const d of digits) r = (r * 10 + Number(d)) % MOD;
  return r;
}

/** The two check digits of the 10 issued digits: 98 - (issued × 100 mod 97). */
export function bookingCheckDigits(first10: string): string {
  if (!/^\d{10}$/.test(first10)) throw new BookingCodeError('BOOKING_CODE_FORMAT', `a booking code starts with ${BOOKING_CODE_ISSUED_DIGITS} digits`);
  return String(CHECK_BASE - mod97(`${first10}00`)).padStart(2, '0');
}

/**
 * The 12 digits of a typed or scanned booking code, with spaces and dashes removed.
 * @throws BookingCodeError BOOKING_CODE_FORMAT when it is not 12 digits, BOOKING_CODE_CHECK when the check digits are wrong.
 */
export function normalizeBookingCode(text: string): string {
  const code = text.replace(SEPARATORS, '');
  if (!/^\d{12}$/.test(code)) {
    throw new BookingCodeError('BOOKING_CODE_FORMAT', `a booking code is ${BOOKING_CODE_LENGTH} digits`, { text });
  }
  // The whole code is ≡ 1 (mod 97) exactly when the check digits are right.
  if (mod97(code) !== 1) {
    throw new BookingCodeError('BOOKING_CODE_CHECK', 'the check digits do not match: the code has been mistyped', { code });
  }
  return code;
}

/** `123456789092` → `1234 5678 9092`, as shown on screen and printed on the slip. */
export function formatBookingCode(code: string): string {
  const digits = normalizeBookingCode(code);
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += GROUP) groups.push(digits.slice(i, i + GROUP));
  return groups.join(' ');
}

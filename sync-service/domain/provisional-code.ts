import { bookingCheckDigits } from './booking-code.ts';
import { CupError } from './errors.ts';

/**
 * First digit of the codes a terminal makes for a booking taken offline; the central's own
 * start with '2' (issued at hold time), the demo's with '0' or '1', so the two never meet.
 */
export const PROVISIONAL_BOOKING_CODE_PREFIX = '3';

/**
 * A provisional booking code: '3', nine digits drawn at random by the terminal, two MOD 97-10
 * check digits. Terminals do not coordinate offline; the central refuses a code it already
 * holds (BOOKING_CODE_REUSED, kept as a conflict like SLOT_TAKEN), one in 10^9 draws.
 */
export function provisionalBookingCode(nineDigits: string): string {
  if (!/^\d{9}$/.test(nineDigits)) throw new CupError('BAD_REQUEST', 'a provisional booking code takes nine digits', { nineDigits });
  const first10 = PROVISIONAL_BOOKING_CODE_PREFIX + nineDigits;
  return first10 + bookingCheckDigits(first10);
}

/** Whether the code was made by a terminal offline (not yet confirmed by the central when held here). */
export const isProvisionalBookingCode = (code: string): boolean => code.startsWith(PROVISIONAL_BOOKING_CODE_PREFIX);

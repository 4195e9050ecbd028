import { CupError } from '../errors.ts';

/**
 * Which rule a pagoPA notice code or QR text broke, so a screen can tell a misread (check digits)
 * from a text that is not a notice at all (format).
 */
export type NoticeCheck = 'format' | 'aux-digit' | 'check-digits' | 'qr-format' | 'qr-version' | 'creditor' | 'amount';

/** Bad pagoPA input, built or parsed. One code for all of it: the CLI contract prints `BAD_NOTICE`. */
export class NoticeError extends CupError {
  declare readonly code: 'BAD_NOTICE';
  readonly check: NoticeCheck;
  constructor(check: NoticeCheck, message: string, details: Record<string, unknown> = {}) {
    super('BAD_NOTICE', message, { check, ...details });
    this.check = check;
  }
}

export type NreCheck = 'format' | 'region' | 'parts';

/** A text that is not an electronic prescription number (NRE). */
export class NreError extends CupError {
  declare readonly code: 'BAD_NRE';
  readonly check: NreCheck;
  constructor(check: NreCheck, message: string, details: Record<string, unknown> = {}) {
    super('BAD_NRE', message, { check, ...details });
    this.check = check;
  }
}

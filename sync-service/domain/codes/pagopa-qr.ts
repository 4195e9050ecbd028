import { NoticeError } from './errors.ts';
import { parseNoticeCode } from './pagopa.ts';

/**
 * The text of the QR code on a pagoPA notice: `PAGOPA|002|<notice code 18>|<creditor's fiscal code
 * 11>|<amount in cents>`. The standard asks for at least 2 amount digits; some printed notices
 * carry 1, so reading accepts 1 to 10 and writing pads to 2.
 */
export const PAGOPA_QR_PREFIX = 'PAGOPA';
export const PAGOPA_QR_VERSION = '002';
const SEPARATOR = '|';
const FIELDS = 5;
const CREDITOR_PATTERN = /^\d{11}$/;
const AMOUNT_PATTERN = /^\d{1,10}$/;
const AMOUNT_WRITTEN_DIGITS = 2;
/** Ten digits of cents. */
export const PAGOPA_MAX_AMOUNT_CENTS = 9_999_999_999;

export interface PagopaQrData {
  noticeCode: string;
  /** The creditor body's fiscal code: 11 digits. */
  creditorFiscalCode: string;
  amountCents: number;
}

function checkCreditor(cf: string): void {
  if (!CREDITOR_PATTERN.test(cf)) throw new NoticeError('creditor', "the creditor's fiscal code is 11 digits", { creditorFiscalCode: cf });
}

function checkAmount(amountCents: number): void {
  // A notice asks for a payment: nothing to pay is not a notice.
  if (!Number.isSafeInteger(amountCents) || amountCents < 1 || amountCents > PAGOPA_MAX_AMOUNT_CENTS) {
    throw new NoticeError('amount', `the amount is whole cents from 1 to ${PAGOPA_MAX_AMOUNT_CENTS}`, { amountCents });
  }
}

/**
 * The QR text of a notice.
 * @throws NoticeError BAD_NOTICE for a notice code that does not validate, a creditor that is not
 * 11 digits, or an amount that is not 1 to 9,999,999,999 whole cents.
 */
export function pagopaQr(data: PagopaQrData): string {
  const { noticeCode } = parseNoticeCode(data.noticeCode);
  checkCreditor(data.creditorFiscalCode);
  checkAmount(data.amountCents);
  const amount = String(data.amountCents).padStart(AMOUNT_WRITTEN_DIGITS, '0');
  return [PAGOPA_QR_PREFIX, PAGOPA_QR_VERSION, noticeCode, data.creditorFiscalCode, amount].join(SEPARATOR);
}

/** True when a text claims to be a pagoPA QR, valid or not. */
export function looksLikePagopaQr(text: string): boolean {
  return text.trim().toUpperCase().startsWith(PAGOPA_QR_PREFIX + SEPARATOR);
}

/**
 * Reads and validates a QR text (surrounding space ignored).
 * @throws NoticeError BAD_NOTICE, `check` naming the field that failed.
 */
export function parsePagopaQr(text: string): PagopaQrData {
  const fields = text.trim().split(SEPARATOR);
  if (fields.length !== FIELDS || fields[0]?.toUpperCase() !== PAGOPA_QR_PREFIX) {
    throw new NoticeError('qr-format', `a pagoPA QR is ${FIELDS} fields separated by "${SEPARATOR}", starting with ${PAGOPA_QR_PREFIX}`, { text });
  }
  const [, version, notice, creditorFiscalCode, amount] = fields as [string, string, string, string, string];
  if (version !== PAGOPA_QR_VERSION) throw new NoticeError('qr-version', `QR version ${version} is not ${PAGOPA_QR_VERSION}`, { version });
  // A QR carries the code without spaces, so no grouping is forgiven here.
  if (!/^\d{18}$/.test(notice)) throw new NoticeError('format', 'the QR notice code is 18 digits', { noticeCode: notice });
  const { noticeCode } = parseNoticeCode(notice);
  checkCreditor(creditorFiscalCode);
  if (!AMOUNT_PATTERN.test(amount)) throw new NoticeError('amount', 'the QR amount is 1 to 10 digits of cents', { amount });
  const amountCents = Number(amount);
  checkAmount(amountCents);
  return { noticeCode, creditorFiscalCode, amountCents };
}

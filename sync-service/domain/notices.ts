import { formatBookingCode } from './booking-code.ts';
import { noticeCode } from './codes/pagopa.ts';
import { CupError } from './errors.ts';
import { quoteBooking } from './quote-booking.ts';
import type { RuleSet } from './rules/rule-set.ts';
import type { Booking, Cents, IncomeBandNumber, IsoDate } from './types.ts';

/**
 * Credit recovery: the pagoPA notice (avviso) the centre issues for a ticket left unpaid past
 * its appointment day. Pure: the central numbers, stores and serves them.
 */

/** Segregation code of our generation point, as PagoPA assigns it; a central may be given another. */
export const DEFAULT_SEGREGATION_CODE = '02';
/** A notice falls due this many days after the run that issued it. */
export const NOTICE_DUE_DAYS = 30;
const IUV_BASE_DIGITS = 13;
/** Largest IUV base: 13 digits. */
export const MAX_IUV_BASE = 10 ** IUV_BASE_DIGITS - 1;

/** What a notice says before it has a number. */
export interface NoticeDraft {
  bookingCode: string;
  /** The debtor. */
  taxCode: string;
  /** The booking's provider: the creditor of the money. */
  creditorFiscalCode: string;
  creditorName: string;
  amountCents: Cents;
  subject: string;
  dueDate: IsoDate;
}

export interface NumberedNotice extends NoticeDraft {
  /** 18 digits: aux 3, segregation code, IUV base, check digits. */
  noticeCode: string;
  /** The 17 digits after the aux digit. */
  iuv: string;
}

/** The Europe/Rome day of an appointment (`startsAt` is Rome wall-clock time). */
export const appointmentDay = (booking: Pick<Booking, 'startsAt'>): IsoDate => booking.startsAt.slice(0, 10);

/** A calendar date `days` later; calendar arithmetic, no time zone involved. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `2026-10-05` → `05/10/2026`, as an Italian text writes a date. */
export const italianDate = (date: IsoDate): string => date.split('-').reverse().join('/');

/** `Ticket non pagato, prenotazione 0700 0000 0531 del 05/10/2026`. */
export function noticeSubject(booking: Pick<Booking, 'code' | 'startsAt'>): string {
  return `Ticket non pagato, prenotazione ${formatBookingCode(booking.code)} del ${italianDate(appointmentDay(booking))}`;
}

/**
 * The ticket the citizen owed for a booking: quoted for its appointment day with the rules in
 * force then and the income band they had declared by then (null: the rules' default).
 * @throws QuoteError as `quoteBooking` does (no rules in force that day, an unknown exemption).
 */
export function amountOwed(booking: Booking, incomeBand: IncomeBandNumber | null, ruleSets: readonly RuleSet[]): Cents {
  return quoteBooking(booking, appointmentDay(booking), incomeBand, ruleSets).amountDueCents;
}

/** The notice for a booking's unpaid ticket, issued by the run of `issueDate`. */
export function draftNotice(booking: Booking, amountCents: Cents, issueDate: IsoDate): NoticeDraft {
  return {
    bookingCode: booking.code,
    taxCode: booking.taxCode,
    creditorFiscalCode: booking.provider.fiscalCode,
    creditorName: booking.provider.name,
    amountCents,
    subject: noticeSubject(booking),
    dueDate: addDays(issueDate, NOTICE_DUE_DAYS),
  };
}

/**
 * Gives a draft its notice code: aux 3, the segregation code, the IUV base (a number the store
 * hands out once, written with 13 digits) and the check digits.
 * @throws CupError NOTICE_NUMBERS_EXHAUSTED past 13 digits; NoticeError BAD_NOTICE for a segregation code that is not 2 digits.
 */
export function numberNotice(draft: NoticeDraft, segregationCode: string, iuvBase: number): NumberedNotice {
  if (!Number.isSafeInteger(iuvBase) || iuvBase < 1 || iuvBase > MAX_IUV_BASE) {
    throw new CupError('NOTICE_NUMBERS_EXHAUSTED', `IUV base ${iuvBase} is not 1 to ${MAX_IUV_BASE}`, { iuvBase });
  }
  const code = noticeCode({ aux: 3, segregation: segregationCode, iuvBase: String(iuvBase).padStart(IUV_BASE_DIGITS, '0') });
  return { ...draft, noticeCode: code, iuv: code.slice(1) };
}

import type { Citizen, Classified } from '@cup-kiosk/sync-service/domain';
import type { IncomeBandInForce, IncomeBandNumber, PayableBooking, PayableNotice, PaymentItem, PaymentMethod, ReceiptPrinted, UnpaidTickets } from '../bridge/terminal-api.ts';
import { NO_BOOKING_FLOW, type BookingFlow } from './session-booking-context.ts';
import { NO_NEWS, type CampaignFlow } from './session-campaigns-context.ts';
import { NO_MANAGE_FLOW, type ManageFlow } from './session-manage-context.ts';
import { cashRounded } from './cash-rounding.ts';
import type { PosOutcome } from './session-events.ts';

/** The most items one payment may pay (the contract's limit). */
export const MAX_ITEMS = 10;

export interface UiError {
  code: string;
  message: string;
}

/** What the citizen is paying: one booking, one notice, or items of their unpaid list. */
export type Flow = 'booking' | 'notice' | 'unpaid';

/** An open payment as the screens show it. All amounts in cents. */
export interface PaymentProgress {
  paymentId: string;
  /** What takes money now: the coin slot, or the card terminal. */
  method: PaymentMethod;
  /** The exact total of the items. */
  amountDueCents: number;
  /** What the cash must reach (rounded to 5 cents); 0 while no cash is due. */
  cashDueCents: number;
  /** Cash credited so far. */
  creditedCents: number;
  /** Card parts approved so far. */
  cardPaidCents: number;
  /** The amount on the card terminal now; 0 when no card is running. */
  cardCents: number;
}

export interface Completed {
  transactionId: string;
  paidCents: number;
  changeDueCents: number;
}

/** What came back when a payment was stopped. */
export interface Cancellation {
  refundedCents: number;
  voucherCents: number;
  cardReversedCents: number;
}

/** A card the POS did not take while the payment stays open. */
export interface Declined {
  outcome: PosOutcome;
  code: string;
  message: string;
}

/** A prescription memo shown before the card: explained, and booked once the card is inserted. */
export type ScannedCode = Extract<Classified, { kind: 'nre' }>;

export interface SessionContext extends BookingFlow, CampaignFlow, ManageFlow {
  citizen: Citizen | null;
  /** What is being paid, set when its review screen opens. */
  flow: Flow | null;
  /** How the citizen chose to pay. */
  method: PaymentMethod;
  /** The card part of "part by card, the rest in cash"; null for a single method. */
  cardPartCents: number | null;
  scanned: ScannedCode | null;
  booking: PayableBooking | null;
  notice: PayableNotice | null;
  unpaid: UnpaidTickets | null;
  /** Keys (`unpaidKey`) of the unpaid items checked for payment. */
  selected: string[];
  payment: PaymentProgress | null;
  declined: Declined | null;
  cancellation: Cancellation | null;
  completed: Completed | null;
  receipt: ReceiptPrinted | null;
  /** The citizen's band as the terminal applies it, while the band form is open; null when not known. */
  incomeBand: IncomeBandInForce | null;
  /** The band picked on the self-certification form, not yet confirmed. */
  chosenBand: IncomeBandNumber | null;
  error: UiError | null;
}

/** A session with nobody in it: every personal datum gone. */
export const EMPTY: SessionContext = {
  citizen: null,
  flow: null,
  method: 'cash',
  cardPartCents: null,
  scanned: null,
  booking: null,
  notice: null,
  unpaid: null,
  selected: [],
  payment: null,
  declined: null,
  cancellation: null,
  completed: null,
  receipt: null,
  incomeBand: null,
  chosenBand: null,
  ...NO_BOOKING_FLOW,
  ...NO_NEWS,
  ...NO_MANAGE_FLOW,
  error: null,
};

/** One row of the unpaid list. */
export type UnpaidEntry = { key: string; kind: 'booking'; booking: PayableBooking } | { key: string; kind: 'notice'; notice: PayableNotice };

export function unpaidKey(item: PaymentItem): string {
  return item.kind === 'booking' ? `booking:${item.bookingCode}` : `notice:${item.noticeCode}`;
}

/** The unpaid list in the order shown: bookings, then notices. */
export function unpaidEntries(unpaid: UnpaidTickets | null): UnpaidEntry[] {
  if (!unpaid) return [];
  return [
    ...unpaid.bookings.map((booking) => ({ key: unpaidKey({ kind: 'booking', bookingCode: booking.bookingCode }), kind: 'booking' as const, booking })),
    ...unpaid.notices.map((notice) => ({ key: unpaidKey({ kind: 'notice', noticeCode: notice.noticeCode }), kind: 'notice' as const, notice })),
  ];
}

export function entryAmount(e: UnpaidEntry): number {
  return e.kind === 'booking' ? e.booking.amountDueCents : e.notice.amountDueCents;
}

function entryItem(e: UnpaidEntry): PaymentItem {
  return e.kind === 'booking' ? { kind: 'booking', bookingCode: e.booking.bookingCode } : { kind: 'notice', noticeCode: e.notice.noticeCode };
}

/** The entries checked at the start: all of them, up to the limit of one payment. */
export function initialSelection(unpaid: UnpaidTickets): string[] {
  return unpaidEntries(unpaid)
    .slice(0, MAX_ITEMS)
    .map((e) => e.key);
}

/** Checks or unchecks one entry; a check beyond the limit is refused (the screen says why). */
export function toggled(selected: readonly string[], key: string): string[] {
  if (selected.includes(key)) return selected.filter((k) => k !== key);
  return selected.length < MAX_ITEMS ? [...selected, key] : [...selected];
}

/** The checked entries, in list order. */
export function selectedEntries(c: Pick<SessionContext, 'unpaid' | 'selected'>): UnpaidEntry[] {
  return unpaidEntries(c.unpaid).filter((e) => c.selected.includes(e.key));
}

/** What the payment pays, for `beginPayment`. */
export function paymentItems(c: SessionContext): PaymentItem[] {
  switch (c.flow) {
    case 'booking':
      return c.booking ? [{ kind: 'booking', bookingCode: c.booking.bookingCode }] : [];
    case 'notice':
      return c.notice ? [{ kind: 'notice', noticeCode: c.notice.noticeCode }] : [];
    case 'unpaid':
      return selectedEntries(c).slice(0, MAX_ITEMS).map(entryItem);
    case null:
      return [];
  }
}

/** The exact total of what is about to be paid, and what it comes to in cash. */
export function basketTotal(c: SessionContext): { amountDueCents: number; cashDueCents: number } {
  switch (c.flow) {
    case 'booking':
      return { amountDueCents: c.booking?.amountDueCents ?? 0, cashDueCents: c.booking?.cashDueCents ?? 0 };
    case 'notice':
      return { amountDueCents: c.notice?.amountDueCents ?? 0, cashDueCents: c.notice?.cashDueCents ?? 0 };
    case 'unpaid': {
      // One payment, one rounding: the sum is rounded, not each item.
      const sum = selectedEntries(c).reduce((s, e) => s + entryAmount(e), 0);
      return { amountDueCents: sum, cashDueCents: cashRounded(sum) };
    }
    case null:
      return { amountDueCents: 0, cashDueCents: 0 };
  }
}

/** A card part must leave something for the cash: more than 0, less than the total. */
export function validCardPart(cents: number, totalCents: number): boolean {
  return Number.isSafeInteger(cents) && cents > 0 && cents < totalCents;
}

/** Already paid on an open payment: cash credited and card parts approved. */
export function paidSoFar(p: PaymentProgress): number {
  return p.creditedCents + p.cardPaidCents;
}

/** What is left to pay: in cash when cash is due (rounded), else the exact rest. */
export function leftToPay(p: PaymentProgress): number {
  if (p.cashDueCents > 0) return Math.max(0, p.cashDueCents - p.creditedCents);
  return Math.max(0, p.amountDueCents - paidSoFar(p));
}

/** Turns whatever an actor rejected with into the `{ code, message }` the screens show. */
export function toUiError(e: unknown): UiError {
  if (typeof e === 'object' && e !== null) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    return {
      code: typeof code === 'string' ? code : 'UNEXPECTED',
      message: typeof message === 'string' ? message : String(e),
    };
  }
  return { code: 'UNEXPECTED', message: String(e) };
}

/**
 * The arithmetic of a payment paid in parts, by card and in cash. Pure.
 *
 * Italian legal rounding (art. 13-quater DL 50/2017) applies to what is paid in cash: the cash
 * part is the exact total less the approved card parts, rounded to 5 cents. A card pays exact
 * cents, so a card that pays the rest after some cash pays `total - card - cash` and leaves no
 * rounding. Change is only ever an overpayment in cash.
 */
import { roundCashTotal } from '@cup-kiosk/sync-service/domain';

export interface PaymentTotals {
  /** The exact total of the payment's items. */
  amountDueCents: number;
  /** Card parts the POS approved (and that were not reversed). */
  approvedCardCents: number;
  /** Cash credited to the payment. */
  creditedCents: number;
}

export type PaymentMethodPaid = 'cash' | 'card' | 'mixed';

export interface PaidInFull {
  /** Card and cash together. */
  paidCents: number;
  /** The legal rounding of the cash part (-2..+2); 0 when a card paid the rest exactly. */
  cashRoundingCents: number;
  /** Cash overpaid, owed back: `paid - amount - rounding`. */
  changeDueCents: number;
  method: PaymentMethodPaid;
}

/** What the cash part is before rounding: the total less the approved card parts. */
function cashPart(t: PaymentTotals): number {
  return t.amountDueCents - t.approvedCardCents;
}

/** What cash must reach now: the cash part rounded to 5 cents (0 once cards cover the total). */
export function cashDueCents(t: PaymentTotals): number {
  const rest = cashPart(t);
  return rest <= 0 ? 0 : roundCashTotal(rest);
}

/** What a card must pay for the rest now, exact to the cent (0 when nothing is left). */
export function restByCardCents(t: PaymentTotals): number {
  return Math.max(0, t.amountDueCents - t.approvedCardCents - t.creditedCents);
}

/**
 * Whether the payment is paid, and how, given which part came last: after a card approval the
 * exact total counts (no rounding); otherwise cash must reach its rounded part. Null: not yet.
 */
export function paidInFull(t: PaymentTotals, last: 'card' | 'cash'): PaidInFull | null {
  const paidCents = t.approvedCardCents + t.creditedCents;
  const method: PaymentMethodPaid = t.approvedCardCents === 0 ? 'cash' : t.creditedCents === 0 ? 'card' : 'mixed';
  const close = (cashRoundingCents: number): PaidInFull => ({
    paidCents,
    cashRoundingCents,
    changeDueCents: paidCents - t.amountDueCents - cashRoundingCents,
    method,
  });
  const rest = cashPart(t);
  if (rest <= 0) return close(0);
  if (last === 'card' && paidCents >= t.amountDueCents) return close(0);
  const due = roundCashTotal(rest);
  if (t.creditedCents >= due) return close(due - rest);
  return null;
}

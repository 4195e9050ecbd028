/**
 * The outbox body of a committed payment, as `PaymentPayloadSchema` reads it: the items with
 * their amounts (summing to the amount), the card part, and cash and card together in `paid`,
 * so that `paid - change = amount + rounding` closes. Pure.
 */
import type { PaidInFull } from './payment-sums.ts';
import type { PaymentItemRow, PaymentRow } from './payment-schema.ts';

export interface PaymentPayloadInput {
  payment: Pick<PaymentRow, 'payment_id' | 'tax_code' | 'amount_due_cents' | 'rule_version'>;
  items: readonly Pick<PaymentItemRow, 'booking_code' | 'notice_code' | 'amount_cents'>[];
  paid: PaidInFull;
  approvedCardCents: number;
  transactionId: string;
  paidAt: string;
  terminalId: string;
}

export function paymentPayload(o: PaymentPayloadInput): Record<string, unknown> {
  const { payment: p, paid } = o;
  return {
    paymentId: p.payment_id,
    transactionId: o.transactionId,
    // The first item's booking, for a central that reads one booking per payment.
    bookingCode: o.items[0]!.booking_code,
    taxCode: p.tax_code,
    amountCents: p.amount_due_cents,
    paidCents: paid.paidCents,
    changeCents: paid.changeDueCents,
    cashRoundingCents: paid.cashRoundingCents,
    method: paid.method,
    cardCents: o.approvedCardCents,
    items: o.items.map((i) => ({ bookingCode: i.booking_code, amountCents: i.amount_cents, ...(i.notice_code ? { noticeCode: i.notice_code } : {}) })),
    ruleVersion: p.rule_version,
    paidAt: o.paidAt,
    terminalId: o.terminalId,
  };
}

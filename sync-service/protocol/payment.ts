import { z } from 'zod';
import { BookingCodeSchema } from './booking.ts';

/** Most items one payment may pay. */
export const MAX_PAYMENT_ITEMS = 10;

/** A pagoPA notice code on the wire: exactly 18 digits, no grouping spaces. */
export const NoticeCodeSchema = z.string().regex(/^\d{18}$/);

/**
 * One thing a payment pays: a booking's ticket, or the pagoPA notice issued for it (the notice
 * names its booking too, so the central marks both paid).
 */
export const PaymentItemSchema = z.object({
  bookingCode: BookingCodeSchema,
  amountCents: z.number().int().min(0),
  noticeCode: NoticeCodeSchema.optional(),
});
export type PaymentItem = z.infer<typeof PaymentItemSchema>;

/**
 * The body of a 'payment' sync item: one payment taken at one terminal, for one booking or for
 * up to ten items. The amounts close: paid - change = amount + rounding, so the central can
 * reconcile cash without the ledger rows; `paidCents` counts card and cash together.
 */
export const PaymentPayloadSchema = z
  .object({
    /** Terminal-made id of the payment record. */
    paymentId: z.string().min(1).max(128),
    /** The number printed on the receipt. */
    transactionId: z.string().min(1).max(64),
    /** The booking paid; with `items`, the first item's booking. */
    bookingCode: BookingCodeSchema,
    /** Codice fiscale of the payer, printed on the receipt for the tax deduction. */
    taxCode: z.string().regex(/^[A-Z0-9]{16}$/),
    amountCents: z.number().int().min(0),
    paidCents: z.number().int().min(0),
    changeCents: z.number().int().min(0),
    /** The legal rounding of the cash part to 5 cents (-2..+2); 0 for card. */
    cashRoundingCents: z.number().int().min(-2).max(2).default(0),
    method: z.enum(['cash', 'card', 'mixed']),
    /** The part paid by card: card = paidCents, cash 0, mixed the card part. */
    cardCents: z.number().int().min(0).default(0),
    /**
     * What the payment pays, amounts summing to `amountCents`. Absent: `bookingCode` alone (what
     * terminals sent before payments could pay several items).
     */
    items: z.array(PaymentItemSchema).min(1).max(MAX_PAYMENT_ITEMS).optional(),
    /** Version of the ticket rules the quote used (`demo-3`). */
    ruleVersion: z.string().min(1).max(32),
    /** ISO 8601 instant of the payment, terminal clock. */
    paidAt: z.iso.datetime({ offset: true }),
    terminalId: z.string().min(1).max(64),
  })
  .refine((p) => p.paidCents - p.changeCents === p.amountCents + p.cashRoundingCents, {
    message: 'paidCents - changeCents must equal amountCents + cashRoundingCents',
    path: ['changeCents'],
  })
  .refine((p) => p.cardCents <= p.paidCents, { message: 'cardCents cannot exceed paidCents', path: ['cardCents'] })
  .refine((p) => p.method !== 'card' || p.cardCents === p.paidCents, { message: 'a card payment has cardCents = paidCents', path: ['cardCents'] })
  .refine((p) => !p.items || p.items.reduce((sum, i) => sum + i.amountCents, 0) === p.amountCents, { message: 'the items must sum to amountCents', path: ['items'] })
  .refine((p) => !p.items || p.items[0]?.bookingCode === p.bookingCode, { message: 'bookingCode must be the first item\'s booking', path: ['bookingCode'] });
export type PaymentPayload = z.infer<typeof PaymentPayloadSchema>;

/** The items a payment pays: its `items`, or its one booking for a payload without them. */
export function paymentItems(p: PaymentPayload): PaymentItem[] {
  return p.items ?? [{ bookingCode: p.bookingCode, amountCents: p.amountCents }];
}

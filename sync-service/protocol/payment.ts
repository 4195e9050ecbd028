import { z } from 'zod';
import { BookingCodeSchema } from './booking.ts';

/**
 * The body of a 'payment' sync item: one booking paid at one terminal. The amounts close:
 * paid - change = amount, so the central can reconcile cash without the ledger rows.
 */
export const PaymentPayloadSchema = z
  .object({
    /** Terminal-made id of the payment record. */
    paymentId: z.string().min(1).max(128),
    /** The number printed on the receipt. */
    transactionId: z.string().min(1).max(64),
    bookingCode: BookingCodeSchema,
    /** Codice fiscale of the payer, printed on the receipt for the tax deduction. */
    taxCode: z.string().regex(/^[A-Z0-9]{16}$/),
    amountCents: z.number().int().min(0),
    paidCents: z.number().int().min(0),
    changeCents: z.number().int().min(0),
    /** The legal rounding of a cash total to 5 cents (-2..+2); 0 for card. */
    cashRoundingCents: z.number().int().min(-2).max(2).default(0),
    method: z.enum(['cash', 'card']),
    /** Version of the ticket rules the quote used (`demo-3`). */
    ruleVersion: z.string().min(1).max(32),
    /** ISO 8601 instant of the payment, terminal clock. */
    paidAt: z.iso.datetime({ offset: true }),
    terminalId: z.string().min(1).max(64),
  })
  .refine((p) => p.paidCents - p.changeCents === p.amountCents + p.cashRoundingCents, {
    message: 'paidCents - changeCents must equal amountCents + cashRoundingCents',
    path: ['changeCents'],
  });
export type PaymentPayload = z.infer<typeof PaymentPayloadSchema>;

import { z } from 'zod';
import { IsoDateSchema } from './income-band.ts';

/**
 * Money reconciliation and the unpaid tickets of credit recovery, as the CUP staff's tools read
 * them (GET /v1/admin/reconciliation, GET /v1/admin/unpaid). Every amount is integer cents; every
 * day is a Europe/Rome calendar day.
 */

const cents = z.number().int();
const count = z.number().int().min(0);

/** What one terminal took in one day. */
export const TerminalDaySchema = z.object({
  terminalId: z.string(),
  payments: count,
  /** Paid minus change: the money the terminal kept. */
  collectedCents: cents,
  /** The cash part of it: what the cash box gained (coins and bills in, change out). */
  cashCents: cents,
  cardCents: cents,
  changeCents: cents,
  /** The tickets the payments paid (their items): what is owed to the providers. */
  itemsCents: cents,
  /** collected - items: the legal rounding of the cash parts to 5 cents, nothing else. */
  differenceCents: cents,
  /** The difference is more than 2 cents per cash payment: money is missing or over. */
  anomaly: z.boolean(),
});
export type TerminalDay = z.infer<typeof TerminalDaySchema>;

/** What one terminal collected in one day for one provider. */
export const ProviderTerminalSchema = z.object({ terminalId: z.string(), payments: count, itemsPaid: count, paidCents: cents });

/** One provider's day: what was paid to it (by the items paid that day) against its appointments that day. */
export const ProviderDaySchema = z.object({
  /** The creditor of the money: the provider's 11-digit fiscal code. */
  fiscalCode: z.string(),
  name: z.string(),
  /** Payments that paid at least one of its tickets that day. */
  payments: count,
  itemsPaid: count,
  /** "Booked": the amounts of its items paid that day, as quoted at the terminal. */
  paidCents: cents,
  terminals: z.array(ProviderTerminalSchema),
  /** Its bookings with the appointment that day, not cancelled. */
  appointments: count,
  appointmentsPaid: count,
  /** "Due": those still unpaid, and how many of them have a pagoPA notice (and for how much). */
  appointmentsUnpaid: count,
  unpaidWithNotice: count,
  unpaidNoticeCents: cents,
});
export type ProviderDay = z.infer<typeof ProviderDaySchema>;

export const ReconciliationTotalsSchema = z.object({
  payments: count,
  collectedCents: cents,
  cashCents: cents,
  cardCents: cents,
  itemsCents: cents,
  differenceCents: cents,
  appointmentsUnpaid: count,
  unpaidNoticeCents: cents,
});
export type ReconciliationTotals = z.infer<typeof ReconciliationTotalsSchema>;

export const ReconciliationDaySchema = z.object({
  day: IsoDateSchema,
  totals: ReconciliationTotalsSchema,
  terminals: z.array(TerminalDaySchema),
  providers: z.array(ProviderDaySchema),
});
export type ReconciliationDay = z.infer<typeof ReconciliationDaySchema>;

/** Every day of the range, in order, even a day with nothing in it. */
export const ReconciliationResponseSchema = z.object({
  from: IsoDateSchema,
  to: IsoDateSchema,
  totals: ReconciliationTotalsSchema,
  days: z.array(ReconciliationDaySchema),
});
export type ReconciliationResponse = z.infer<typeof ReconciliationResponseSchema>;

/** An unpaid ticket: a booking still unpaid after its appointment day. */
export const UnpaidTicketSchema = z.object({
  bookingCode: z.string(),
  taxCode: z.string(),
  providerFiscalCode: z.string(),
  providerName: z.string(),
  appointmentDay: IsoDateSchema,
  noticeCode: z.string().nullable(),
  noticeDueDate: IsoDateSchema.nullable(),
  /** The notice's amount, else the ticket quoted now; null when it cannot be quoted. */
  amountCents: cents.nullable(),
  amountFrom: z.enum(['notice', 'quote', 'unquoted']),
});
export type UnpaidTicket = z.infer<typeof UnpaidTicketSchema>;

export const UnpaidListResponseSchema = z.object({
  asOf: IsoDateSchema,
  /** Every unpaid ticket of appointments before asOf; `tickets` lists the oldest `limit`. */
  count: count,
  withNotice: count,
  noticeCents: cents,
  tickets: z.array(UnpaidTicketSchema),
  truncated: z.boolean(),
});
export type UnpaidListResponse = z.infer<typeof UnpaidListResponseSchema>;

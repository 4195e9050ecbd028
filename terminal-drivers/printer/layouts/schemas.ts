/**
 * Schemas of each layout's data, for data that comes from outside the program (the
 * `receipt render` data file, the developer panel). Strict objects: a misspelt key is an error,
 * not a field silently left off the receipt. Each schema is checked against the layout's
 * TypeScript interface, so the two cannot drift apart.
 */
import { z } from 'zod';
import type { BookingSlipData } from './booking-slip.ts';
import type { CashEmptyData, HopperRefillData } from './cash-reports.ts';
import type { DailyCloseData } from './daily-close.ts';
import type { PaymentReceiptData } from './payment-receipt.ts';
import type { VoucherData } from './voucher.ts';

const cents = z.int().min(0);
const count = z.int().min(0);
const text = z.string().min(1);
const isoInstant = z.iso.datetime({ offset: true });
const day = z.iso.date();
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'local date-time YYYY-MM-DDTHH:mm');
const method = z.enum(['cash', 'card']);
const total = z.strictObject({ count, totalCents: cents });

const service = z.strictObject({ code: text, description: text, amountCents: cents });
const receiptItem = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('booking'), bookingCode: text, providerName: text, providerFiscalCode: text, services: z.array(service).min(1) }),
  z.strictObject({
    kind: z.literal('notice'),
    noticeCode: z.string().regex(/^\d{18}$/, '18 digits'),
    creditorName: text,
    creditorFiscalCode: text,
    subject: text,
    bookingCode: text,
    amountCents: cents.min(1),
  }),
]);
const cardPart = z.strictObject({ amountCents: cents.min(1), authorisationCode: text, maskedPan: text, cardholderReceipt: z.array(z.string()).optional() });

export const paymentReceiptSchema = z.strictObject({
  transactionId: text,
  issuedAt: isoInstant,
  terminalId: text,
  providerName: text,
  providerFiscalCode: text,
  // A receipt of notices only may have no place of a booking to name.
  placeName: z.string(),
  bookingCode: text,
  payerTaxCode: text,
  payerName: text.optional(),
  services: z.array(service),
  items: z.array(receiptItem).min(1).max(10).optional(),
  totalCents: cents,
  paidCents: cents,
  changeCents: cents,
  cashRoundingCents: z.int().min(-2).max(2).optional(),
  cardholderReceipt: z.array(z.string()).optional(),
  cardParts: z.array(cardPart).min(1).optional(),
  cashPaidCents: cents.optional(),
  method: z.enum(['cash', 'card', 'mixed']),
  verifyUrl: z.url(),
})
  // Notices have no services: a receipt lists one or the other.
  .refine((d) => d.services.length > 0 || (d.items?.length ?? 0) > 0, { message: 'services or items, at least one', path: ['services'] }) satisfies z.ZodType<PaymentReceiptData>;

export const bookingSlipSchema = z.strictObject({
  bookingCode: text,
  taxCode: text,
  citizenName: text.optional(),
  providerName: text,
  placeName: text,
  placeAddress: text,
  startsAt: localDateTime,
  services: z.array(z.strictObject({ code: text, description: text })).min(1),
  preparationNotes: z.array(text).optional(),
  cancel: z.strictObject({ phone: text.optional(), url: z.url().optional(), hoursBefore: count }),
  qrData: text.optional(),
  provisional: z.boolean().optional(),
  campaign: text.optional(),
}) satisfies z.ZodType<BookingSlipData>;

export const voucherSchema = z.strictObject({
  voucherCode: z.string().regex(/^[\x20-\x7e]{1,40}$/, 'printable ASCII, at most 40 characters (Code 128)'),
  amountCents: cents.min(1),
  reason: z.enum(['change-not-given', 'payment-not-completed', 'booking-failed', 'overpayment']),
  transactionId: text,
  paymentId: text.optional(),
  issuedAt: isoInstant,
  validUntil: day,
  terminalId: text,
  providerName: text,
  placeName: text,
  payerTaxCode: text.optional(),
  redeemAt: text,
  qrData: text.optional(),
}) satisfies z.ZodType<VoucherData>;

export const dailyCloseSchema = z.strictObject({
  operatorId: text,
  operatorName: text.optional(),
  terminalId: text,
  placeName: text,
  day,
  closedAt: isoInstant,
  methods: z.array(z.strictObject({ method, count, totalCents: cents })),
  providers: z.array(z.strictObject({ name: text, count, totalCents: cents })),
  vouchers: z.strictObject({ issued: total, redeemed: total }).optional(),
  cancelled: total.optional(),
}) satisfies z.ZodType<DailyCloseData>;

const level = { valueCents: cents.min(1), before: count, after: count };
const intervention = { technicianId: text, terminalId: text, placeName: text, at: isoInstant };

export const cashEmptySchema = z.strictObject({
  ...intervention,
  cashBoxId: text,
  sealNumber: text.optional(),
  levels: z.array(z.strictObject(level)).min(1),
}) satisfies z.ZodType<CashEmptyData>;

export const hopperRefillSchema = z.strictObject({
  ...intervention,
  hoppers: z.array(z.strictObject({ hopperId: text, ...level })).min(1),
}) satisfies z.ZodType<HopperRefillData>;

/** The test page's data minus the profile object, which is named by its id. */
export const testPageSchema = z.strictObject({
  terminalId: text,
  printedAt: isoInstant,
  /** A `PROFILES` id; default the profile the command was given. */
  profile: text.optional(),
  softwareVersion: text.optional(),
});

import { z } from 'zod';
import { BookingCodeSchema, BookingSchema } from './booking.ts';
import { IsoDateSchema } from './income-band.ts';
import { NoticeCodeSchema } from './payment.ts';

/**
 * pagoPA payment notices (avvisi) the central issues for tickets left unpaid past their day
 * (credit recovery), as terminals and the administrator see them.
 */

export const NoticeStatusSchema = z.enum(['payable', 'paid', 'cancelled']);
export type NoticeStatus = z.infer<typeof NoticeStatusSchema>;

/** Typed refusals of the notice routes; the client rejects with them as they are. */
export const NOTICE_ERROR_CODES = ['BAD_NOTICE', 'NOTICE_UNKNOWN', 'NOTICE_LOCKED', 'NOTICE_PAID', 'NOTICE_CANCELLED'] as const;
export type NoticeErrorCode = (typeof NOTICE_ERROR_CODES)[number];

/** What a terminal is told about a notice: enough to show it and take its payment. */
export const NoticeViewSchema = z.object({
  /** 18 digits, aux digit 3. */
  noticeCode: NoticeCodeSchema,
  /** The creditor body (the booking's provider): 11 digits, as in the QR. */
  creditorFiscalCode: z.string().regex(/^\d{11}$/),
  creditorName: z.string(),
  /** Italian text: what the notice is for. */
  subject: z.string(),
  /** The booking whose ticket the notice recovers. */
  bookingCode: BookingCodeSchema,
  /** The debtor's codice fiscale. */
  taxCode: z.string(),
  amountCents: z.number().int().min(1),
  dueDate: IsoDateSchema,
  status: NoticeStatusSchema,
  /** Until when a payment in progress holds it (ISO 8601, UTC); null when nobody does. */
  lockedUntil: z.string().nullable(),
});
export type NoticeView = z.infer<typeof NoticeViewSchema>;

/** Who holds a notice while a payment of it is in progress. */
export const NoticeLockSchema = z.object({
  terminalId: z.string(),
  paymentId: z.string(),
  lockedUntil: z.string(),
});

/** A notice as the central keeps it: the administrator's view. */
export const NoticeSchema = z.object({
  noticeCode: NoticeCodeSchema,
  /** The 17 digits after the aux digit: segregation code, IUV base, check digits. */
  iuv: z.string().regex(/^\d{17}$/),
  creditorFiscalCode: z.string().regex(/^\d{11}$/),
  creditorName: z.string(),
  bookingCode: BookingCodeSchema,
  taxCode: z.string(),
  amountCents: z.number().int().min(1),
  subject: z.string(),
  dueDate: IsoDateSchema,
  /** ISO 8601 instant, UTC. */
  issuedAt: z.string(),
  status: NoticeStatusSchema,
  paidAt: z.string().nullable(),
  /** Idempotency key of the sync item of the payment that paid it. */
  paidBy: z.string().nullable(),
  /** The lock as last taken, expired or not; null when none or once paid. */
  lock: NoticeLockSchema.nullable(),
});
export type Notice = z.infer<typeof NoticeSchema>;

/** Body of POST /v1/notices/verify. Any text up to 64 characters: a malformed code is BAD_NOTICE, not REQUEST_INVALID. */
export const NoticeVerifyRequestSchema = z.object({ noticeCode: z.string().max(64) });
export type NoticeVerifyRequest = z.infer<typeof NoticeVerifyRequestSchema>;

/** Body of POST /v1/notices/lock and /v1/notices/release: the payment that takes the notice. */
export const NoticeLockRequestSchema = z.object({ noticeCode: z.string().max(64), paymentId: z.string().min(1).max(128) });
export type NoticeLockRequest = z.infer<typeof NoticeLockRequestSchema>;

export const NoticeLockResponseSchema = z.object({ lockedUntil: z.string() });
export type NoticeLockResponse = z.infer<typeof NoticeLockResponseSchema>;

/** `released`: whether that payment held the notice (the answer is 200 either way). */
export const NoticeReleaseResponseSchema = z.object({ released: z.boolean() });
export type NoticeReleaseResponse = z.infer<typeof NoticeReleaseResponseSchema>;

/**
 * GET /v1/citizens/:taxCode/unpaid: bookings booked and unpaid with no notice (the terminal
 * quotes them itself), and the citizen's payable notices.
 */
export const UnpaidTicketsResponseSchema = z.object({ bookings: z.array(BookingSchema), notices: z.array(NoticeViewSchema) });
export type UnpaidTicketsResponse = z.infer<typeof UnpaidTicketsResponseSchema>;

/** Body of POST /v1/admin/notices/issue: the run's date, Europe/Rome; default today. */
export const NoticeIssueRequestSchema = z.object({ asOf: IsoDateSchema.optional() });
export type NoticeIssueRequest = z.infer<typeof NoticeIssueRequestSchema>;

export const NoticeIssueResponseSchema = z.object({ issued: z.array(NoticeSchema) });
export type NoticeIssueResponse = z.infer<typeof NoticeIssueResponseSchema>;

export const NoticeListResponseSchema = z.object({ notices: z.array(NoticeSchema) });
export type NoticeListResponse = z.infer<typeof NoticeListResponseSchema>;

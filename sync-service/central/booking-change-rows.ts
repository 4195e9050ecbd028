import type { Booking, BookingStatus } from '../domain/types.ts';
import type { RefundRequest } from '../protocol/index.ts';
import type { BookingForChange } from './booking-change-store.ts';

/** The booking-change tables as both stores hold them: rows, their conversions, shared SQL (`?` placeholders). */

export interface BookingForChangeRow {
  code: string;
  /** TEXT on SQLite, JSONB (parsed) on PostgreSQL. */
  data: string | Booking;
  status: BookingStatus;
  slot_id: string | null;
  cancelled: string | null;
}

export interface RefundRow {
  refund_id: string;
  booking_code: string;
  tax_code: string;
  amount_cents: number | string | null;
  payment_id: string | null;
  terminal_id: string;
  requested_at: string;
  received_at: string;
  transaction_key: string;
}

const parsed = <T>(data: string | T): T => (typeof data === 'string' ? (JSON.parse(data) as T) : data);

/** The status column is the truth; the JSON keeps the booking as issued or last moved. */
export const toBookingForChange = (r: BookingForChangeRow): BookingForChange => ({ booking: { ...parsed(r.data), status: r.status }, slotId: r.slot_id, cancelled: r.cancelled !== null });

export const toRefund = (r: RefundRow): RefundRequest => ({
  refundId: r.refund_id,
  bookingCode: r.booking_code,
  taxCode: r.tax_code,
  amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
  paymentId: r.payment_id,
  terminalId: r.terminal_id,
  requestedAt: r.requested_at,
  receivedAt: r.received_at,
  transactionKey: r.transaction_key,
});

export const REFUND_COLUMNS = 'refund_id, booking_code, tax_code, amount_cents, payment_id, terminal_id, requested_at, received_at, transaction_key';
export const refundValues = (r: RefundRequest) => [r.refundId, r.bookingCode, r.taxCode, r.amountCents, r.paymentId, r.terminalId, r.requestedAt, r.receivedAt, r.transactionKey];

export const CANCELLATION_COLUMNS = 'booking_code, transaction_key, terminal_id, cancelled_at, timing, received_at';

/** A booking (`b`) with the slot booked under its code and its cancellation, if any: a BookingForChangeRow. */
export const BOOKING_FOR_CHANGE_COLUMNS = 'b.code, b.data, b.status, s.slot_id, c.booking_code AS cancelled';
export const BOOKING_FOR_CHANGE_FROM = 'bookings b LEFT JOIN slots s ON s.booking_code = b.code LEFT JOIN booking_cancellations c ON c.booking_code = b.code';
/** The same as one statement; `WHERE` follows. */
export const BOOKING_FOR_CHANGE_SELECT = `SELECT ${BOOKING_FOR_CHANGE_COLUMNS} FROM ${BOOKING_FOR_CHANGE_FROM}`;

/** A freed slot loses its booking and any hold left on it. */
export const FREE_SLOT_SET = 'booking_code = NULL, hold_id = NULL, held_by = NULL, held_nre = NULL, held_until = NULL, hold_code = NULL';

import type pg from 'pg';
import type { Booking, BookingStatus } from '../domain/types.ts';
import type { RefundRequest } from '../protocol/index.ts';
import { HOLD_UPDATE, holdParams, type SlotRow } from './agenda-rows.ts';
import type { HoldOutcome, HoldRequest } from './agenda-store.ts';
import { numbered } from './pg-agenda.ts';
import {
  BOOKING_FOR_CHANGE_COLUMNS,
  BOOKING_FOR_CHANGE_FROM,
  CANCELLATION_COLUMNS,
  FREE_SLOT_SET,
  REFUND_COLUMNS,
  refundValues,
  toBookingForChange,
  toRefund,
  type BookingForChangeRow,
  type RefundRow,
} from './booking-change-rows.ts';
import type { BookingChangeWrites, BookingForChange, BookingPaid } from './booking-change-store.ts';
import { keyLookupSql } from './pg-lookup.ts';

/** Cancellations, moves and refund requests on PostgreSQL: lists travel as arrays, one statement each. */

type Pg = Pick<pg.PoolClient, 'query'>;

const STARTS_AT = "(b.data->>'startsAt')";

// Read by key as ingest's other lookups are (pg-lookup.ts): one index probe per booking whatever
// the tables' statistics say. A booking has one slot and one cancellation at most.
const BOOKINGS_FOR_CHANGE = keyLookupSql({ columns: BOOKING_FOR_CHANGE_COLUMNS, table: BOOKING_FOR_CHANGE_FROM, key: 'b.code', keyType: 'text' });
/** A booking's latest payment: a booking is paid once; an earlier row is a payment refused since. */
const LATEST_PAYMENTS = keyLookupSql({
  columns: 'i.booking_code, i.payment_id, i.amount_cents',
  table: 'payment_items i JOIN payments p ON p.payment_id = i.payment_id',
  key: 'i.booking_code',
  keyType: 'text',
  orderBy: 'p.paid_at DESC, p.payment_id DESC',
});

export async function citizenBookings(q: Pg, taxCode: string, fromLocal: string): Promise<Booking[]> {
  const { rows } = await q.query<{ data: Booking; status: BookingStatus }>(
    `SELECT b.data, b.status FROM bookings b WHERE b.tax_code = $1 AND b.status <> 'cancelled' AND ${STARTS_AT} >= $2
       AND NOT EXISTS (SELECT 1 FROM booking_cancellations c WHERE c.booking_code = b.code) ORDER BY ${STARTS_AT}, b.code`,
    [taxCode, fromLocal],
  );
  return rows.map((r) => ({ ...r.data, status: r.status }));
}

export async function bookingsForChange(q: Pg, codes: readonly string[]): Promise<Map<string, BookingForChange>> {
  if (codes.length === 0) return new Map();
  const { rows } = await q.query<BookingForChangeRow>(BOOKINGS_FOR_CHANGE, [codes]);
  return new Map(rows.map((r) => [r.code, toBookingForChange(r)]));
}

export async function bookingsPaid(q: Pg, codes: readonly string[]): Promise<Map<string, BookingPaid>> {
  if (codes.length === 0) return new Map();
  const { rows } = await q.query<{ booking_code: string; payment_id: string; amount_cents: string | number }>(LATEST_PAYMENTS, [codes]);
  return new Map(rows.map((r) => [r.booking_code, { paymentId: r.payment_id, amountCents: Number(r.amount_cents) }]));
}

export async function holdSlotForMove(q: Pg, r: HoldRequest, bookingCode: string): Promise<HoldOutcome> {
  const { rows } = await q.query<Pick<SlotRow, 'hold_id' | 'held_by' | 'held_nre' | 'held_until' | 'hold_code'>>(numbered(HOLD_UPDATE), holdParams(r, bookingCode));
  const held = rows[0];
  if (held) return { held: true, hold: { holdId: held.hold_id!, terminalId: held.held_by!, nre: held.held_nre!, heldUntil: held.held_until!, bookingCode: held.hold_code! } };
  const exists = await q.query('SELECT 1 FROM slots WHERE slot_id = $1', [r.slotId]);
  return { held: false, reason: exists.rowCount ? 'SLOT_TAKEN' : 'SLOT_UNKNOWN' };
}

export async function refundRequests(q: Pg): Promise<RefundRequest[]> {
  const { rows } = await q.query<RefundRow>(`SELECT ${REFUND_COLUMNS} FROM refund_requests ORDER BY received_at, refund_id`);
  return rows.map(toRefund);
}

export async function bookingForChange(q: Pg, code: string): Promise<BookingForChange | undefined> {
  return (await bookingsForChange(q, [code])).get(code);
}

/** Inside ingest's transaction, after the agenda's writes (a booking of the batch may be moved or cancelled). */
export async function writeBookingChanges(q: Pg, w: BookingChangeWrites): Promise<void> {
  if (w.freeSlots.length > 0) await q.query(`UPDATE slots SET ${FREE_SLOT_SET} WHERE slot_id = ANY($1::text[])`, [w.freeSlots]);
  if (w.bookSlots.length > 0) {
    await q.query('UPDATE slots AS s SET booking_code = v.code FROM unnest($1::text[], $2::text[]) AS v(slot_id, code) WHERE s.slot_id = v.slot_id', [w.bookSlots.map((b) => b.slotId), w.bookSlots.map((b) => b.bookingCode)]);
  }
  if (w.reopenBookings.length > 0) await q.query('UPDATE prescriptions SET booking_code = NULL, booked_at = NULL WHERE booking_code = ANY($1::text[])', [w.reopenBookings]);
  if (w.moved.length > 0) {
    await q.query('UPDATE bookings AS b SET data = v.data, updated_at = $3 FROM unnest($1::text[], $2::jsonb[]) AS v(code, data) WHERE b.code = v.code', [w.moved.map((b) => b.code), w.moved.map((b) => JSON.stringify(b)), w.at]);
  }
  if (w.cancellations.length > 0) {
    const c = w.cancellations;
    await q.query(`INSERT INTO booking_cancellations (${CANCELLATION_COLUMNS}) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`, [
      c.map((x) => x.bookingCode), c.map((x) => x.transactionKey), c.map((x) => x.terminalId), c.map((x) => x.cancelledAt), c.map((x) => x.timing), c.map((x) => x.receivedAt),
    ]);
  }
  if (w.refunds.length > 0) {
    const values = w.refunds.map(refundValues);
    const types = ['text', 'text', 'text', 'int', 'text', 'text', 'text', 'text', 'text'];
    await q.query(`INSERT INTO refund_requests (${REFUND_COLUMNS}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`, types.map((_, i) => values.map((v) => v[i])));
  }
}

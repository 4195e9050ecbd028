import type { Booking, BookingStatus } from '../domain/types.ts';
import type { Queryable } from '../outbox/sqlite.ts';
import type { RefundRequest } from '../protocol/index.ts';
import { HOLD_UPDATE, holdParams, type SlotRow } from './agenda-rows.ts';
import type { HoldOutcome, HoldRequest } from './agenda-store.ts';
import {
  BOOKING_FOR_CHANGE_SELECT,
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
import { chunks, marks, valueRows } from './sqlite-sql.ts';

/** Cancellations, moves and refund requests on SQLite (see booking-change-store.ts for what each promises). */

const STARTS_AT = "json_extract(b.data, '$.startsAt')";

export async function citizenBookings(q: Queryable, taxCode: string, fromLocal: string): Promise<Booking[]> {
  const rows = await q.all<{ data: string; status: BookingStatus }>(
    `SELECT b.data, b.status FROM bookings b WHERE b.tax_code = ? AND b.status <> 'cancelled' AND ${STARTS_AT} >= ?
       AND NOT EXISTS (SELECT 1 FROM booking_cancellations c WHERE c.booking_code = b.code) ORDER BY ${STARTS_AT}, b.code`,
    [taxCode, fromLocal],
  );
  return rows.map((r) => ({ ...(JSON.parse(r.data) as Booking), status: r.status }));
}

export async function bookingsForChange(q: Queryable, codes: readonly string[]): Promise<Map<string, BookingForChange>> {
  const found = new Map<string, BookingForChange>();
  for (const chunk of chunks(codes)) {
    for (const row of await q.all<BookingForChangeRow>(`${BOOKING_FOR_CHANGE_SELECT} WHERE b.code IN (${marks(chunk)})`, chunk)) found.set(row.code, toBookingForChange(row));
  }
  return found;
}

export async function bookingsPaid(q: Queryable, codes: readonly string[]): Promise<Map<string, BookingPaid>> {
  const found = new Map<string, BookingPaid>();
  for (const chunk of chunks(codes)) {
    const rows = await q.all<{ booking_code: string; payment_id: string; amount_cents: number }>(
      `SELECT i.booking_code, i.payment_id, i.amount_cents FROM payment_items i JOIN payments p ON p.payment_id = i.payment_id
        WHERE i.booking_code IN (${marks(chunk)}) ORDER BY p.paid_at, p.payment_id`,
      chunk,
    );
    // The latest payment wins: a booking is paid once; an earlier row is a payment refused since.
    for (const r of rows) found.set(r.booking_code, { paymentId: r.payment_id, amountCents: r.amount_cents });
  }
  return found;
}

export async function holdSlotForMove(q: Queryable, r: HoldRequest, bookingCode: string): Promise<HoldOutcome> {
  const held = await q.get<Pick<SlotRow, 'hold_id' | 'held_by' | 'held_nre' | 'held_until' | 'hold_code'>>(HOLD_UPDATE, holdParams(r, bookingCode));
  if (held) return { held: true, hold: { holdId: held.hold_id!, terminalId: held.held_by!, nre: held.held_nre!, heldUntil: held.held_until!, bookingCode: held.hold_code! } };
  const exists = await q.get('SELECT 1 AS x FROM slots WHERE slot_id = ?', [r.slotId]);
  return { held: false, reason: exists ? 'SLOT_TAKEN' : 'SLOT_UNKNOWN' };
}

export async function refundRequests(q: Queryable): Promise<RefundRequest[]> {
  return (await q.all<RefundRow>(`SELECT ${REFUND_COLUMNS} FROM refund_requests ORDER BY received_at, refund_id`)).map(toRefund);
}

export async function bookingForChange(q: Queryable, code: string): Promise<BookingForChange | undefined> {
  return (await bookingsForChange(q, [code])).get(code);
}

/** Inside ingest's transaction, after the agenda's writes (a booking of the batch may be moved or cancelled). */
export async function writeBookingChanges(q: Queryable, w: BookingChangeWrites): Promise<void> {
  for (const chunk of chunks(w.freeSlots)) await q.run(`UPDATE slots SET ${FREE_SLOT_SET} WHERE slot_id IN (${marks(chunk)})`, chunk);
  for (const b of w.bookSlots) await q.run('UPDATE slots SET booking_code = ? WHERE slot_id = ?', [b.bookingCode, b.slotId]);
  for (const chunk of chunks(w.reopenBookings)) await q.run(`UPDATE prescriptions SET booking_code = NULL, booked_at = NULL WHERE booking_code IN (${marks(chunk)})`, chunk);
  for (const b of w.moved) await q.run('UPDATE bookings SET data = ?, updated_at = ? WHERE code = ?', [JSON.stringify(b), w.at, b.code]);
  for (const chunk of chunks(w.cancellations)) {
    await q.run(`INSERT INTO booking_cancellations (${CANCELLATION_COLUMNS}) VALUES ${valueRows(chunk.length, 6)}`, chunk.flatMap((c) => [c.bookingCode, c.transactionKey, c.terminalId, c.cancelledAt, c.timing, c.receivedAt]));
  }
  for (const chunk of chunks(w.refunds)) await q.run(`INSERT INTO refund_requests (${REFUND_COLUMNS}) VALUES ${valueRows(chunk.length, 9)}`, chunk.flatMap(refundValues));
}

import type { Booking, BookingStatus, IsoDate } from '../domain/types.ts';
import type { Queryable } from '../outbox/sqlite.ts';
import { hourBounds, type HourRow, type ReconciliationRows } from './reconciliation.ts';
import type { ConflictRecord, UnpaidTicketsPage } from './store.ts';

/**
 * Reconciliation, payments per hour, unpaid tickets and conflicts on SQLite: each one grouped
 * statement over an index (payments_paid_hour, bookings_appointment_day, transactions_conflicts).
 */

/** Spelt exactly as the bookings_appointment_day index, so SQLite uses it. */
const APPOINTMENT_DAY = "substr(json_extract(b.data, '$.startsAt'), 1, 10)";
const PROVIDER = "json_extract(b.data, '$.provider.fiscalCode')";
const PROVIDER_NAME = "json_extract(b.data, '$.provider.name')";

export async function reconciliationRows(q: Queryable, from: IsoDate, to: IsoDate): Promise<ReconciliationRows> {
  const [lo, hi] = hourBounds(from, to);
  const terminals = await q.all<ReconciliationRows['terminals'][number]>(
    `SELECT substr(paid_hour, 1, 10) AS day, terminal_id AS terminalId, COUNT(*) AS payments,
       SUM(CASE WHEN method = 'card' THEN 0 ELSE 1 END) AS cashPayments,
       SUM(paid_cents - change_cents) AS collectedCents, SUM(card_cents) AS cardCents,
       SUM(change_cents) AS changeCents, SUM(amount_cents) AS itemsCents
     FROM payments WHERE paid_hour >= ? AND paid_hour < ? GROUP BY 1, 2`,
    [lo, hi],
  );
  const providerTerminals = await q.all<ReconciliationRows['providerTerminals'][number]>(
    `SELECT substr(p.paid_hour, 1, 10) AS day, p.terminal_id AS terminalId, ${PROVIDER} AS fiscalCode, MAX(${PROVIDER_NAME}) AS name,
       COUNT(DISTINCT p.payment_id) AS payments, COUNT(*) AS items, SUM(i.amount_cents) AS paidCents
     FROM payments p JOIN payment_items i ON i.payment_id = p.payment_id JOIN bookings b ON b.code = i.booking_code
     WHERE p.paid_hour >= ? AND p.paid_hour < ? GROUP BY 1, 2, 3`,
    [lo, hi],
  );
  const appointments = await q.all<ReconciliationRows['appointments'][number]>(
    `SELECT ${APPOINTMENT_DAY} AS day, ${PROVIDER} AS fiscalCode, MAX(${PROVIDER_NAME}) AS name, COUNT(*) AS appointments,
       SUM(b.status = 'paid') AS paid, SUM(b.status = 'booked') AS unpaid,
       COALESCE(SUM(b.status = 'booked' AND n.status = 'payable'), 0) AS unpaidWithNotice,
       COALESCE(SUM(CASE WHEN b.status = 'booked' AND n.status = 'payable' THEN n.amount_cents END), 0) AS unpaidNoticeCents
     FROM bookings b LEFT JOIN notices n ON n.booking_code = b.code
     WHERE ${APPOINTMENT_DAY} BETWEEN ? AND ? AND b.status <> 'cancelled' GROUP BY 1, 2`,
    [from, to],
  );
  return { terminals, providerTerminals, appointments };
}

export function paymentsByHour(q: Queryable, from: IsoDate, to: IsoDate): Promise<HourRow[]> {
  return q.all<HourRow>(
    `SELECT paid_hour AS hour, COUNT(*) AS payments, SUM(paid_cents - change_cents) AS collectedCents,
       SUM(paid_cents - change_cents - card_cents) AS cashCents, SUM(card_cents) AS cardCents
     FROM payments WHERE paid_hour >= ? AND paid_hour < ? GROUP BY paid_hour ORDER BY paid_hour`,
    hourBounds(from, to),
  );
}

const UNPAID = `FROM bookings b LEFT JOIN notices n ON n.booking_code = b.code AND n.status = 'payable'
  WHERE b.status = 'booked' AND ${APPOINTMENT_DAY} < ?`;

export async function unpaidTickets(q: Queryable, asOf: IsoDate, limit: number): Promise<UnpaidTicketsPage> {
  const sums = await q.get<{ count: number; withNotice: number | null; noticeCents: number | null }>(
    `SELECT COUNT(*) AS count, SUM(n.notice_code IS NOT NULL) AS withNotice, SUM(n.amount_cents) AS noticeCents ${UNPAID}`,
    [asOf],
  );
  const rows = await q.all<{ data: string; status: BookingStatus; notice_code: string | null; amount_cents: number | null; due_date: string | null }>(
    `SELECT b.data, b.status, n.notice_code, n.amount_cents, n.due_date ${UNPAID} ORDER BY ${APPOINTMENT_DAY}, b.code LIMIT ?`,
    [asOf, limit],
  );
  return {
    count: sums?.count ?? 0,
    withNotice: sums?.withNotice ?? 0,
    noticeCents: sums?.noticeCents ?? 0,
    tickets: rows.map((r) => ({
      booking: { ...(JSON.parse(r.data) as Booking), status: r.status },
      notice: r.notice_code === null ? null : { noticeCode: r.notice_code, amountCents: Number(r.amount_cents), dueDate: r.due_date ?? '' },
    })),
  };
}

export async function conflicts(q: Queryable, limit: number): Promise<ConflictRecord[]> {
  const rows = await q.all<{ key: string; terminal_id: string; seq: number; kind: string; reason: string | null; created_at: string; received_at: string; payload: string }>(
    "SELECT key, terminal_id, seq, kind, reason, created_at, received_at, payload FROM transactions WHERE status = 'conflict' ORDER BY received_at DESC, key LIMIT ?",
    [limit],
  );
  return rows.map((r) => ({
    key: r.key,
    terminalId: r.terminal_id,
    seq: r.seq,
    kind: r.kind,
    reason: r.reason ?? 'CONFLICT',
    createdAt: r.created_at,
    receivedAt: r.received_at,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
  }));
}

import type pg from 'pg';
import type { Booking, BookingStatus, IsoDate } from '../domain/types.ts';
import { hourBounds, type HourRow, type ReconciliationRows } from './reconciliation.ts';
import type { ConflictRecord, UnpaidTicketsPage } from './store.ts';

/**
 * Reconciliation, payments per hour, unpaid tickets and conflicts on PostgreSQL: one grouped
 * statement each, over the indexes of the money migration, so a region's year (millions of
 * payments) is read by range and summed in the server. Sums come back as int8 text: counted
 * back to numbers here.
 */

type Pg = Pick<pg.Pool, 'query'>;

/** Spelt exactly as the bookings_appointment_day index, so the planner uses it. */
const APPOINTMENT_DAY = "left(b.data->>'startsAt', 10)";

const numbers = <T,>(rows: Record<string, unknown>[], text: readonly string[]): T[] =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, text.includes(k) ? v : Number(v ?? 0)])) as T);

export async function reconciliationRows(q: Pg, from: IsoDate, to: IsoDate): Promise<ReconciliationRows> {
  const [lo, hi] = hourBounds(from, to);
  const terminals = await q.query(
    `SELECT left(paid_hour, 10) AS day, terminal_id AS "terminalId", COUNT(*) AS payments,
       COUNT(*) FILTER (WHERE method <> 'card') AS "cashPayments",
       SUM(paid_cents - change_cents) AS "collectedCents", SUM(card_cents) AS "cardCents",
       SUM(change_cents) AS "changeCents", SUM(amount_cents) AS "itemsCents"
     FROM payments WHERE paid_hour >= $1 AND paid_hour < $2 GROUP BY 1, 2`,
    [lo, hi],
  );
  const providerTerminals = await q.query(
    `SELECT left(p.paid_hour, 10) AS day, p.terminal_id AS "terminalId", b.data->'provider'->>'fiscalCode' AS "fiscalCode", MAX(b.data->'provider'->>'name') AS name,
       COUNT(DISTINCT p.payment_id) AS payments, COUNT(*) AS items, SUM(i.amount_cents) AS "paidCents"
     FROM payments p JOIN payment_items i ON i.payment_id = p.payment_id JOIN bookings b ON b.code = i.booking_code
     WHERE p.paid_hour >= $1 AND p.paid_hour < $2 GROUP BY 1, 2, 3`,
    [lo, hi],
  );
  const appointments = await q.query(
    `SELECT ${APPOINTMENT_DAY} AS day, b.data->'provider'->>'fiscalCode' AS "fiscalCode", MAX(b.data->'provider'->>'name') AS name, COUNT(*) AS appointments,
       COUNT(*) FILTER (WHERE b.status = 'paid') AS paid, COUNT(*) FILTER (WHERE b.status = 'booked') AS unpaid,
       COUNT(*) FILTER (WHERE b.status = 'booked' AND n.status = 'payable') AS "unpaidWithNotice",
       COALESCE(SUM(n.amount_cents) FILTER (WHERE b.status = 'booked' AND n.status = 'payable'), 0) AS "unpaidNoticeCents"
     FROM bookings b LEFT JOIN notices n ON n.booking_code = b.code
     WHERE ${APPOINTMENT_DAY} BETWEEN $1 AND $2 AND b.status <> 'cancelled' GROUP BY 1, 2`,
    [from, to],
  );
  return {
    terminals: numbers(terminals.rows, ['day', 'terminalId']),
    providerTerminals: numbers(providerTerminals.rows, ['day', 'terminalId', 'fiscalCode', 'name']),
    appointments: numbers(appointments.rows, ['day', 'fiscalCode', 'name']),
  };
}

export async function paymentsByHour(q: Pg, from: IsoDate, to: IsoDate): Promise<HourRow[]> {
  const { rows } = await q.query(
    `SELECT paid_hour AS hour, COUNT(*) AS payments, SUM(paid_cents - change_cents) AS "collectedCents",
       SUM(paid_cents - change_cents - card_cents) AS "cashCents", SUM(card_cents) AS "cardCents"
     FROM payments WHERE paid_hour >= $1 AND paid_hour < $2 GROUP BY paid_hour ORDER BY paid_hour`,
    hourBounds(from, to),
  );
  return numbers(rows, ['hour']);
}

const UNPAID = `FROM bookings b LEFT JOIN notices n ON n.booking_code = b.code AND n.status = 'payable'
  WHERE b.status = 'booked' AND ${APPOINTMENT_DAY} < $1`;

export async function unpaidTickets(q: Pg, asOf: IsoDate, limit: number): Promise<UnpaidTicketsPage> {
  const sums = await q.query<{ count: string; with_notice: string; notice_cents: string | null }>(
    `SELECT COUNT(*) AS count, COUNT(n.notice_code) AS with_notice, SUM(n.amount_cents) AS notice_cents ${UNPAID}`,
    [asOf],
  );
  // Byte order of codes, as SQLite sorts them, whatever the database's collation.
  const { rows } = await q.query<{ data: Booking; status: BookingStatus; notice_code: string | null; amount_cents: number | null; due_date: string | null }>(
    `SELECT b.data, b.status, n.notice_code, n.amount_cents, n.due_date ${UNPAID} ORDER BY ${APPOINTMENT_DAY} COLLATE "C", b.code COLLATE "C" LIMIT $2`,
    [asOf, limit],
  );
  const s = sums.rows[0];
  return {
    count: Number(s?.count ?? 0),
    withNotice: Number(s?.with_notice ?? 0),
    noticeCents: Number(s?.notice_cents ?? 0),
    tickets: rows.map((r) => ({
      booking: { ...r.data, status: r.status },
      notice: r.notice_code === null ? null : { noticeCode: r.notice_code, amountCents: Number(r.amount_cents), dueDate: r.due_date ?? '' },
    })),
  };
}

export async function conflicts(q: Pg, limit: number): Promise<ConflictRecord[]> {
  const { rows } = await q.query<{ key: string; terminal_id: string; seq: string; kind: string; reason: string | null; created_at: string; received_at: string; payload: Record<string, unknown> }>(
    `SELECT key, terminal_id, seq, kind, reason, created_at, received_at, payload FROM transactions WHERE status = 'conflict'
     ORDER BY received_at DESC, key COLLATE "C" LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    key: r.key,
    terminalId: r.terminal_id,
    seq: Number(r.seq),
    kind: r.kind,
    reason: r.reason ?? 'CONFLICT',
    createdAt: r.created_at,
    receivedAt: r.received_at,
    payload: r.payload,
  }));
}

import type { NoticeDraft } from '../domain/notices.ts';
import type { Booking, BookingStatus, IsoDate } from '../domain/types.ts';
import type { Database, Queryable } from '../outbox/sqlite.ts';
import { paymentItems, type Notice, type PaymentPayload } from '../protocol/index.ts';
import { issued, LOCK_WHERE, lockRefusal, toNotice, type NoticeRow } from './notice-rows.ts';
import { chunks, marks, valueRows } from './sqlite-sql.ts';
import type { NoticeFilter, NoticeHolder, NoticeIssue, NoticeLockOutcome, NoticePaid, NoticeState } from './store.ts';

/**
 * The notices table's statements on SQLite, for the store and its ingest transaction. The store
 * has one connection and its transactions are IMMEDIATE, so a check and the write after it can
 * never be split by another writer.
 */

/** A freshly issued notice's columns, and its values in that order. */
const NOTICE_COLUMNS = 'notice_code, iuv, creditor_fiscal_code, creditor_name, booking_code, tax_code, amount_cents, subject, due_date, issued_at, status';
const noticeValues = (n: Notice) => [n.noticeCode, n.iuv, n.creditorFiscalCode, n.creditorName, n.bookingCode, n.taxCode, n.amountCents, n.subject, n.dueDate, n.issuedAt, n.status];
const toBooking = (r: { data: string; status: BookingStatus }): Booking => ({ ...(JSON.parse(r.data) as Booking), status: r.status });
const STARTS_AT = "json_extract(b.data, '$.startsAt')";
const NO_NOTICE = 'NOT EXISTS (SELECT 1 FROM notices n WHERE n.booking_code = b.code)';

export async function noticeCandidates(q: Queryable, asOf: IsoDate, onlyCodes?: readonly string[]): Promise<Booking[]> {
  // A scan of the booked ones: a daily run; an index here would cost every payment its upkeep.
  const where = `b.status = 'booked' AND substr(${STARTS_AT}, 1, 10) < ? AND ${NO_NOTICE}`;
  if (!onlyCodes) return (await q.all<{ data: string; status: BookingStatus }>(`SELECT b.data, b.status FROM bookings b WHERE ${where} ORDER BY ${STARTS_AT}, b.code`, [asOf])).map(toBooking);
  const out: Booking[] = [];
  for (const chunk of chunks(onlyCodes)) {
    out.push(...(await q.all<{ data: string; status: BookingStatus }>(`SELECT b.data, b.status FROM bookings b WHERE ${where} AND b.code IN (${marks(chunk)})`, [asOf, ...chunk])).map(toBooking));
  }
  return out.sort((x, y) => (x.startsAt === y.startsAt ? (x.code < y.code ? -1 : 1) : x.startsAt < y.startsAt ? -1 : 1));
}

export async function unpaidBookings(q: Queryable, taxCode: string): Promise<Booking[]> {
  const rows = await q.all<{ data: string; status: BookingStatus }>(`SELECT b.data, b.status FROM bookings b WHERE b.tax_code = ? AND b.status = 'booked' AND ${NO_NOTICE} ORDER BY ${STARTS_AT}, b.code`, [taxCode]);
  return rows.map(toBooking);
}

/** Checks, numbers and inserts in one IMMEDIATE transaction, one statement of each per chunk. */
export function issueNotices(db: Database, drafts: readonly NoticeDraft[], issue: NoticeIssue): Promise<Notice[]> {
  return db.transaction(async (tx) => {
    const out: Notice[] = [];
    for (const chunk of chunks(drafts)) {
      const codes = chunk.map((d) => d.bookingCode);
      const eligible = new Set(
        (await tx.all<{ code: string }>(`SELECT b.code FROM bookings b WHERE b.code IN (${marks(codes)}) AND b.status = 'booked' AND ${NO_NOTICE}`, codes)).map((r) => r.code),
      );
      const keep = chunk.filter((d) => eligible.delete(d.bookingCode));
      if (keep.length === 0) continue;
      // The counter moves inside the transaction: a rolled-back run hands its numbers out again,
      // and no notice was ever issued under them.
      const row = await tx.get<{ last: number }>('UPDATE notice_numbers SET last = last + ? WHERE id = 1 RETURNING last', [keep.length]);
      const first = row!.last - keep.length + 1;
      const notices = keep.map((d, i) => issued(d, issue, first + i));
      await tx.run(`INSERT INTO notices (${NOTICE_COLUMNS}) VALUES ${valueRows(notices.length, 11)}`, notices.flatMap(noticeValues));
      out.push(...notices);
    }
    return out;
  });
}

export async function getNotice(q: Queryable, noticeCode: string): Promise<Notice | undefined> {
  const row = await q.get<NoticeRow>('SELECT * FROM notices WHERE notice_code = ?', [noticeCode]);
  return row && toNotice(row);
}

export async function listNotices(q: Queryable, filter: NoticeFilter = {}): Promise<Notice[]> {
  const where: string[] = [];
  const params: string[] = [];
  for (const [column, value] of [['tax_code', filter.taxCode], ['status', filter.status]] as const) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`${column} = ?`);
  }
  const rows = await q.all<NoticeRow>(`SELECT * FROM notices ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY issued_at DESC, notice_code DESC`, params);
  return rows.map(toNotice);
}

export function lockNotice(db: Database, noticeCode: string, holder: NoticeHolder, now: string, until: string): Promise<NoticeLockOutcome> {
  return db.transaction(async (tx) => {
    const r = await tx.run(`UPDATE notices SET lock_terminal_id = ?, lock_payment_id = ?, locked_until = ? WHERE notice_code = ? AND ${LOCK_WHERE}`, [
      holder.terminalId, holder.paymentId, until, noticeCode, now, holder.terminalId, holder.paymentId,
    ]);
    if (r.changes === 1) return { locked: true, lockedUntil: until };
    return lockRefusal(await tx.get<NoticeRow>('SELECT status FROM notices WHERE notice_code = ?', [noticeCode]));
  });
}

export async function releaseNotice(q: Queryable, noticeCode: string, holder: NoticeHolder): Promise<boolean> {
  const r = await q.run('UPDATE notices SET lock_terminal_id = NULL, lock_payment_id = NULL, locked_until = NULL WHERE notice_code = ? AND lock_terminal_id = ? AND lock_payment_id = ?', [
    noticeCode, holder.terminalId, holder.paymentId,
  ]);
  return r.changes === 1;
}

export async function noticeStates(q: Queryable, noticeCodes: readonly string[], bookingCodes: readonly string[]): Promise<NoticeState[]> {
  const found = new Map<string, NoticeState>();
  const read = async (column: 'notice_code' | 'booking_code', values: readonly string[]) => {
    for (const chunk of chunks(values)) {
      const rows = await q.all<NoticeRow>(`SELECT notice_code, booking_code, status, amount_cents FROM notices WHERE ${column} IN (${marks(chunk)})`, chunk);
      for (const r of rows) found.set(r.notice_code, { noticeCode: r.notice_code, bookingCode: r.booking_code, status: r.status, amountCents: Number(r.amount_cents) });
    }
  };
  await read('notice_code', noticeCodes);
  await read('booking_code', bookingCodes);
  return [...found.values()];
}

export async function setNoticesPaid(q: Queryable, changes: readonly NoticePaid[]): Promise<void> {
  for (const chunk of chunks(changes)) {
    await q.run(
      `UPDATE notices SET status = 'paid', paid_at = v.column2, paid_by = v.column3, lock_terminal_id = NULL, lock_payment_id = NULL, locked_until = NULL
       FROM (VALUES ${valueRows(chunk.length, 3)}) AS v WHERE notices.notice_code = v.column1`,
      chunk.flatMap((c) => [c.noticeCode, c.paidAt, c.paidBy]),
    );
  }
}

/** One row per item of each payment (its one booking when it names no items). */
export async function insertPaymentItems(q: Queryable, payments: readonly { payment: PaymentPayload }[]): Promise<void> {
  const rows = payments.flatMap(({ payment }) => paymentItems(payment).map((item, position) => [payment.paymentId, position, item.bookingCode, item.amountCents, item.noticeCode ?? null]));
  for (const chunk of chunks(rows)) {
    await q.run(`INSERT INTO payment_items (payment_id, position, booking_code, amount_cents, notice_code) VALUES ${valueRows(chunk.length, 5)}`, chunk.flat());
  }
}

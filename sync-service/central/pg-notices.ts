import type pg from 'pg';
import type { NoticeDraft } from '../domain/notices.ts';
import type { Booking, BookingStatus, IsoDate } from '../domain/types.ts';
import type { Notice } from '../protocol/index.ts';
import { WriteRaceError } from './pg-race.ts';
import { keyLookupSql, lookupFrom, prepared } from './pg-lookup.ts';
import { issued, LOCK_WHERE, lockRefusal, toNotice, type NoticeRow } from './notice-rows.ts';
import type { NoticeFilter, NoticeHolder, NoticeIssue, NoticeLockOutcome, NoticePaid, NoticeState } from './store.ts';

/**
 * The notices table's statements on PostgreSQL. Several centrals may share the database: a
 * lock is one conditional UPDATE (the row lock makes a second locker re-check the condition
 * against the winner's row), issuing locks the bookings it issues for, and the unique booking
 * code catches anything that still slips through, so the store retries instead of issuing twice.
 */

type Pg = Pick<pg.PoolClient, 'query'>;

/** `?` placeholders, numbered for PostgreSQL. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

const STARTS_AT = "b.data->>'startsAt'";
const NO_NOTICE = 'NOT EXISTS (SELECT 1 FROM notices n WHERE n.booking_code = b.code)';
const toBooking = (r: { data: Booking; status: BookingStatus }): Booking => ({ ...r.data, status: r.status });

export async function noticeCandidates(q: Pg, asOf: IsoDate, onlyCodes?: readonly string[]): Promise<Booking[]> {
  // A scan of the booked ones: a daily run; an index here would cost every payment its upkeep.
  const { rows } = await q.query<{ data: Booking; status: BookingStatus }>(
    `SELECT b.data, b.status FROM bookings b WHERE b.status = 'booked' AND left(${STARTS_AT}, 10) < $1 AND ${NO_NOTICE}
     ${onlyCodes ? 'AND b.code = ANY($2::text[])' : ''} ORDER BY ${STARTS_AT}, b.code`,
    onlyCodes ? [asOf, onlyCodes] : [asOf],
  );
  return rows.map(toBooking);
}

export async function unpaidBookings(q: Pg, taxCode: string): Promise<Booking[]> {
  const { rows } = await q.query<{ data: Booking; status: BookingStatus }>(
    `SELECT b.data, b.status FROM bookings b WHERE b.tax_code = $1 AND b.status = 'booked' AND ${NO_NOTICE} ORDER BY ${STARTS_AT}, b.code`,
    [taxCode],
  );
  return rows.map(toBooking);
}

/** Runs inside the store's transaction (retried after a lost race). */
export async function issueNotices(client: Pg, drafts: readonly NoticeDraft[], issue: NoticeIssue): Promise<Notice[]> {
  const codes = [...new Set(drafts.map((d) => d.bookingCode))];
  if (codes.length === 0) return [];
  // Locked in code order, as ingest locks them, so an issuing run and a payment queue up.
  await client.query("SELECT code FROM bookings WHERE code = ANY($1::text[]) AND status = 'booked' ORDER BY code FOR UPDATE", [codes]);
  // A statement after the locks: it sees whatever a run that held them before us committed.
  const { rows } = await client.query<{ code: string }>(`SELECT b.code FROM bookings b WHERE b.code = ANY($1::text[]) AND b.status = 'booked' AND ${NO_NOTICE}`, [codes]);
  const eligible = new Set(rows.map((r) => r.code));
  const keep = drafts.filter((d) => eligible.delete(d.bookingCode));
  if (keep.length === 0) return [];
  // nextval is never rolled back: a number taken by a run that failed is simply never used.
  const taken = await client.query<{ n: string }>("SELECT nextval('notice_iuv_base') AS n FROM generate_series(1, $1) ORDER BY 1", [keep.length]);
  const notices = keep.map((d, i) => issued(d, issue, Number(taken.rows[i]!.n)));
  const column = <T>(f: (n: Notice) => T) => notices.map(f);
  const r = await client.query(
    `INSERT INTO notices (notice_code, iuv, creditor_fiscal_code, creditor_name, booking_code, tax_code, amount_cents, subject, due_date, issued_at, status)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[], $11::text[])
     ON CONFLICT DO NOTHING`,
    [
      column((n) => n.noticeCode),
      column((n) => n.iuv),
      column((n) => n.creditorFiscalCode),
      column((n) => n.creditorName),
      column((n) => n.bookingCode),
      column((n) => n.taxCode),
      column((n) => n.amountCents),
      column((n) => n.subject),
      column((n) => n.dueDate),
      column((n) => n.issuedAt),
      column((n) => n.status),
    ],
  );
  if (r.rowCount !== notices.length) throw new WriteRaceError('notices', notices.length, r.rowCount ?? 0);
  return notices;
}

export async function getNotice(q: Pg, noticeCode: string): Promise<Notice | undefined> {
  const { rows } = await q.query<NoticeRow>('SELECT * FROM notices WHERE notice_code = $1', [noticeCode]);
  return rows[0] && toNotice(rows[0]);
}

export async function listNotices(q: Pg, filter: NoticeFilter = {}): Promise<Notice[]> {
  const where: string[] = [];
  const params: string[] = [];
  for (const [column, value] of [['tax_code', filter.taxCode], ['status', filter.status]] as const) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  }
  const { rows } = await q.query<NoticeRow>(`SELECT * FROM notices ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY issued_at DESC, notice_code DESC`, params);
  return rows.map(toNotice);
}

export async function lockNotice(q: Pg, noticeCode: string, holder: NoticeHolder, now: string, until: string): Promise<NoticeLockOutcome> {
  const r = await q.query(numbered(`UPDATE notices SET lock_terminal_id = ?, lock_payment_id = ?, locked_until = ? WHERE notice_code = ? AND ${LOCK_WHERE}`), [
    holder.terminalId, holder.paymentId, until, noticeCode, now, holder.terminalId, holder.paymentId,
  ]);
  if (r.rowCount === 1) return { locked: true, lockedUntil: until };
  const { rows } = await q.query<Pick<NoticeRow, 'status'>>('SELECT status FROM notices WHERE notice_code = $1', [noticeCode]);
  return lockRefusal(rows[0]);
}

export async function releaseNotice(q: Pg, noticeCode: string, holder: NoticeHolder): Promise<boolean> {
  const r = await q.query('UPDATE notices SET lock_terminal_id = NULL, lock_payment_id = NULL, locked_until = NULL WHERE notice_code = $1 AND lock_terminal_id = $2 AND lock_payment_id = $3', [
    noticeCode, holder.terminalId, holder.paymentId,
  ]);
  return r.rowCount === 1;
}

/** The notices named, and those of the bookings named, found by index then locked in code order. */
const NOTICES_FOR_UPDATE = prepared(lookupFrom(
  `SELECT notice_code AS k FROM (${keyLookupSql({ columns: 'notice_code', table: 'notices', key: 'notice_code', keyType: 'text' })}
     UNION ${keyLookupSql({ columns: 'notice_code', table: 'notices', key: 'booking_code', keyType: 'text', param: 2 })}) AS named ORDER BY k`,
  { columns: 'notice_code, booking_code, status, amount_cents', table: 'notices', key: 'notice_code', forUpdate: true },
));

export async function noticeStates(q: Pg, noticeCodes: readonly string[], bookingCodes: readonly string[]): Promise<NoticeState[]> {
  if (noticeCodes.length === 0 && bookingCodes.length === 0) return [];
  // Locked until commit, in code order, after the bookings: a lock or a second payment waits.
  const { rows } = await q.query<NoticeRow>({ ...NOTICES_FOR_UPDATE, values: [noticeCodes, bookingCodes] });
  return rows.map((r) => ({ noticeCode: r.notice_code, bookingCode: r.booking_code, status: r.status, amountCents: Number(r.amount_cents) }));
}

export async function setNoticesPaid(q: Pg, changes: readonly NoticePaid[]): Promise<void> {
  if (changes.length === 0) return;
  await q.query(
    `UPDATE notices AS n SET status = 'paid', paid_at = v.at, paid_by = v.key, lock_terminal_id = NULL, lock_payment_id = NULL, locked_until = NULL
     FROM unnest($1::text[], $2::text[], $3::text[]) AS v(code, at, key) WHERE n.notice_code = v.code`,
    [changes.map((c) => c.noticeCode), changes.map((c) => c.paidAt), changes.map((c) => c.paidBy)],
  );
}


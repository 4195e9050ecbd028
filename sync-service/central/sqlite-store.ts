import type { AgendaSlot, PrescriptionRecord } from '../domain/agenda.ts';
import { migrate } from '../outbox/migrate.ts';
import { openDatabase, type Database, type Transaction } from '../outbox/sqlite.ts';
import type { NoticeDraft } from '../domain/notices.ts';
import type { Booking, BookingStatus, IsoDate } from '../domain/types.ts';
import type { IncomeBandPayload, Notice, PaymentPayload, StoredTransaction, WaitingListEntry } from '../protocol/index.ts';
import type { FreeSlotQuery, HoldOutcome, HoldRequest, PrescriptionState, SlotState, WaitingListRow } from './agenda-store.ts';
import * as agenda from './sqlite-agenda.ts';
import * as changes from './sqlite-booking-changes.ts';
import type { BookingChangeWrites, BookingForChange, BookingPaid } from './booking-change-store.ts';
import type { RefundRequest } from '../protocol/index.ts';
import { CAMPAIGN_SCOPE, CAMPAIGN_SQLITE_MIGRATIONS } from './campaign-migrations.ts';
import { sqliteCampaigns } from './sqlite-campaigns.ts';
import { PruneSchedule } from './heartbeat-rows.ts';
import { romeHourOf, type HourRow, type ReconciliationRows } from './reconciliation.ts';
import * as money from './sqlite-money.ts';
import * as staff from './sqlite-staff.ts';
import type { ConflictRecord, StaffAccount, StaffSession, UnpaidTicketsPage } from './store.ts';
import * as heartbeats from './sqlite-heartbeats.ts';
import { existingIncomeBands, incomeBandOn, insertIncomeBands } from './sqlite-income-bands.ts';
import { CENTRAL_SQLITE_MIGRATIONS } from './sqlite-migrations.ts';
import * as notices from './sqlite-notices.ts';
import { chunks, marks, valueRows } from './sqlite-sql.ts';
import type {
  BookingStatusChange,
  CentralStore,
  CentralTx,
  HeartbeatRecord,
  IncomeBandRecord,
  ListOptions,
  NoticeFilter,
  NoticeHolder,
  NoticeIssue,
  NoticeLockOutcome,
  NoticePaid,
  NoticeState,
  RuleSetRecord,
  TerminalHeartbeat,
  TerminalRecord,
  TransactionRecord,
} from './store.ts';

export { CENTRAL_SQLITE_MIGRATIONS };

interface RuleSetRow {
  snapshot: number;
  version: string;
  effective_from: string;
  document: string;
  digest: string;
  published_at: string;
}

const toRuleSet = (r: RuleSetRow): RuleSetRecord => ({ snapshot: r.snapshot, version: r.version, effectiveFrom: r.effective_from, document: r.document, digest: r.digest, publishedAt: r.published_at });

/** Prune expired nonces once every this many remembered ones: cheap, and the table stays small. */
const NONCE_PRUNE_EVERY = 256;

interface TransactionRow {
  key: string;
  terminal_id: string;
  seq: number;
  kind: string;
  payload: string;
  digest: string;
  status: 'stored' | 'conflict';
  reason: string | null;
  created_at: string;
  received_at: string;
}

/** The embedded central store: one SQLite file, WAL, one connection (writes are serialised). */
export class SqliteCentralStore implements CentralStore {
  private noncesSincePrune = 0;
  private readonly heartbeatPrune = new PruneSchedule();

  private constructor(readonly db: Database) {}

  static async open(file: string): Promise<SqliteCentralStore> {
    const db = await openDatabase(file);
    try {
      await migrate(db, CENTRAL_SQLITE_MIGRATIONS, { scope: 'central' });
      await migrate(db, CAMPAIGN_SQLITE_MIGRATIONS, { scope: CAMPAIGN_SCOPE });
    } catch (e) {
      await db.close();
      throw e;
    }
    return new SqliteCentralStore(db);
  }

  transaction<T>(fn: (tx: CentralTx) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new SqliteCentralTx(tx)));
  }

  get campaigns() {
    return sqliteCampaigns(this.db);
  }

  async getBooking(code: string): Promise<Booking | undefined> {
    return readBooking(this.db, code);
  }

  addBookings(bookings: readonly Booking[]): Promise<number> {
    const at = new Date().toISOString();
    return this.db.transaction(async (tx) => {
      let added = 0;
      for (const chunk of chunks(bookings)) {
        const r = await tx.run(
          `INSERT INTO bookings (code, tax_code, status, data, updated_at) VALUES ${valueRows(chunk.length, 5)} ON CONFLICT (code) DO NOTHING`,
          chunk.flatMap((b) => [b.code, b.taxCode, b.status, JSON.stringify(b), at]),
        );
        added += r.changes;
      }
      return added;
    });
  }

  async listTransactions(terminalId: string, options: ListOptions = {}): Promise<StoredTransaction[]> {
    const rows = await this.db.all<TransactionRow>('SELECT * FROM transactions WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?', [terminalId, options.afterSeq ?? 0, options.limit ?? 1000]);
    return rows.map((r) => {
      const { digest: _digest, ...wire } = toRecord(r);
      return wire;
    });
  }

  async putEnrolmentCode(terminalId: string, codeHash: string, createdAt: string, expiresAt: string): Promise<void> {
    await this.db.run('INSERT INTO enrolment_codes (code_hash, terminal_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [codeHash, terminalId, createdAt, expiresAt]);
  }

  enrolTerminal(terminalId: string, codeHash: string, publicKey: string, at: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const spent = await tx.run('UPDATE enrolment_codes SET used_at = ? WHERE code_hash = ? AND terminal_id = ? AND used_at IS NULL AND expires_at > ?', [at, codeHash, terminalId, at]);
      if (spent.changes !== 1) return false;
      await tx.run(
        `INSERT INTO terminals (terminal_id, public_key, enrolled_at, revoked_at) VALUES (?, ?, ?, NULL)
         ON CONFLICT (terminal_id) DO UPDATE SET public_key = excluded.public_key, enrolled_at = excluded.enrolled_at, revoked_at = NULL`,
        [terminalId, publicKey, at],
      );
      return true;
    });
  }

  async getTerminal(terminalId: string): Promise<TerminalRecord | undefined> {
    const row = await this.db.get<{ terminal_id: string; public_key: string; enrolled_at: string; revoked_at: string | null }>('SELECT * FROM terminals WHERE terminal_id = ?', [terminalId]);
    return row && { terminalId: row.terminal_id, publicKey: row.public_key, enrolledAt: row.enrolled_at, revokedAt: row.revoked_at };
  }

  async revokeTerminal(terminalId: string, at: string): Promise<boolean> {
    const r = await this.db.run('UPDATE terminals SET revoked_at = ? WHERE terminal_id = ? AND revoked_at IS NULL', [at, terminalId]);
    return r.changes === 1;
  }

  async rememberNonce(terminalId: string, nonce: string, expiresAt: string, now: string): Promise<boolean> {
    if (++this.noncesSincePrune >= NONCE_PRUNE_EVERY) {
      this.noncesSincePrune = 0;
      await this.db.run('DELETE FROM nonces WHERE expires_at < ?', [now]);
    }
    const r = await this.db.run('INSERT INTO nonces (terminal_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [terminalId, nonce, expiresAt]);
    return r.changes === 1;
  }

  putRuleSet(r: Omit<RuleSetRecord, 'snapshot'>): Promise<{ record: RuleSetRecord; created: boolean }> {
    return this.db.transaction(async (tx) => {
      const held = await tx.get<RuleSetRow>('SELECT * FROM rule_sets WHERE version = ?', [r.version]);
      if (held) return { record: toRuleSet(held), created: false };
      const { lastID } = await tx.run('INSERT INTO rule_sets (version, effective_from, document, digest, published_at) VALUES (?, ?, ?, ?, ?)', [r.version, r.effectiveFrom, r.document, r.digest, r.publishedAt]);
      return { record: { ...r, snapshot: lastID }, created: true };
    });
  }

  async listRuleSets(sinceSnapshot: number): Promise<RuleSetRecord[]> {
    return (await this.db.all<RuleSetRow>('SELECT * FROM rule_sets WHERE snapshot > ? ORDER BY snapshot', [sinceSnapshot])).map(toRuleSet);
  }

  async ruleSnapshot(): Promise<number> {
    return (await this.db.get<{ n: number | null }>('SELECT MAX(snapshot) AS n FROM rule_sets'))?.n ?? 0;
  }

  incomeBandOn(taxCode: string, date: string): Promise<IncomeBandRecord | undefined> {
    return incomeBandOn(this.db, taxCode, date);
  }

  noticeCandidates(asOf: IsoDate, onlyCodes?: readonly string[]): Promise<Booking[]> {
    return notices.noticeCandidates(this.db, asOf, onlyCodes);
  }

  issueNotices(drafts: readonly NoticeDraft[], issue: NoticeIssue): Promise<Notice[]> {
    return notices.issueNotices(this.db, drafts, issue);
  }

  getNotice(noticeCode: string): Promise<Notice | undefined> {
    return notices.getNotice(this.db, noticeCode);
  }

  listNotices(filter?: NoticeFilter): Promise<Notice[]> {
    return notices.listNotices(this.db, filter);
  }

  lockNotice(noticeCode: string, holder: NoticeHolder, now: string, until: string): Promise<NoticeLockOutcome> {
    return notices.lockNotice(this.db, noticeCode, holder, now, until);
  }

  releaseNotice(noticeCode: string, holder: NoticeHolder): Promise<boolean> {
    return notices.releaseNotice(this.db, noticeCode, holder);
  }

  unpaidBookings(taxCode: string): Promise<Booking[]> {
    return notices.unpaidBookings(this.db, taxCode);
  }

  putHeartbeat(record: HeartbeatRecord, keepSince: string): Promise<void> {
    return heartbeats.putHeartbeat(this.db, record, this.heartbeatPrune.due(record.receivedAt) ? keepSince : undefined);
  }

  terminalHeartbeats(): Promise<TerminalHeartbeat[]> {
    return heartbeats.terminalHeartbeats(this.db);
  }

  heartbeatHistory(terminalId: string, since: string): Promise<HeartbeatRecord[]> {
    return heartbeats.heartbeatHistory(this.db, terminalId, since);
  }

  addPrescriptions(prescriptions: readonly PrescriptionRecord[]): Promise<number> {
    return agenda.addPrescriptions(this.db, prescriptions);
  }

  addSlots(slots: readonly AgendaSlot[]): Promise<number> {
    return agenda.addSlots(this.db, slots);
  }

  prescriptionsOf(taxCode: string): Promise<PrescriptionState[]> {
    return agenda.prescriptionsOf(this.db, taxCode);
  }

  getPrescription(nre: string): Promise<PrescriptionState | undefined> {
    return agenda.getPrescription(this.db, nre);
  }

  getSlot(slotId: string): Promise<SlotState | undefined> {
    return agenda.getSlot(this.db, slotId);
  }

  freeSlots(query: FreeSlotQuery): Promise<AgendaSlot[]> {
    return agenda.freeSlots(this.db, query);
  }

  holdSlot(request: HoldRequest): Promise<HoldOutcome> {
    return agenda.holdSlot(this.db, request);
  }

  releaseHold(holdId: string, terminalId: string, now: string): Promise<boolean> {
    return agenda.releaseHold(this.db, holdId, terminalId, now);
  }

  waitingList(status?: WaitingListEntry['status']): Promise<WaitingListEntry[]> {
    return agenda.waitingList(this.db, status);
  }

  citizenBookings(taxCode: string, fromLocal: string): Promise<Booking[]> {
    return changes.citizenBookings(this.db, taxCode, fromLocal);
  }

  bookingForChange(code: string): Promise<BookingForChange | undefined> {
    return changes.bookingForChange(this.db, code);
  }

  holdSlotForMove(request: HoldRequest, bookingCode: string): Promise<HoldOutcome> {
    return changes.holdSlotForMove(this.db, request, bookingCode);
  }

  refundRequests(): Promise<RefundRequest[]> {
    return changes.refundRequests(this.db);
  }

  reconciliationRows(from: IsoDate, to: IsoDate): Promise<ReconciliationRows> {
    return money.reconciliationRows(this.db, from, to);
  }

  paymentsByHour(from: IsoDate, to: IsoDate): Promise<HourRow[]> {
    return money.paymentsByHour(this.db, from, to);
  }

  unpaidTickets(asOf: IsoDate, limit: number): Promise<UnpaidTicketsPage> {
    return money.unpaidTickets(this.db, asOf, limit);
  }

  conflicts(limit: number): Promise<ConflictRecord[]> {
    return money.conflicts(this.db, limit);
  }

  putStaffAccount(account: StaffAccount, replace = false): Promise<boolean> {
    return staff.putStaffAccount(this.db, account, replace);
  }

  getStaffAccount(username: string): Promise<StaffAccount | undefined> {
    return staff.getStaffAccount(this.db, username);
  }

  listStaffAccounts(): Promise<StaffAccount[]> {
    return staff.listStaffAccounts(this.db);
  }

  setStaffDisabled(username: string, at: string | null): Promise<boolean> {
    return staff.setStaffDisabled(this.db, username, at);
  }

  staffLoginFailed(username: string, lockAfter: number, lockUntil: string): Promise<number> {
    return staff.staffLoginFailed(this.db, username, lockAfter, lockUntil);
  }

  staffLoginSucceeded(username: string): Promise<void> {
    return staff.staffLoginSucceeded(this.db, username);
  }

  createStaffSession(session: Omit<StaffSession, 'role'>): Promise<void> {
    return staff.createStaffSession(this.db, session);
  }

  staffSession(idHash: string, now: string): Promise<StaffSession | undefined> {
    return staff.staffSession(this.db, idHash, now);
  }

  deleteStaffSession(idHash: string): Promise<void> {
    return staff.deleteStaffSession(this.db, idHash);
  }

  async ping(): Promise<boolean> {
    return (await this.db.get<{ ok: number }>('SELECT 1 AS ok'))?.ok === 1;
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

class SqliteCentralTx implements CentralTx {
  // The transaction is IMMEDIATE on the only connection: nothing else writes until it ends, so
  // the lookups stay true until the inserts and no write can lose a race.
  constructor(private readonly tx: Transaction) {}

  get campaigns() {
    return sqliteCampaigns(this.tx);
  }

  async findTransactions(keys: readonly string[]): Promise<Map<string, TransactionRecord>> {
    const found = new Map<string, TransactionRecord>();
    for (const chunk of chunks(keys)) {
      const rows = await this.tx.all<TransactionRow>(`SELECT * FROM transactions WHERE key IN (${marks(chunk)})`, chunk);
      for (const row of rows) found.set(row.key, toRecord(row));
    }
    return found;
  }

  async usedSeqs(terminalId: string, seqs: readonly number[]): Promise<Set<number>> {
    const used = new Set<number>();
    for (const chunk of chunks(seqs)) {
      const rows = await this.tx.all<{ seq: number }>(`SELECT seq FROM transactions WHERE terminal_id = ? AND seq IN (${marks(chunk)})`, [terminalId, ...chunk]);
      for (const row of rows) used.add(row.seq);
    }
    return used;
  }

  async bookingStatuses(codes: readonly string[]): Promise<Map<string, BookingStatus>> {
    const found = new Map<string, BookingStatus>();
    for (const chunk of chunks(codes)) {
      const rows = await this.tx.all<{ code: string; status: BookingStatus }>(`SELECT code, status FROM bookings WHERE code IN (${marks(chunk)})`, chunk);
      for (const row of rows) found.set(row.code, row.status);
    }
    return found;
  }

  async existingPayments(paymentIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of chunks(paymentIds)) {
      const rows = await this.tx.all<{ payment_id: string }>(`SELECT payment_id FROM payments WHERE payment_id IN (${marks(chunk)})`, chunk);
      for (const row of rows) found.add(row.payment_id);
    }
    return found;
  }

  existingIncomeBands(declarationIds: readonly string[]): Promise<Set<string>> {
    return existingIncomeBands(this.tx, declarationIds);
  }

  async insertTransactions(records: readonly TransactionRecord[]): Promise<void> {
    for (const chunk of chunks(records)) {
      await this.tx.run(
        `INSERT INTO transactions (key, terminal_id, seq, kind, payload, digest, status, reason, created_at, received_at) VALUES ${valueRows(chunk.length, 10)}`,
        chunk.flatMap((r) => [r.key, r.terminalId, r.seq, r.kind, JSON.stringify(r.payload), r.digest, r.status, r.reason ?? null, r.createdAt, r.receivedAt]),
      );
    }
  }

  async insertPayments(payments: readonly { payment: PaymentPayload; transactionKey: string }[]): Promise<void> {
    for (const chunk of chunks(payments)) {
      await this.tx.run(
        `INSERT INTO payments (payment_id, transaction_key, booking_code, terminal_id, transaction_id, tax_code,
          amount_cents, paid_cents, change_cents, method, rule_version, paid_at, card_cents, paid_hour) VALUES ${valueRows(chunk.length, 14)}`,
        chunk.flatMap(({ payment: p, transactionKey }) => [p.paymentId, transactionKey, p.bookingCode, p.terminalId, p.transactionId, p.taxCode, p.amountCents, p.paidCents, p.changeCents, p.method, p.ruleVersion, p.paidAt, p.cardCents, romeHourOf(p.paidAt)]),
      );
    }
    await notices.insertPaymentItems(this.tx, payments);
  }

  insertIncomeBands(declarations: readonly { declaration: IncomeBandPayload; transactionKey: string }[]): Promise<void> {
    return insertIncomeBands(this.tx, declarations);
  }

  notices(noticeCodes: readonly string[], bookingCodes: readonly string[]): Promise<NoticeState[]> {
    return notices.noticeStates(this.tx, noticeCodes, bookingCodes);
  }

  setNoticesPaid(changes: readonly NoticePaid[]): Promise<void> {
    return notices.setNoticesPaid(this.tx, changes);
  }

  slots(slotIds: readonly string[]): Promise<Map<string, SlotState>> {
    return agenda.slotStates(this.tx, slotIds);
  }

  bookingsForChange(codes: readonly string[]): Promise<Map<string, BookingForChange>> {
    return changes.bookingsForChange(this.tx, codes);
  }

  bookingsPaid(codes: readonly string[]): Promise<Map<string, BookingPaid>> {
    return changes.bookingsPaid(this.tx, codes);
  }

  writeBookingChanges(writes: BookingChangeWrites): Promise<void> {
    return changes.writeBookingChanges(this.tx, writes);
  }

  prescriptions(nres: readonly string[]): Promise<Map<string, PrescriptionState>> {
    return agenda.prescriptionStates(this.tx, nres);
  }

  insertBookings(bookings: readonly Booking[]): Promise<void> {
    return agenda.insertBookings(this.tx, bookings, new Date().toISOString());
  }

  bookSlots(changes: readonly { slotId: string; nre: string; bookingCode: string; at: string }[]): Promise<void> {
    return agenda.bookSlots(this.tx, changes);
  }

  putWaitingList(rows: readonly WaitingListRow[], bookedNres: readonly string[]): Promise<void> {
    return agenda.putWaitingList(this.tx, rows, bookedNres);
  }

  async setBookingStatuses(changes: readonly BookingStatusChange[]): Promise<void> {
    for (const chunk of chunks(changes)) {
      await this.tx.run(
        `UPDATE bookings SET status = v.column2, updated_at = v.column3 FROM (VALUES ${valueRows(chunk.length, 3)}) AS v WHERE bookings.code = v.column1`,
        chunk.flatMap((c) => [c.code, c.status, c.at]),
      );
    }
  }
}

async function readBooking(q: Pick<Transaction, 'get'>, code: string): Promise<Booking | undefined> {
  const row = await q.get<{ data: string; status: BookingStatus }>('SELECT data, status FROM bookings WHERE code = ?', [code]);
  // The status column is the truth; the JSON keeps the booking as it was issued.
  return row && { ...(JSON.parse(row.data) as Booking), status: row.status };
}


function toRecord(r: TransactionRow): TransactionRecord {
  return {
    terminalId: r.terminal_id,
    seq: r.seq,
    key: r.key,
    kind: r.kind,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    status: r.status,
    ...(r.reason === null ? {} : { reason: r.reason }),
    createdAt: r.created_at,
    receivedAt: r.received_at,
    digest: r.digest,
  };
}

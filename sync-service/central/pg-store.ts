import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import type { AgendaSlot, PrescriptionRecord } from '../domain/agenda.ts';
import type { NoticeDraft } from '../domain/notices.ts';
import type { Booking, BookingStatus, IsoDate } from '../domain/types.ts';
import type { Notice, StoredTransaction, WaitingListEntry } from '../protocol/index.ts';
import type { FreeSlotQuery, HoldOutcome, HoldRequest, PrescriptionState, SlotState } from './agenda-store.ts';
import * as agenda from './pg-agenda.ts';
import * as changes from './pg-booking-changes.ts';
import type { BookingForChange } from './booking-change-store.ts';
import type { RefundRequest } from '../protocol/index.ts';
import { CAMPAIGN_PG_MIGRATIONS, CAMPAIGN_SCOPE } from './campaign-migrations.ts';
import { pgCampaigns } from './pg-campaigns.ts';
import { PruneSchedule } from './heartbeat-rows.ts';
import * as heartbeats from './pg-heartbeats.ts';
import { CENTRAL_PG_MIGRATIONS, migratePg } from './pg-migrations.ts';
import * as notices from './pg-notices.ts';
import * as money from './pg-money.ts';
import * as staff from './pg-staff.ts';
import type { HourRow, ReconciliationRows } from './reconciliation.ts';
import type { ConflictRecord, StaffAccount, StaffSession, UnpaidTicketsPage } from './store.ts';
import { PgCentralTx, toIncomeBand, toRecord, type IncomeBandRow, type TransactionRow } from './pg-tx.ts';
import type {
  CentralStore,
  CentralTx,
  HeartbeatRecord,
  IncomeBandRecord,
  ListOptions,
  NoticeFilter,
  NoticeHolder,
  NoticeIssue,
  NoticeLockOutcome,
  RuleSetRecord,
  TerminalHeartbeat,
  TerminalRecord,
} from './store.ts';

export { CENTRAL_PG_MIGRATIONS };

export interface PgStoreOptions {
  /** Connections in the pool; default 10. */
  max?: number;
  /** Attempts of a transaction that keeps losing races before its error is thrown; default 10. */
  maxAttempts?: number;
}

interface RuleSetRow {
  snapshot: string;
  version: string;
  effective_from: string;
  document: string;
  digest: string;
  published_at: string;
}

const toRuleSet = (r: RuleSetRow): RuleSetRecord => ({ snapshot: Number(r.snapshot), version: r.version, effectiveFrom: r.effective_from, document: r.document, digest: r.digest, publishedAt: r.published_at });

/** Prune expired nonces once every this many remembered ones: cheap, and the table stays small. */
const NONCE_PRUNE_EVERY = 256;
/** Any constant will do: it names the lock that puts rule publications in snapshot order. */
const RULE_SET_LOCK = 0x63_75_70_72; // 'cupr'
// serialization_failure, deadlock_detected, unique_violation: another transaction won a race.
const RETRYABLE = new Set(['40001', '40P01', '23505', 'CENTRAL_WRITE_RACE']);

/**
 * The regional central store: PostgreSQL through a `pg` Pool, so several centrals can share
 * one database. Transactions run READ COMMITTED; what keeps them apart is the schema's unique
 * constraints (ingest's inserts fail on a row taken meanwhile, others use ON CONFLICT DO NOTHING
 * and count what went in) and row locks where a check precedes a write (bookings are read FOR
 * UPDATE). A transaction that lost a race is rolled back and run again, and then sees the
 * winner's rows.
 */
export class PgCentralStore implements CentralStore {
  private noncesSincePrune = 0;
  private readonly heartbeatPrune = new PruneSchedule();
  private closing: Promise<void> | undefined;

  private constructor(
    readonly pool: pg.Pool,
    private readonly maxAttempts: number,
  ) {}

  /** Connects, brings the schema up to date, and answers once the database is usable. */
  static async open(connectionString: string, options: PgStoreOptions = {}): Promise<PgCentralStore> {
    const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
    // An idle connection the server drops (restart, failover) emits here; without a listener
    // the process would die. The next query gets a fresh connection or a rejected promise.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      try {
        await migratePg(client, CENTRAL_PG_MIGRATIONS);
        await migratePg(client, CAMPAIGN_PG_MIGRATIONS, CAMPAIGN_SCOPE);
      } finally {
        client.release();
      }
    } catch (e) {
      await pool.end();
      throw e;
    }
    return new PgCentralStore(pool, options.maxAttempts ?? 10);
  }

  transaction<T>(fn: (tx: CentralTx) => Promise<T>): Promise<T> {
    return this.inTransaction((client) => fn(new PgCentralTx(client)));
  }

  get campaigns() {
    return pgCampaigns(this.pool);
  }

  async getBooking(code: string): Promise<Booking | undefined> {
    const { rows } = await this.pool.query<{ data: Booking; status: BookingStatus }>('SELECT data, status FROM bookings WHERE code = $1', [code]);
    const row = rows[0];
    // The status column is the truth; the JSON keeps the booking as it was issued.
    return row && { ...row.data, status: row.status };
  }

  async addBookings(bookings: readonly Booking[]): Promise<number> {
    const at = new Date().toISOString();
    let added = 0;
    for (let i = 0; i < bookings.length; i += BOOKINGS_PER_INSERT) {
      const chunk = bookings.slice(i, i + BOOKINGS_PER_INSERT);
      const r = await this.pool.query(
        `INSERT INTO bookings (code, tax_code, status, data, updated_at)
         SELECT code, tax_code, status, data, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) AS v(code, tax_code, status, data)
         ON CONFLICT (code) DO NOTHING`,
        [chunk.map((b) => b.code), chunk.map((b) => b.taxCode), chunk.map((b) => b.status), chunk.map((b) => JSON.stringify(b)), at],
      );
      added += r.rowCount ?? 0;
    }
    return added;
  }

  async listTransactions(terminalId: string, options: ListOptions = {}): Promise<StoredTransaction[]> {
    const { rows } = await this.pool.query<TransactionRow>('SELECT * FROM transactions WHERE terminal_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [terminalId, options.afterSeq ?? 0, options.limit ?? 1000]);
    return rows.map((r) => {
      const { digest: _digest, ...wire } = toRecord(r);
      return wire;
    });
  }

  async putEnrolmentCode(terminalId: string, codeHash: string, createdAt: string, expiresAt: string): Promise<void> {
    await this.pool.query('INSERT INTO enrolment_codes (code_hash, terminal_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [codeHash, terminalId, createdAt, expiresAt]);
  }

  enrolTerminal(terminalId: string, codeHash: string, publicKey: string, at: string): Promise<boolean> {
    return this.inTransaction(async (client) => {
      // A second spender of one code waits on the row, then finds used_at set and changes nothing.
      const spent = await client.query('UPDATE enrolment_codes SET used_at = $1 WHERE code_hash = $2 AND terminal_id = $3 AND used_at IS NULL AND expires_at > $1', [at, codeHash, terminalId]);
      if (spent.rowCount !== 1) return false;
      await client.query(
        `INSERT INTO terminals (terminal_id, public_key, enrolled_at, revoked_at) VALUES ($1, $2, $3, NULL)
         ON CONFLICT (terminal_id) DO UPDATE SET public_key = excluded.public_key, enrolled_at = excluded.enrolled_at, revoked_at = NULL`,
        [terminalId, publicKey, at],
      );
      return true;
    });
  }

  async getTerminal(terminalId: string): Promise<TerminalRecord | undefined> {
    const { rows } = await this.pool.query<{ terminal_id: string; public_key: string; enrolled_at: string; revoked_at: string | null }>('SELECT * FROM terminals WHERE terminal_id = $1', [terminalId]);
    const row = rows[0];
    return row && { terminalId: row.terminal_id, publicKey: row.public_key, enrolledAt: row.enrolled_at, revokedAt: row.revoked_at };
  }

  async revokeTerminal(terminalId: string, at: string): Promise<boolean> {
    const r = await this.pool.query('UPDATE terminals SET revoked_at = $1 WHERE terminal_id = $2 AND revoked_at IS NULL', [at, terminalId]);
    return r.rowCount === 1;
  }

  async rememberNonce(terminalId: string, nonce: string, expiresAt: string, now: string): Promise<boolean> {
    if (++this.noncesSincePrune >= NONCE_PRUNE_EVERY) {
      this.noncesSincePrune = 0;
      await this.pool.query('DELETE FROM nonces WHERE expires_at < $1', [now]);
    }
    const r = await this.pool.query('INSERT INTO nonces (terminal_id, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [terminalId, nonce, expiresAt]);
    return r.rowCount === 1;
  }

  putRuleSet(r: Omit<RuleSetRecord, 'snapshot'>): Promise<{ record: RuleSetRecord; created: boolean }> {
    return this.inTransaction(async (client) => {
      // One publisher at a time: a snapshot number commits only after every smaller one, so a
      // terminal that read "up to N" never misses a set that commits later under a smaller N.
      await client.query('SELECT pg_advisory_xact_lock($1)', [RULE_SET_LOCK]);
      const held = await client.query<RuleSetRow>('SELECT * FROM rule_sets WHERE version = $1', [r.version]);
      if (held.rows[0]) return { record: toRuleSet(held.rows[0]), created: false };
      const { rows } = await client.query<{ snapshot: string }>(
        'INSERT INTO rule_sets (version, effective_from, document, digest, published_at) VALUES ($1, $2, $3, $4, $5) RETURNING snapshot',
        [r.version, r.effectiveFrom, r.document, r.digest, r.publishedAt],
      );
      return { record: { ...r, snapshot: Number(rows[0]!.snapshot) }, created: true };
    });
  }

  async listRuleSets(sinceSnapshot: number): Promise<RuleSetRecord[]> {
    return (await this.pool.query<RuleSetRow>('SELECT * FROM rule_sets WHERE snapshot > $1 ORDER BY snapshot', [sinceSnapshot])).rows.map(toRuleSet);
  }

  async ruleSnapshot(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string | null }>('SELECT MAX(snapshot) AS n FROM rule_sets');
    return Number(rows[0]?.n ?? 0);
  }

  async incomeBandOn(taxCode: string, date: string): Promise<IncomeBandRecord | undefined> {
    // arrival last: of two declarations with the same instant, the one that reached the centre later.
    const { rows } = await this.pool.query<IncomeBandRow>(
      'SELECT * FROM income_bands WHERE tax_code = $1 AND declared_on <= $2 ORDER BY declared_on DESC, declared_at DESC, arrival DESC LIMIT 1',
      [taxCode, date],
    );
    return rows[0] && toIncomeBand(rows[0]);
  }

  noticeCandidates(asOf: IsoDate, onlyCodes?: readonly string[]): Promise<Booking[]> {
    return notices.noticeCandidates(this.pool, asOf, onlyCodes);
  }

  async issueNotices(drafts: readonly NoticeDraft[], issue: NoticeIssue): Promise<Notice[]> {
    const out: Notice[] = [];
    // A transaction per slice: a region's run locks a bounded number of bookings at a time.
    for (let i = 0; i < drafts.length; i += NOTICES_PER_TRANSACTION) {
      out.push(...(await this.inTransaction((client) => notices.issueNotices(client, drafts.slice(i, i + NOTICES_PER_TRANSACTION), issue))));
    }
    return out;
  }

  getNotice(noticeCode: string): Promise<Notice | undefined> {
    return notices.getNotice(this.pool, noticeCode);
  }

  listNotices(filter?: NoticeFilter): Promise<Notice[]> {
    return notices.listNotices(this.pool, filter);
  }

  lockNotice(noticeCode: string, holder: NoticeHolder, now: string, until: string): Promise<NoticeLockOutcome> {
    return notices.lockNotice(this.pool, noticeCode, holder, now, until);
  }

  releaseNotice(noticeCode: string, holder: NoticeHolder): Promise<boolean> {
    return notices.releaseNotice(this.pool, noticeCode, holder);
  }

  unpaidBookings(taxCode: string): Promise<Booking[]> {
    return notices.unpaidBookings(this.pool, taxCode);
  }

  async putHeartbeat(record: HeartbeatRecord, keepSince: string): Promise<void> {
    await heartbeats.putHeartbeat(this.pool, record);
    // Apart from the write: a prune that fails or waits on another central's costs the heartbeat nothing.
    if (this.heartbeatPrune.due(record.receivedAt)) await heartbeats.pruneHeartbeats(this.pool, keepSince).catch(() => undefined);
  }

  terminalHeartbeats(): Promise<TerminalHeartbeat[]> {
    return heartbeats.terminalHeartbeats(this.pool);
  }

  heartbeatHistory(terminalId: string, since: string): Promise<HeartbeatRecord[]> {
    return heartbeats.heartbeatHistory(this.pool, terminalId, since);
  }

  addPrescriptions(prescriptions: readonly PrescriptionRecord[]): Promise<number> {
    return agenda.addPrescriptions(this.pool, prescriptions);
  }

  addSlots(slots: readonly AgendaSlot[]): Promise<number> {
    return agenda.addSlots(this.pool, slots);
  }

  prescriptionsOf(taxCode: string): Promise<PrescriptionState[]> {
    return agenda.prescriptionsOf(this.pool, taxCode);
  }

  getPrescription(nre: string): Promise<PrescriptionState | undefined> {
    return agenda.getPrescription(this.pool, nre);
  }

  getSlot(slotId: string): Promise<SlotState | undefined> {
    return agenda.getSlot(this.pool, slotId);
  }

  freeSlots(query: FreeSlotQuery): Promise<AgendaSlot[]> {
    return agenda.freeSlots(this.pool, query);
  }

  holdSlot(request: HoldRequest): Promise<HoldOutcome> {
    return agenda.holdSlot(this.pool, request);
  }

  releaseHold(holdId: string, terminalId: string, now: string): Promise<boolean> {
    return agenda.releaseHold(this.pool, holdId, terminalId, now);
  }

  waitingList(status?: WaitingListEntry['status']): Promise<WaitingListEntry[]> {
    return agenda.waitingList(this.pool, status);
  }

  citizenBookings(taxCode: string, fromLocal: string): Promise<Booking[]> {
    return changes.citizenBookings(this.pool, taxCode, fromLocal);
  }

  bookingForChange(code: string): Promise<BookingForChange | undefined> {
    return changes.bookingForChange(this.pool, code);
  }

  holdSlotForMove(request: HoldRequest, bookingCode: string): Promise<HoldOutcome> {
    return changes.holdSlotForMove(this.pool, request, bookingCode);
  }

  refundRequests(): Promise<RefundRequest[]> {
    return changes.refundRequests(this.pool);
  }

  reconciliationRows(from: IsoDate, to: IsoDate): Promise<ReconciliationRows> {
    return money.reconciliationRows(this.pool, from, to);
  }

  paymentsByHour(from: IsoDate, to: IsoDate): Promise<HourRow[]> {
    return money.paymentsByHour(this.pool, from, to);
  }

  unpaidTickets(asOf: IsoDate, limit: number): Promise<UnpaidTicketsPage> {
    return money.unpaidTickets(this.pool, asOf, limit);
  }

  conflicts(limit: number): Promise<ConflictRecord[]> {
    return money.conflicts(this.pool, limit);
  }

  putStaffAccount(account: StaffAccount, replace = false): Promise<boolean> {
    return staff.putStaffAccount(this.pool, account, replace);
  }

  getStaffAccount(username: string): Promise<StaffAccount | undefined> {
    return staff.getStaffAccount(this.pool, username);
  }

  listStaffAccounts(): Promise<StaffAccount[]> {
    return staff.listStaffAccounts(this.pool);
  }

  setStaffDisabled(username: string, at: string | null): Promise<boolean> {
    return staff.setStaffDisabled(this.pool, username, at);
  }

  staffLoginFailed(username: string, lockAfter: number, lockUntil: string): Promise<number> {
    return staff.staffLoginFailed(this.pool, username, lockAfter, lockUntil);
  }

  staffLoginSucceeded(username: string): Promise<void> {
    return staff.staffLoginSucceeded(this.pool, username);
  }

  createStaffSession(session: Omit<StaffSession, 'role'>): Promise<void> {
    return staff.createStaffSession(this.pool, session);
  }

  staffSession(idHash: string, now: string): Promise<StaffSession | undefined> {
    return staff.staffSession(this.pool, idHash, now);
  }

  deleteStaffSession(idHash: string): Promise<void> {
    return staff.deleteStaffSession(this.pool, idHash);
  }

  async ping(): Promise<boolean> {
    return (await this.pool.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]?.ok === 1;
  }

  close(): Promise<void> {
    return (this.closing ??= this.pool.end());
  }

  /** BEGIN, `fn`, COMMIT on one pooled connection; rolled back and run again after a lost race. */
  private async inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          // A connection that cannot roll back is not given back to the pool.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        if (attempt >= this.maxAttempts || !RETRYABLE.has((e as { code?: string }).code ?? '')) throw e;
      } finally {
        client.release(broken);
      }
      // Spread the retries so two losers of one race do not collide again in step.
      await delay(Math.random() * 5 * attempt);
    }
  }
}

/** Rows per insert when loading bookings: bounded memory for a region's millions. */
const BOOKINGS_PER_INSERT = 5_000;
/** Notices issued per transaction, so a run holds few booking locks at once. */
const NOTICES_PER_TRANSACTION = 500;

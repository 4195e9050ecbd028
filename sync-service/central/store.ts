import type { NoticeDraft } from '../domain/notices.ts';
import type { Booking, BookingStatus, IncomeBandNumber, IsoDate } from '../domain/types.ts';
import type { HourRow, ReconciliationRows } from './reconciliation.ts';
import type { Heartbeat, IncomeBandPayload, Notice, NoticeStatus, PaymentPayload, StoredTransaction } from '../protocol/index.ts';
import type { AgendaStore, AgendaTx } from './agenda-store.ts';
import type { BookingChangeStore, BookingChangeTx } from './booking-change-store.ts';
import type { CampaignStore, CampaignTx } from './campaign-store.ts';

/** A stored sync item with the digest that tells a resend from a reused key. */
export interface TransactionRecord extends StoredTransaction {
  /** sha256 of kind + canonical JSON payload, hex. */
  digest: string;
}

/** An enrolled terminal: the public key its requests are verified with. */
export interface TerminalRecord {
  terminalId: string;
  /** Ed25519 public key, SPKI DER, base64. */
  publicKey: string;
  enrolledAt: string;
  revokedAt: string | null;
}

/** A rule set document as the central holds it, under the snapshot that published it. */
export interface RuleSetRecord {
  /** Monotonic publication number, never reused; terminals ask for what came after theirs. */
  snapshot: number;
  version: string;
  /** Europe/Rome date, YYYY-MM-DD. */
  effectiveFrom: string;
  /** The validated document as canonical JSON. */
  document: string;
  /** sha256 of the canonical document: tells a resend of the same set from a different one. */
  digest: string;
  publishedAt: string;
}

/** A self-certified income band as the central keeps it: one row per declaration. */
export interface IncomeBandRecord {
  declarationId: string;
  taxCode: string;
  band: IncomeBandNumber;
  /** Europe/Rome date, YYYY-MM-DD: in force from that day. */
  declaredOn: string;
  /** The instant in UTC (`toISOString`), so declarations of one day sort by it. */
  declaredAt: string;
  terminalId: string;
  /** Version id of the self-certification text shown. */
  statement: string;
  /** Key of the sync item that carried it. */
  transactionKey: string;
}

/** A heartbeat as the central keeps it. */
export interface HeartbeatRecord {
  terminalId: string;
  /** When the central took it, its own clock, ISO 8601 UTC. */
  receivedAt: string;
  heartbeat: Heartbeat;
}

/** An enrolled terminal and the latest heartbeat kept of it (null: none yet). */
export interface TerminalHeartbeat {
  terminalId: string;
  enrolledAt: string;
  latest: HeartbeatRecord | null;
}

/** A transaction the central refused (status 'conflict'), for the staff to resolve. */
export interface ConflictRecord {
  key: string;
  terminalId: string;
  seq: number;
  kind: string;
  reason: string;
  createdAt: string;
  receivedAt: string;
  payload: Record<string, unknown>;
}

/** A booking unpaid after its day, with the notice issued for it (null: none yet). */
export interface UnpaidTicketRecord {
  booking: Booking;
  notice: { noticeCode: string; amountCents: number; dueDate: string } | null;
}

/** The unpaid tickets as of a day: counts over all of them, rows for the oldest `limit`. */
export interface UnpaidTicketsPage {
  count: number;
  withNotice: number;
  /** Sum of the payable notices' amounts. */
  noticeCents: number;
  tickets: UnpaidTicketRecord[];
}

export type StaffRole = 'staff' | 'admin';

/** A CUP staff account of the dashboard. */
export interface StaffAccount {
  username: string;
  /** `scrypt$N$r$p$salt$hash` (staff-passwords.ts). */
  passwordHash: string;
  role: StaffRole;
  createdAt: string;
  disabledAt: string | null;
  /** Failed logins since the last success. */
  failedLogins: number;
  lockedUntil: string | null;
}

/** A dashboard session: only the sha256 of its random id is kept. */
export interface StaffSession {
  idHash: string;
  username: string;
  role: StaffRole;
  createdAt: string;
  expiresAt: string;
}

export interface ListOptions {
  /** Only items with a larger seq; default 0. */
  afterSeq?: number;
  /** Default 1000. */
  limit?: number;
}

/** A booking's new status, as one row of a batch's single UPDATE. */
export interface BookingStatusChange {
  code: string;
  status: BookingStatus;
  /** When it changed (the payment's `paidAt`), ISO 8601. */
  at: string;
}

/** What ingest needs of a notice to decide a payment that names it or pays its booking. */
export interface NoticeState {
  noticeCode: string;
  bookingCode: string;
  status: NoticeStatus;
  amountCents: number;
}

/** A notice paid by a stored payment: one row of a batch's single UPDATE. */
export interface NoticePaid {
  noticeCode: string;
  /** The payment's `paidAt`. */
  paidAt: string;
  /** Key of the sync item that carried the payment. */
  paidBy: string;
}

/** The payment a notice is held for while the citizen pays. */
export interface NoticeHolder {
  terminalId: string;
  paymentId: string;
}

/** Why a lock was not taken; the route answers these codes as they are. */
export type NoticeLockRefusal = 'NOTICE_UNKNOWN' | 'NOTICE_LOCKED' | 'NOTICE_PAID' | 'NOTICE_CANCELLED';

export type NoticeLockOutcome = { locked: true; lockedUntil: string } | { locked: false; reason: NoticeLockRefusal };

export interface NoticeFilter {
  taxCode?: string;
  status?: NoticeStatus;
}

/** How a credit recovery run numbers what it issues. */
export interface NoticeIssue {
  /** Two digits: the central's segregation code. */
  segregationCode: string;
  /** ISO 8601 instant of the run. */
  issuedAt: string;
}

/**
 * What ingest may do inside one store transaction. Every method runs in the transaction opened
 * by `CentralStore.transaction` and takes a whole batch's worth of values, so a batch costs a
 * handful of statements whatever its size; the rules (duplicate, conflict, effects) live in
 * ingest.ts, so a store implements only these statements. Empty inputs cost nothing.
 */
export interface CentralTx extends AgendaTx, BookingChangeTx {
  /** Invitations booked or declined by the batch (campaign-store.ts). */
  readonly campaigns: CampaignTx;
  /** The records of those keys that exist, by key. */
  findTransactions(keys: readonly string[]): Promise<Map<string, TransactionRecord>>;
  /** Which of these seqs the terminal has already used. */
  usedSeqs(terminalId: string, seqs: readonly number[]): Promise<Set<number>>;
  /**
   * The status of those bookings that exist, by code. A store where two transactions can run
   * at once locks the rows until commit (`FOR UPDATE`): whoever pays a booking first, the other
   * reads it paid.
   */
  bookingStatuses(codes: readonly string[]): Promise<Map<string, BookingStatus>>;
  /** Which of these payment ids are already held. */
  existingPayments(paymentIds: readonly string[]): Promise<Set<string>>;
  /** Which of these declaration ids are already held. */
  existingIncomeBands(declarationIds: readonly string[]): Promise<Set<string>>;
  /**
   * Inserts the records, all or none. A key or (terminal, seq) that a concurrent transaction
   * stored after the lookups above makes it throw a retryable error, never store twice.
   */
  insertTransactions(records: readonly TransactionRecord[]): Promise<void>;
  /** Same guarantee for payment ids. */
  insertPayments(payments: readonly { payment: PaymentPayload; transactionKey: string }[]): Promise<void>;
  /** Same guarantee for declaration ids. */
  insertIncomeBands(declarations: readonly { declaration: IncomeBandPayload; transactionKey: string }[]): Promise<void>;
  /** One UPDATE for all the changes (one per code). */
  setBookingStatuses(changes: readonly BookingStatusChange[]): Promise<void>;
  /**
   * The notices with those codes and the notices of those bookings, in one read. A store with
   * concurrent transactions locks them until commit, after the bookings (bookingStatuses first).
   */
  notices(noticeCodes: readonly string[], bookingCodes: readonly string[]): Promise<NoticeState[]>;
  /** Marks the notices paid (by the payment's key) and clears their locks; one UPDATE. */
  setNoticesPaid(changes: readonly NoticePaid[]): Promise<void>;
}

/**
 * The central's persistence. SQLite (sqlite-store.ts) is the embedded default; a PostgreSQL
 * store (pg-store.ts) gives the same guarantees: `transaction` is all-or-nothing and two
 * concurrent transactions touching one key or booking never both commit (SERIALIZABLE, or
 * unique constraints plus row locks, retried on serialisation failure).
 */
export interface CentralStore extends AgendaStore, BookingChangeStore {
  /** Campaigns and their invitations (campaign-store.ts). */
  readonly campaigns: CampaignStore;
  /**
   * Runs `fn` in one all-or-nothing transaction. A store with concurrent writers may roll back
   * and run `fn` again when it lost a race (serialisation failure, deadlock, a unique key taken
   * meanwhile), so `fn` must have no effect outside `tx`.
   */
  transaction<T>(fn: (tx: CentralTx) => Promise<T>): Promise<T>;
  getBooking(code: string): Promise<Booking | undefined>;
  /** Inserts bookings whose code is not there yet and returns how many; never overwrites. */
  addBookings(bookings: readonly Booking[]): Promise<number>;
  /** A terminal's items in its seq order. */
  listTransactions(terminalId: string, options?: ListOptions): Promise<StoredTransaction[]>;
  /** Keeps the sha256 of a one-time enrolment code for a terminal until it expires. */
  putEnrolmentCode(terminalId: string, codeHash: string, createdAt: string, expiresAt: string): Promise<void>;
  /**
   * Atomically spends an unused, unexpired code issued for `terminalId` and records the
   * terminal's public key (replacing an earlier one and clearing a revocation). False when the
   * code does not qualify; nothing changes then.
   */
  enrolTerminal(terminalId: string, codeHash: string, publicKey: string, at: string): Promise<boolean>;
  getTerminal(terminalId: string): Promise<TerminalRecord | undefined>;
  /** True when the terminal was enrolled and is now revoked. */
  revokeTerminal(terminalId: string, at: string): Promise<boolean>;
  /**
   * Records a request nonce until `expiresAt` (when its timestamp goes stale anyway); false
   * when the terminal already used it: a replay. Expired nonces may be pruned at `now`.
   */
  rememberNonce(terminalId: string, nonce: string, expiresAt: string, now: string): Promise<boolean>;
  /**
   * Keeps a rule set under the next snapshot number unless its version is already held; either
   * way answers the record held for that version, and whether this call created it. Two
   * concurrent calls for one version never both create.
   */
  putRuleSet(record: Omit<RuleSetRecord, 'snapshot'>): Promise<{ record: RuleSetRecord; created: boolean }>;
  /** Rule sets published after `sinceSnapshot`, in snapshot order. */
  listRuleSets(sinceSnapshot: number): Promise<RuleSetRecord[]>;
  /** The latest snapshot number, 0 when no set is held. */
  ruleSnapshot(): Promise<number>;
  /**
   * The citizen's declaration in force on `date` (Europe/Rome, YYYY-MM-DD): the latest declared
   * on or before it, by declaredOn, then declaredAt, then arrival, whatever order the terminals
   * synced them in. Undefined when they had declared none by then.
   */
  incomeBandOn(taxCode: string, date: string): Promise<IncomeBandRecord | undefined>;
  /**
   * Bookings still `booked` whose appointment day is before `asOf` and that have no notice:
   * what a credit recovery run of that date issues notices for, in appointment order (then
   * code). `onlyCodes` narrows it to those bookings.
   */
  noticeCandidates(asOf: IsoDate, onlyCodes?: readonly string[]): Promise<Booking[]>;
  /**
   * Gives each draft its notice code (the next numbers of a sequence never reused, in the
   * drafts' order) and keeps it, all in one transaction, for those bookings that are still
   * booked and have no notice when it runs: two runs at once, on one store or two centrals on
   * one database, never issue two notices for one booking. Answers what it issued.
   */
  issueNotices(drafts: readonly NoticeDraft[], issue: NoticeIssue): Promise<Notice[]>;
  getNotice(noticeCode: string): Promise<Notice | undefined>;
  /** Notices by debtor and status, newest first. */
  listNotices(filter?: NoticeFilter): Promise<Notice[]>;
  /**
   * Takes or extends the lock of a payable notice for `holder` until `until`, when nobody else
   * holds an unexpired one at `now`; atomic, so two holders asking at once never both win.
   */
  lockNotice(noticeCode: string, holder: NoticeHolder, now: string, until: string): Promise<NoticeLockOutcome>;
  /** Clears the lock if `holder` has it; true when it did. */
  releaseNotice(noticeCode: string, holder: NoticeHolder): Promise<boolean>;
  /** The citizen's bookings still `booked` with no notice, in appointment order. */
  unpaidBookings(taxCode: string): Promise<Booking[]>;
  /**
   * Keeps a terminal's heartbeat as its latest, unless a later one is held already, and in its
   * history as the row of its minute (a later heartbeat of that minute replaces it). History
   * taken before `keepSince` is deleted now and then: at most once an hour, one indexed DELETE.
   */
  putHeartbeat(record: HeartbeatRecord, keepSince: string): Promise<void>;
  /** Every enrolled terminal not revoked, by id, with its latest heartbeat. */
  terminalHeartbeats(): Promise<TerminalHeartbeat[]>;
  /** A terminal's history taken since `since`: one heartbeat per minute, oldest first. */
  heartbeatHistory(terminalId: string, since: string): Promise<HeartbeatRecord[]>;
  /** Reconciliation rows of the Rome days `from`..`to` (reconciliation.ts says what each sums). */
  reconciliationRows(from: IsoDate, to: IsoDate): Promise<ReconciliationRows>;
  /** Payments per Rome hour of the days `from`..`to`, hours with none left out, in order. */
  paymentsByHour(from: IsoDate, to: IsoDate): Promise<HourRow[]>;
  /** Bookings still `booked` whose appointment day is before `asOf`, oldest first. */
  unpaidTickets(asOf: IsoDate, limit: number): Promise<UnpaidTicketsPage>;
  /** The latest conflicts, newest first. */
  conflicts(limit: number): Promise<ConflictRecord[]>;
  /** Keeps an account; false when the name is taken (unless `replace`: then it is overwritten, its lock cleared). */
  putStaffAccount(account: StaffAccount, replace?: boolean): Promise<boolean>;
  getStaffAccount(username: string): Promise<StaffAccount | undefined>;
  listStaffAccounts(): Promise<StaffAccount[]>;
  /** Disables (at) or enables (null) an account; a disabled account's sessions end. False: no such account. */
  setStaffDisabled(username: string, at: string | null): Promise<boolean>;
  /**
   * Counts one more failed login, atomically, and locks the account until `lockUntil` when the
   * count reaches `lockAfter`; answers the count.
   */
  staffLoginFailed(username: string, lockAfter: number, lockUntil: string): Promise<number>;
  /** A successful login: the count and the lock are cleared. */
  staffLoginSucceeded(username: string): Promise<void>;
  /** Keeps a session; expired sessions may be pruned at its `createdAt`. */
  createStaffSession(session: Omit<StaffSession, 'role'>): Promise<void>;
  /** The unexpired session at `now` of an account still enabled. */
  staffSession(idHash: string, now: string): Promise<StaffSession | undefined>;
  deleteStaffSession(idHash: string): Promise<void>;
  /** Whether the store answers (for /health). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export { startCentral } from './start.ts';
export type { RunningCentral, StartCentralOptions } from './start.ts';
export { buildCentralApp } from './app.ts';
export type { CentralAppOptions } from './app.ts';
export type {
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
  NoticeLockRefusal,
  NoticePaid,
  NoticeState,
  TerminalHeartbeat,
  TransactionRecord,
} from './store.ts';
export { CentralNotices, DEFAULT_NOTICE_LOCK_MS, NoticeRefusal, noticeView } from './notices.ts';
export type { CentralNoticesOptions, IssueRun } from './notices.ts';
export { groupNoticeCode, renderNoticePdf } from './notice-pdf.ts';
export type { NoticePdfOptions } from './notice-pdf.ts';
export { SqliteCentralStore, CENTRAL_SQLITE_MIGRATIONS } from './sqlite-store.ts';
export { PgCentralStore, CENTRAL_PG_MIGRATIONS } from './pg-store.ts';
export type { PgStoreOptions } from './pg-store.ts';
export { ingestBatch, digestOf } from './ingest.ts';
export type { ConflictReason, IngestContext } from './ingest.ts';
export { openApiDocument } from './openapi.ts';
export { registerIncomeBandRoutes } from './income-band-routes.ts';
export type { IncomeBandRoutesOptions } from './income-band-routes.ts';
export { hashEnrolmentCode, issueEnrolmentCode, parseTerminalKey, verifyTerminal } from './auth.ts';
export type { EnrolmentCode, VerifyOptions } from './auth.ts';
export type { TerminalRecord } from './store.ts';
export { CentralRules, RulesError } from './rules.ts';
export type { RulesErrorCode } from './rules.ts';
export type { RuleSetRecord } from './store.ts';
export { DEFAULT_HEALTH_THRESHOLDS, deviceFaults, terminalStatus } from './health-status.ts';
export type { HealthThresholds, HeartbeatSeen } from './health-status.ts';
export { DEFAULT_HEARTBEAT_HISTORY_MS } from './heartbeat-routes.ts';
export { AgendaRefusal, CentralAgenda, DEFAULT_HOLD_MS, DEFAULT_SEARCH_LIMIT, prescriptionView } from './agenda.ts';
export type { CentralAgendaOptions } from './agenda.ts';
export type { FreeSlotQuery, HoldOutcome, HoldRequest, PrescriptionState, SlotHold, SlotState } from './agenda-store.ts';
export { DEMO_AGENDA_DAYS } from './start.ts';
export { buildReconciliation, reconciliationRange, romeHourOf, MAX_RECONCILIATION_DAYS } from './reconciliation.ts';
export type { HourRow, ReconciliationRows } from './reconciliation.ts';
export { reconcile, unpaidList } from './money-reports.ts';
export { addStaffAccount, checkUsername, StaffAuth, STAFF_ROLES } from './staff-auth.ts';
export type { LoginOutcome, StaffAuthOptions } from './staff-auth.ts';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './staff-passwords.ts';
export { STAFF_PASSWORD_ENV, DEMO_STAFF_USER } from './start.ts';
export type { ConflictRecord, StaffAccount, StaffRole, StaffSession, UnpaidTicketsPage } from './store.ts';
export { CentralSnapshots, DEFAULT_AGENDA_DAYS, DEFAULT_AGENDA_MAX_SLOTS } from './snapshots.ts';
export type { CentralSnapshotsOptions } from './snapshots.ts';
export { snapshotStoreOf } from './snapshot-routes.ts';
export type { SnapshotStore } from './snapshot-store.ts';

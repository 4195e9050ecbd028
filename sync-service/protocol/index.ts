export { BookingCodeSchema, BookingLookupResponseSchema, BookingSchema, parseBookingCode } from './booking.ts';
export type { BookingLookupResponse } from './booking.ts';
export { MAX_PAYMENT_ITEMS, NoticeCodeSchema, PaymentItemSchema, PaymentPayloadSchema, paymentItems } from './payment.ts';
export type { PaymentItem, PaymentPayload } from './payment.ts';
export {
  NOTICE_ERROR_CODES,
  NoticeIssueRequestSchema,
  NoticeIssueResponseSchema,
  NoticeListResponseSchema,
  NoticeLockRequestSchema,
  NoticeLockResponseSchema,
  NoticeLockSchema,
  NoticeReleaseResponseSchema,
  NoticeSchema,
  NoticeStatusSchema,
  NoticeVerifyRequestSchema,
  NoticeViewSchema,
  UnpaidTicketsResponseSchema,
} from './notice.ts';
export type {
  Notice,
  NoticeErrorCode,
  NoticeIssueRequest,
  NoticeIssueResponse,
  NoticeListResponse,
  NoticeLockRequest,
  NoticeLockResponse,
  NoticeReleaseResponse,
  NoticeStatus,
  NoticeVerifyRequest,
  NoticeView,
  UnpaidTicketsResponse,
} from './notice.ts';
export {
  MAX_BATCH_ITEMS,
  StoredTransactionSchema,
  SyncBatchRequestSchema,
  SyncBatchResponseSchema,
  SyncItemResultSchema,
  SyncItemSchema,
  SyncItemStatusSchema,
  TerminalIdSchema,
  TransactionListResponseSchema,
} from './sync.ts';
export type { StoredTransaction, SyncBatchRequest, SyncBatchResponse, SyncItem, SyncItemResult, SyncItemStatus, TransactionListResponse } from './sync.ts';
export { ErrorBodySchema, errorBody } from './error.ts';
export type { ErrorBody } from './error.ts';
export { jsonSchema } from './json-schema.ts';
export { AUTH_HEADERS, bodyDigest, EnrolRequestSchema, EnrolResponseSchema, NonceSchema, SIGNATURE_SCHEME, signingString } from './auth.ts';
export type { EnrolRequest, EnrolResponse, SignedParts } from './auth.ts';
export { ADMIN_AUTH_HEADER, PublishedRuleSetSchema, RulePublishResponseSchema, RuleSnapshotResponseSchema } from './rules.ts';
export type { PublishedRuleSet, RulePublishResponse, RuleSnapshotResponse } from './rules.ts';
export { IncomeBandAnswerSchema, IncomeBandPayloadSchema, IncomeBandSchema, IsoDateSchema, WireTaxCodeSchema } from './income-band.ts';
export type { IncomeBandAnswer, IncomeBandPayload } from './income-band.ts';
export {
  BillValidatorHealthSchema,
  CardReaderHealthSchema,
  CoinAcceptorHealthSchema,
  DeviceHealthSchema,
  FaultCodeSchema,
  HeartbeatAckSchema,
  HeartbeatSchema,
  HOPPER_STATES,
  HopperHealthSchema,
  MAX_HEARTBEAT_DEVICES,
  POS_STATES,
  PosHealthSchema,
  PRESENCE_STATES,
  PRINTER_STATES,
  PrinterHealthSchema,
  ScannerHealthSchema,
  TerminalHealthSchema,
  TerminalsHealthResponseSchema,
  TerminalStatusSchema,
} from './heartbeat.ts';
export type { DeviceHealth, DeviceKind, Heartbeat, HeartbeatAck, HopperState, PosState, PrinterState, TerminalHealth, TerminalsHealthResponse, TerminalStatus } from './heartbeat.ts';
export {
  AGENDA_ERROR_CODES,
  BookingPayloadSchema,
  HoldReleaseResponseSchema,
  NreSchema,
  PhoneSchema,
  PrescriptionListResponseSchema,
  PrescriptionViewSchema,
  PrioritySchema,
  SlotHoldRequestSchema,
  SlotHoldResponseSchema,
  SlotSchema,
  SlotSearchRequestSchema,
  SlotSearchResponseSchema,
  WaitingListEntrySchema,
  WaitingListPayloadSchema,
  WaitingListResponseSchema,
} from './agenda.ts';
export type {
  AgendaErrorCode,
  BookingPayload,
  HoldReleaseResponse,
  PrescriptionListResponse,
  PrescriptionView,
  Slot,
  SlotHoldRequest,
  SlotHoldResponse,
  SlotSearchRequest,
  SlotSearchResponse,
  WaitingListEntry,
  WaitingListPayload,
  WaitingListResponse,
} from './agenda.ts';
export {
  ProviderDaySchema,
  ProviderTerminalSchema,
  ReconciliationDaySchema,
  ReconciliationResponseSchema,
  ReconciliationTotalsSchema,
  TerminalDaySchema,
  UnpaidListResponseSchema,
  UnpaidTicketSchema,
} from './reconciliation.ts';
export type { ProviderDay, ReconciliationDay, ReconciliationResponse, ReconciliationTotals, TerminalDay, UnpaidListResponse, UnpaidTicket } from './reconciliation.ts';
export { CatalogueItemSchema, ConfigItemSchema, SNAPSHOT_KINDS, SnapshotItemSchema, SnapshotKindSchema, SnapshotResponseSchema } from './snapshots.ts';
export type { SnapshotItem, SnapshotKind, SnapshotResponse } from './snapshots.ts';
export * from './booking-changes.ts';
export * from './campaigns.ts';
export * from './counter-close.ts';
export * from './item-subject.ts';

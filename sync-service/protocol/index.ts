export { BookingCodeSchema, BookingLookupResponseSchema, BookingSchema, parseBookingCode } from './booking.ts';
export type { BookingLookupResponse } from './booking.ts';
export { PaymentPayloadSchema } from './payment.ts';
export type { PaymentPayload } from './payment.ts';
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

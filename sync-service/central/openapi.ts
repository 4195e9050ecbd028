import {
  AUTH_HEADERS,
  BookingLookupResponseSchema,
  EnrolRequestSchema,
  EnrolResponseSchema,
  ErrorBodySchema,
  HeartbeatAckSchema,
  HeartbeatSchema,
  IncomeBandAnswerSchema,
  IncomeBandPayloadSchema,
  jsonSchema,
  NoticeIssueRequestSchema,
  NoticeIssueResponseSchema,
  NoticeListResponseSchema,
  NoticeLockRequestSchema,
  NoticeLockResponseSchema,
  NoticeReleaseResponseSchema,
  NoticeSchema,
  NoticeVerifyRequestSchema,
  NoticeViewSchema,
  PaymentPayloadSchema,
  ReconciliationResponseSchema,
  RulePublishResponseSchema,
  RuleSnapshotResponseSchema,
  SIGNATURE_SCHEME,
  SyncBatchRequestSchema,
  SyncBatchResponseSchema,
  TerminalsHealthResponseSchema,
  TransactionListResponseSchema,
  UnpaidListResponseSchema,
  UnpaidTicketsResponseSchema,
} from '../protocol/index.ts';
import { AGENDA_PATHS, AGENDA_SCHEMAS } from './openapi-agenda.ts';
import { BOOKING_CHANGE_PATHS, BOOKING_CHANGE_SCHEMAS } from './openapi-booking-changes.ts';
import { COUNTER_PATHS, COUNTER_SCHEMAS } from './openapi-counter.ts';
import { CAMPAIGN_PATHS, CAMPAIGN_SCHEMAS } from './openapi-campaigns.ts';
import { HEALTH_PATHS } from './openapi-health.ts';
import { MONEY_PATHS } from './openapi-money.ts';
import { NOTICE_PATHS } from './openapi-notices.ts';
import { SNAPSHOT_PATHS, SNAPSHOT_SCHEMAS } from './openapi-snapshots.ts';

const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/ErrorBody' }) });
// Every terminal route needs all four signature headers (see protocol/auth.ts).
const signed = [{ terminalSignature: [] }];
const SIGNATURE_DOC = `${SIGNATURE_SCHEME}: headers ${Object.values(AUTH_HEADERS).join(', ')}; the signature is Ed25519 over the lines scheme, method, path with query, sha256 hex of the body, timestamp (ms), nonce, terminal id.`;

/** The OpenAPI 3.0 document served at /openapi.json, built from the same schemas the routes use. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'cup-kiosk central CUP', version: '1' },
    paths: {
      '/health': { get: { summary: 'Liveness and store reachability', responses: { '200': { description: 'up' } } } },
      '/v1/bookings/{code}': {
        get: {
          summary: 'A booking by its 12-digit code',
          security: signed,
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'the booking', ...json({ $ref: '#/components/schemas/Booking' }) },
            '400': error('BOOKING_CODE_INVALID'),
            '404': error('BOOKING_NOT_FOUND'),
          },
        },
      },
      '/v1/sync/batches': {
        post: {
          summary: "Ingest a batch of a terminal's outbox items, each key at most once",
          security: signed,
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/SyncBatchRequest' }) },
          responses: {
            '200': { description: 'one result per item, in order', ...json({ $ref: '#/components/schemas/SyncBatchResponse' }) },
            '400': error('BODY_MALFORMED or REQUEST_INVALID'),
            '401': error('AUTH_MISSING, AUTH_MALFORMED, AUTH_UNKNOWN_TERMINAL, AUTH_REVOKED, AUTH_BAD_SIGNATURE, AUTH_STALE, AUTH_REPLAYED'),
            '403': error('TERMINAL_MISMATCH'),
            '413': error('BODY_TOO_LARGE'),
          },
        },
      },
      '/v1/citizens/{taxCode}/income-band': {
        get: {
          summary: "The citizen's self-certified income band in force on a date: the latest declared on or before it; all nulls when none (the rules' default band applies)",
          description: "Declarations arrive as 'income-band' sync items (payload: IncomeBandPayload); a later declaration replaces an earlier one from its own date.",
          security: signed,
          parameters: [
            { name: 'taxCode', in: 'path', required: true, description: 'codice fiscale; case and surrounding spaces are ignored', schema: { type: 'string' } },
            { name: 'date', in: 'query', required: true, description: 'Europe/Rome date of the quote, YYYY-MM-DD', schema: { type: 'string', format: 'date' } },
          ],
          responses: {
            '200': { description: 'the declaration in force, or nulls', ...json({ $ref: '#/components/schemas/IncomeBandAnswer' }) },
            '400': error('TAX_CODE_INVALID (details.reason: TAX_CODE_FORMAT, TAX_CODE_CHECK, TAX_CODE_MONTH, TAX_CODE_DAY, TAX_CODE_DATE) or DATE_INVALID'),
            '401': error('AUTH_* as for every signed route'),
          },
        },
      },
      '/v1/terminals/enroll': {
        post: {
          summary: "Register a terminal's Ed25519 public key with a technician's one-time code",
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/EnrolRequest' }) },
          responses: {
            '200': { description: 'enrolled', ...json({ $ref: '#/components/schemas/EnrolResponse' }) },
            '400': error('PUBLIC_KEY_INVALID or REQUEST_INVALID'),
            '401': error('ENROLMENT_CODE_INVALID'),
          },
        },
      },
      '/v1/snapshots/rules': {
        get: {
          summary: 'Ticket rule sets published after the snapshot the terminal holds, oldest first',
          security: signed,
          parameters: [{ name: 'since', in: 'query', description: 'snapshot held; 0 or absent for all', schema: { type: 'integer', minimum: 0 } }],
          responses: {
            '200': { description: 'the sets and the current snapshot', ...json({ $ref: '#/components/schemas/RuleSnapshot' }) },
            '401': error('AUTH_* as for every signed route'),
          },
        },
      },
      '/v1/admin/rule-sets': {
        post: {
          summary: 'Publish a ticket rule set document (its JSON Schema is sync-service/domain/rules/rule-set.schema.json); exists only when the central has an admin token',
          security: [{ adminToken: [] }],
          requestBody: { required: true, ...json({ type: 'object', description: 'a rule set document' }) },
          responses: {
            '201': { description: 'published under a new snapshot', ...json({ $ref: '#/components/schemas/RulePublish' }) },
            '200': { description: 'the identical set was already published', ...json({ $ref: '#/components/schemas/RulePublish' }) },
            '400': error('RULES_INVALID (details.problems lists every problem as "JSON path: message"), BODY_MALFORMED, REQUEST_INVALID'),
            '401': error('ADMIN_AUTH_INVALID'),
            '404': error('ROUTE_NOT_FOUND: no admin token configured'),
            '409': error('RULES_VERSION_EXISTS: the version is published with other content'),
          },
        },
      },
      ...NOTICE_PATHS,
      ...AGENDA_PATHS,
      ...BOOKING_CHANGE_PATHS,
      ...CAMPAIGN_PATHS,
      ...SNAPSHOT_PATHS,
      ...HEALTH_PATHS,
      ...MONEY_PATHS,
      ...COUNTER_PATHS,
      '/v1/terminals/{id}/transactions': {
        get: {
          summary: "What the central keeps from a terminal, in the terminal's order",
          security: signed,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'afterSeq', in: 'query', schema: { type: 'integer', minimum: 0 } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10000 } },
          ],
          responses: { '200': { description: 'transactions', ...json({ $ref: '#/components/schemas/TransactionList' }) } },
        },
      },
    },
    components: {
      securitySchemes: {
        terminalSignature: { type: 'apiKey', in: 'header', name: AUTH_HEADERS.signature, description: SIGNATURE_DOC },
        adminToken: { type: 'http', scheme: 'bearer', description: 'the token given to the central as adminToken (cupk central start --admin-token)' },
      },
      schemas: {
        EnrolRequest: jsonSchema(EnrolRequestSchema),
        EnrolResponse: jsonSchema(EnrolResponseSchema),
        Booking: jsonSchema(BookingLookupResponseSchema),
        SyncBatchRequest: jsonSchema(SyncBatchRequestSchema),
        SyncBatchResponse: jsonSchema(SyncBatchResponseSchema),
        TransactionList: jsonSchema(TransactionListResponseSchema),
        RuleSnapshot: jsonSchema(RuleSnapshotResponseSchema),
        IncomeBandAnswer: jsonSchema(IncomeBandAnswerSchema),
        IncomeBandPayload: { ...jsonSchema(IncomeBandPayloadSchema), description: "payload of a sync item of kind 'income-band'; anything else is a PAYLOAD_INVALID conflict" },
        RulePublish: jsonSchema(RulePublishResponseSchema),
        PaymentPayload: { ...jsonSchema(PaymentPayloadSchema), description: "payload of a sync item of kind 'payment'; a payment naming a notice already paid is a NOTICE_ALREADY_PAID conflict" },
        NoticeView: jsonSchema(NoticeViewSchema),
        Notice: jsonSchema(NoticeSchema),
        NoticeVerifyRequest: jsonSchema(NoticeVerifyRequestSchema),
        NoticeLockRequest: jsonSchema(NoticeLockRequestSchema),
        NoticeLockResponse: jsonSchema(NoticeLockResponseSchema),
        NoticeReleaseResponse: jsonSchema(NoticeReleaseResponseSchema),
        UnpaidTickets: jsonSchema(UnpaidTicketsResponseSchema),
        NoticeIssueRequest: jsonSchema(NoticeIssueRequestSchema),
        NoticeIssueResponse: jsonSchema(NoticeIssueResponseSchema),
        NoticeList: jsonSchema(NoticeListResponseSchema),
        Heartbeat: jsonSchema(HeartbeatSchema, 'input'),
        HeartbeatAck: jsonSchema(HeartbeatAckSchema),
        TerminalsHealth: jsonSchema(TerminalsHealthResponseSchema),
        Reconciliation: jsonSchema(ReconciliationResponseSchema),
        UnpaidList: jsonSchema(UnpaidListResponseSchema),
        ...AGENDA_SCHEMAS,
        ...BOOKING_CHANGE_SCHEMAS,
        ...COUNTER_SCHEMAS,
        ...CAMPAIGN_SCHEMAS,
        ...SNAPSHOT_SCHEMAS,
        ErrorBody: jsonSchema(ErrorBodySchema),
      },
    },
  };
}

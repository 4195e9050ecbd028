import fastifyCompress, { type FastifyCompressOptions } from '@fastify/compress';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  BookingLookupResponseSchema,
  EnrolRequestSchema,
  EnrolResponseSchema,
  ErrorBodySchema,
  errorBody,
  jsonSchema,
  parseBookingCode,
  SyncBatchRequestSchema,
  SyncBatchResponseSchema,
  TransactionListResponseSchema,
  type EnrolRequest,
  type SyncBatchRequest,
} from '../protocol/index.ts';
import { CentralAgenda } from './agenda.ts';
import { registerAgendaAdminRoutes } from './agenda-admin-routes.ts';
import { registerAgendaRoutes } from './agenda-routes.ts';
import { CentralBookingChanges } from './booking-changes.ts';
import { registerBookingChangeRoutes } from './booking-change-routes.ts';
import { registerCampaignRoutes } from './campaign-routes.ts';
import { CentralCampaigns } from './campaigns.ts';
import { hashBodies, hashEnrolmentCode, parseTerminalKey, verifyTerminal } from './auth.ts';
import { registerHealthAdminRoutes } from './health-admin-routes.ts';
import { DEFAULT_HEALTH_THRESHOLDS, type HealthThresholds } from './health-status.ts';
import { registerDashboardRoutes } from './dashboard-routes.ts';
import { registerMoneyAdminRoutes } from './money-admin-routes.ts';
import { StaffAuth } from './staff-auth.ts';
import { registerHeartbeatRoutes } from './heartbeat-routes.ts';
import { registerIncomeBandRoutes } from './income-band-routes.ts';
import { ingestBatch } from './ingest.ts';
import { registerNoticeAdminRoutes } from './notice-admin-routes.ts';
import { registerNoticeRoutes } from './notice-routes.ts';
import { CentralNotices } from './notices.ts';
import { openApiDocument } from './openapi.ts';
import { registerRuleRoutes } from './rule-routes.ts';
import { registerSnapshotRoutes, snapshotStoreOf } from './snapshot-routes.ts';
import { registerCounterCloseRoutes } from './counter-close-routes.ts';
import { CentralSnapshots } from './snapshots.ts';
import { CentralRules } from './rules.ts';
import type { CentralStore } from './store.ts';

export interface CentralAppOptions {
  /** JSON logs with pino; default false (tests). */
  logger?: boolean;
  /** Largest request body in bytes; default 1 MiB (a full batch of 500 payments is ~250 KiB). */
  bodyLimit?: number;
  /** Clock for `receivedAt` and signature freshness; default `() => new Date()`. */
  now?: () => Date;
  /**
   * Terminal routes (/v1/bookings, /v1/sync, /v1/terminals/:id/transactions, /v1/terminals/heartbeat, /v1/citizens, /v1/notices, /v1/slots, /v1/holds) accept only
   * requests signed by an enrolled terminal; default true. False is for local tools and tests.
   */
  requireSignatures?: boolean;
  /** Largest accepted clock difference of a signed request; default 5 minutes. */
  maxSkewMs?: number;
  /**
   * Ticket rule set versions payments may be quoted under; a payment under another is a
   * conflict. 'held': the versions the central holds (those published). Default: not checked.
   */
  ruleVersions?: readonly string[] | 'held';
  /** Bearer token for the /v1/admin routes (rule sets, notices, terminal health); default none, and then they answer 404. */
  adminToken?: string;
  /** The rule sets over `store`; default one made here. Pass it to publish in-process as well. */
  rules?: CentralRules;
  /**
   * The pagoPA notices over `store`; default made here with `noticeSegregationCode` and
   * `noticeLockMs`. Pass it to issue in-process as well.
   */
  notices?: CentralNotices;
  /** Segregation code of the notices this central issues; default '02'. */
  noticeSegregationCode?: string;
  /** How long a lock holds a notice for a payment; default 10 minutes. */
  noticeLockMs?: number;
  /** Deflate the notice PDFs; default true (false lets tests read their text). */
  compressPdf?: boolean;
  /** When a terminal's health turns silent, warning or fault; default 3 minutes silent, 50 pending, 5 minutes of lag. */
  healthThresholds?: Partial<HealthThresholds>;
  /** How long the per-minute heartbeat history is kept; default 7 days. */
  heartbeatHistoryMs?: number;
  /** Staff logins of /dashboard; default one made here over `store` (5 failures lock 15 minutes, sessions last 8 hours). */
  staffAuth?: StaffAuth;
  /** Mark the dashboard cookie Secure on plain HTTP too (TLS ended by a proxy); default false: Secure when the request is https. */
  dashboardSecureCookie?: boolean;
  /** The agendas over `store`; default made here with `holdMs`. */
  agenda?: CentralAgenda;
  /** How long a hold keeps a slot; default 10 minutes. */
  holdMs?: number;
  /** The catalogue, agenda and configuration snapshots; default made here over `store` (none for a store without snapshot tables). */
  snapshots?: CentralSnapshots;
}

const ERROR = jsonSchema(ErrorBodySchema);
const errors = { 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 409: ERROR, 413: ERROR, 415: ERROR, 500: ERROR };

/**
 * Gzip or brotli for JSON answers of 1 KiB and more, when the client's Accept-Encoding asks
 * (a full agenda snapshot, some 600 slots: 250 KiB of JSON, 8 KiB gzipped). Request bodies are
 * not decompressed: a terminal signs the exact bytes it sends, and the central hashes them as
 * they arrive. HTML, scripts, CSS and PDFs go as they are.
 */
const RESPONSE_COMPRESSION: FastifyCompressOptions = {
  encodings: ['br', 'gzip'],
  threshold: 1024,
  customTypes: /^application\/json(;|$)/,
  globalDecompression: false,
};

/** The central's HTTP API over a store. Listening is the caller's business (see start.ts). */
export function buildCentralApp(store: CentralStore, options: CentralAppOptions = {}): FastifyInstance {
  const now = options.now ?? (() => new Date());
  const rules = options.rules ?? new CentralRules(store, now);
  // Made now, not when the app boots, so a bad option (a one-digit segregation code) throws here.
  const notices = options.notices ?? new CentralNotices({ store, rules, now, segregationCode: options.noticeSegregationCode, lockMs: options.noticeLockMs });
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.bodyLimit ?? 1024 * 1024 });
  // @fastify/compress hooks each route as it is declared, so the routes are declared in a
  // plugin registered after it: both load in order when the app boots (ready, listen, inject).
  app.register(fastifyCompress, RESPONSE_COMPRESSION);
  app.register(async (api) => centralRoutes(api, store, { ...options, now, rules, notices }));
  return app;
}

function centralRoutes(app: FastifyInstance, store: CentralStore, options: CentralAppOptions & Required<Pick<CentralAppOptions, 'now' | 'rules' | 'notices'>>): void {
  const { now, rules, notices } = options;
  // The API speaks JSON only; anything else is 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain');
  const signed = options.requireSignatures ?? true;
  const agenda = options.agenda ?? new CentralAgenda({ store, now, holdMs: options.holdMs });
  const fixed = Array.isArray(options.ruleVersions) ? { ruleVersions: new Set<string>(options.ruleVersions) } : {};
  // 'held' reads the versions per batch, so a set published a moment ago is known at once.
  const contextFor = async (items: readonly { kind: string; payload: Record<string, unknown> }[]) => {
    if (options.ruleVersions !== 'held') return fixed;
    const quoted = items.filter((i) => i.kind === 'payment' && typeof i.payload.ruleVersion === 'string').map((i) => i.payload.ruleVersion as string);
    return { ruleVersions: await rules.knowsAll(quoted) };
  };
  if (signed) hashBodies(app);
  const terminal = signed ? { preValidation: verifyTerminal(store, { maxSkewMs: options.maxSkewMs, now }) } : {};
  // With signatures on, a terminal acts only as itself.
  const actsAs = (requestTerminal: string, claimed: string) => !signed || requestTerminal === claimed;

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const [status, body] = mapError(err);
    if (status >= 500) request.log.error({ err }, 'request failed');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send(errorBody('ROUTE_NOT_FOUND', `no route ${request.method} ${request.url}`)));

  app.get('/health', async () => {
    const ok = await store.ping().catch(() => false);
    return { status: ok ? 'ok' : 'degraded', store: ok };
  });

  app.get('/openapi.json', async () => openApiDocument());

  app.get<{ Params: { code: string } }>(
    '/v1/bookings/:code',
    { ...terminal, schema: { params: { type: 'object', properties: { code: { type: 'string', maxLength: 32 } }, required: ['code'] }, response: { 200: jsonSchema(BookingLookupResponseSchema), ...errors } } },
    async (request, reply) => {
      const code = parseBookingCode(request.params.code);
      if (!code) return reply.status(400).send(errorBody('BOOKING_CODE_INVALID', 'a booking code is 12 digits with valid check digits'));
      const booking = await store.getBooking(code);
      if (!booking) return reply.status(404).send(errorBody('BOOKING_NOT_FOUND', `no booking ${code}`));
      return booking;
    },
  );

  app.post<{ Body: SyncBatchRequest }>(
    '/v1/sync/batches',
    { ...terminal, schema: { body: jsonSchema(SyncBatchRequestSchema), response: { 200: jsonSchema(SyncBatchResponseSchema), ...errors } } },
    async (request, reply) => {
      // Ajv has checked the shape; zod applies what JSON Schema cannot say (and types the body).
      const parsed = SyncBatchRequestSchema.safeParse(request.body);
      if (!parsed.success) return reply.status(400).send(errorBody('REQUEST_INVALID', parsed.error.message));
      const { terminalId, items } = parsed.data;
      if (!actsAs(request.terminalId, terminalId)) return reply.status(403).send(errorBody('TERMINAL_MISMATCH', 'a terminal sends only its own transactions'));
      const keys = new Set(items.map((i) => i.key));
      if (keys.size !== items.length) return reply.status(400).send(errorBody('REQUEST_INVALID', 'a key appears twice in one batch'));
      const results = await ingestBatch(store, terminalId, items, now().toISOString(), await contextFor(items));
      request.log.info({ terminalId, items: items.length, stored: results.filter((r) => r.status === 'stored').length }, 'batch ingested');
      return { results };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { afterSeq?: number; limit?: number } }>(
    '/v1/terminals/:id/transactions',
    {
      ...terminal,
      schema: {
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
        querystring: { type: 'object', properties: { afterSeq: { type: 'integer', minimum: 0 }, limit: { type: 'integer', minimum: 1, maximum: 10000 } } },
        response: { 200: jsonSchema(TransactionListResponseSchema), ...errors },
      },
    },
    async (request, reply) => {
      if (!actsAs(request.terminalId, request.params.id)) return reply.status(403).send(errorBody('TERMINAL_MISMATCH', "a terminal reads only its own transactions"));
      return { transactions: await store.listTransactions(request.params.id, request.query) };
    },
  );

  registerRuleRoutes(app, { rules, terminal, adminToken: options.adminToken, errors });
  const snapshotStore = options.snapshots ? undefined : snapshotStoreOf(store);
  const snapshots = options.snapshots ?? (snapshotStore && new CentralSnapshots({ store: snapshotStore, now, holdMs: options.holdMs }));
  if (snapshots) registerSnapshotRoutes(app, { snapshots, terminal, errors });
  registerIncomeBandRoutes(app, { store, terminal, errors });
  registerNoticeRoutes(app, { notices, terminal, signed, errors });
  registerNoticeAdminRoutes(app, { notices, adminToken: options.adminToken, compressPdf: options.compressPdf, errors });
  registerAgendaRoutes(app, { agenda, terminal, signed, errors });
  registerAgendaAdminRoutes(app, { agenda, adminToken: options.adminToken, errors });
  registerBookingChangeRoutes(app, { changes: new CentralBookingChanges({ store, now, holdMs: options.holdMs }), terminal, signed, adminToken: options.adminToken, errors });
  registerCampaignRoutes(app, { campaigns: new CentralCampaigns({ store, now, holdMs: options.holdMs }), terminal, signed, adminToken: options.adminToken, errors });
  registerHeartbeatRoutes(app, { store, terminal, signed, now, historyMs: options.heartbeatHistoryMs, errors });
  registerHealthAdminRoutes(app, { store, adminToken: options.adminToken, now, thresholds: options.healthThresholds, errors });
  registerMoneyAdminRoutes(app, { store, rules, adminToken: options.adminToken, now, errors });
  registerCounterCloseRoutes(app, { store, adminToken: options.adminToken, now, errors });
  registerDashboardRoutes(app, {
    store,
    rules,
    auth: options.staffAuth ?? new StaffAuth({ store, now }),
    now,
    thresholds: { ...DEFAULT_HEALTH_THRESHOLDS, ...options.healthThresholds },
    secureCookie: options.dashboardSecureCookie,
  });

  // Unsigned by nature: the one-time code made by a technician is the credential.
  app.post<{ Body: EnrolRequest }>(
    '/v1/terminals/enroll',
    { schema: { body: jsonSchema(EnrolRequestSchema), response: { 200: jsonSchema(EnrolResponseSchema), ...errors } } },
    async (request, reply) => {
      const { terminalId, code, publicKey } = request.body;
      if (!parseTerminalKey(publicKey)) return reply.status(400).send(errorBody('PUBLIC_KEY_INVALID', 'publicKey must be an Ed25519 key, SPKI DER, base64'));
      const enrolledAt = now().toISOString();
      if (!(await store.enrolTerminal(terminalId, hashEnrolmentCode(code), publicKey, enrolledAt))) {
        return reply.status(401).send(errorBody('ENROLMENT_CODE_INVALID', 'the code is unknown, used, expired or made for another terminal'));
      }
      request.log.info({ terminalId }, 'terminal enrolled');
      return { terminalId, enrolledAt };
    },
  );
}

/** Fastify's own failures, as typed error bodies with the right status. */
function mapError(err: FastifyError): [number, ReturnType<typeof errorBody>] {
  if (err.validation) return [400, errorBody('REQUEST_INVALID', err.message)];
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [413, errorBody('BODY_TOO_LARGE', 'request body is larger than the central accepts')];
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return [400, errorBody('BODY_MALFORMED', err.message)];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [415, errorBody('CONTENT_TYPE_UNSUPPORTED', err.message)];
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return [status, errorBody('REQUEST_INVALID', err.message)];
  return [500, errorBody('INTERNAL', 'the central failed to answer; retry later')];
}

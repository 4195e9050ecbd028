import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { todayInRome } from '../domain/rome-time.ts';
import { itemSubject } from '../protocol/item-subject.ts';
import { conflictResolutionsFor, type ConflictResolutions } from './conflict-resolutions.ts';
import { hardened, sameOrigin } from './dashboard-session.ts';
import { terminalStatus, type HealthThresholds } from './health-status.ts';
import { answeringDates } from './money-admin-routes.ts';
import { reconcile, unpaidList } from './money-reports.ts';
import { reconciliationRange } from './reconciliation.ts';
import type { CentralRules } from './rules.ts';
import type { CentralStore } from './store.ts';

export interface DashboardApiOptions {
  store: CentralStore;
  rules: CentralRules;
  now: () => Date;
  thresholds: HealthThresholds;
  /** The preHandler that admits only a valid staff session (401 otherwise). */
  session: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

/** Most heartbeat history one chart asks for: the week the central keeps. */
const MAX_HISTORY_HOURS = 7 * 24;
const CONFLICTS_SHOWN = 100;

/** Conflicts read to find the newest unresolved ones: resolved ones stay in the store. */
const CONFLICTS_READ = 1000;

/**
 * The dashboard's data, under /dashboard/api, for the staff session only: the page reads these
 * and nothing else. One route writes: marking a conflict resolved, from the dashboard's own page.
 */
export function registerDashboardApi(scope: FastifyInstance, o: DashboardApiOptions): void {
  const data = { preHandler: o.session };
  const intQuery = (max: number) => ({ type: 'integer', minimum: 1, maximum: max });
  const dateQuery = { type: 'string', maxLength: 10 };

  scope.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/dashboard/api/')) hardened(reply);
  });

  scope.get('/dashboard/api/me', data, async (request) => ({ username: request.staff!.username, role: request.staff!.role, expiresAt: request.staff!.expiresAt }));

  scope.get('/dashboard/api/terminals', data, async () => {
    const at = o.now();
    const terminals = (await o.store.terminalHeartbeats()).map(({ terminalId, latest }) => ({
      terminalId,
      ...terminalStatus(latest, at, o.thresholds),
      lastSeenAt: latest?.receivedAt ?? null,
      assistanceRequestedAt: latest?.heartbeat.assistance?.requestedAt ?? null,
      backlog: latest?.heartbeat.outbox.pending ?? null,
      lagMs: latest?.heartbeat.syncLagMs ?? null,
    }));
    return { asOf: at.toISOString(), terminals };
  });

  scope.get<{ Params: { id: string }; Querystring: { hours?: number } }>(
    '/dashboard/api/terminals/:id/history',
    { ...data, schema: { params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] }, querystring: { type: 'object', properties: { hours: intQuery(MAX_HISTORY_HOURS) } } } },
    async (request) => {
      const since = new Date(o.now().getTime() - (request.query.hours ?? 6) * 3_600_000).toISOString();
      const history = await o.store.heartbeatHistory(request.params.id, since);
      return { terminalId: request.params.id, points: history.map((h) => ({ at: h.receivedAt, backlog: h.heartbeat.outbox.pending, lagMs: h.heartbeat.syncLagMs })) };
    },
  );

  scope.get<{ Querystring: { day?: string } }>('/dashboard/api/payments-per-hour', { ...data, schema: { querystring: { type: 'object', properties: { day: dateQuery } } } }, (request, reply) =>
    answeringDates(reply, async () => {
      const day = reconciliationRange(request.query.day ?? todayInRome(o.now())).from;
      return { day, hours: await o.store.paymentsByHour(day, day) };
    }),
  );

  scope.get<{ Querystring: { from?: string; to?: string } }>(
    '/dashboard/api/reconciliation',
    { ...data, schema: { querystring: { type: 'object', properties: { from: dateQuery, to: dateQuery } } } },
    (request, reply) =>
      answeringDates(reply, () => {
        const from = request.query.from ?? todayInRome(o.now());
        return reconcile(o.store, from, request.query.to ?? from);
      }),
  );

  scope.get<{ Querystring: { asOf?: string; limit?: number } }>(
    '/dashboard/api/unpaid',
    { ...data, schema: { querystring: { type: 'object', properties: { asOf: dateQuery, limit: intQuery(1000) } } } },
    (request, reply) =>
      answeringDates(reply, () => {
        // Default today: appointments up to yesterday; today's are still being paid.
        const asOf = reconciliationRange(request.query.asOf ?? todayInRome(o.now())).from;
        return unpaidList(o.store, o.rules, asOf, request.query.limit ?? 50);
      }),
  );

  let kept: ConflictResolutions | undefined;
  const resolutions = () => (kept ??= conflictResolutionsFor(o.store));

  scope.get('/dashboard/api/conflicts', data, async () => {
    const all = await o.store.conflicts(CONFLICTS_READ);
    const resolved = await resolutions().of(all.map((c) => c.key));
    const open = all.filter((c) => !resolved.has(c.key)).slice(0, CONFLICTS_SHOWN);
    return {
      conflicts: open.map((c) => ({ key: c.key, terminalId: c.terminalId, seq: c.seq, kind: c.kind, reason: c.reason, createdAt: c.createdAt, receivedAt: c.receivedAt, ...itemSubject(c.payload) })),
    };
  });

  scope.post<{ Params: { key: string }; Body: { note: string } }>(
    '/dashboard/api/conflicts/:key/resolve',
    {
      ...data,
      schema: {
        params: { type: 'object', properties: { key: { type: 'string', minLength: 1, maxLength: 200 } }, required: ['key'] },
        body: { type: 'object', additionalProperties: false, properties: { note: { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S' } }, required: ['note'] },
      },
    },
    async (request, reply) => {
      if (!sameOrigin(request)) return reply.status(403).send({ error: { code: 'ORIGIN_REFUSED', message: 'resolve conflicts from the dashboard itself' } });
      const resolution = { key: request.params.key, resolvedBy: request.staff!.username, resolvedAt: o.now().toISOString(), note: request.body.note.trim() };
      try {
        await resolutions().resolve(resolution);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'CONFLICT_UNKNOWN' || code === 'CONFLICT_ALREADY_RESOLVED') return reply.status(code === 'CONFLICT_UNKNOWN' ? 404 : 409).send({ error: { code, message: (e as Error).message } });
        throw e;
      }
      return { resolution };
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { todayInRome } from '../domain/rome-time.ts';
import { hardened } from './dashboard-session.ts';
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

/**
 * The dashboard's data, under /dashboard/api, for the staff session only: the page reads these
 * and nothing else. Read-only: no route here changes anything.
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

  scope.get('/dashboard/api/conflicts', data, async () => ({
    conflicts: (await o.store.conflicts(CONFLICTS_SHOWN)).map((c) => ({ key: c.key, terminalId: c.terminalId, seq: c.seq, kind: c.kind, reason: c.reason, createdAt: c.createdAt, receivedAt: c.receivedAt })),
  }));
}

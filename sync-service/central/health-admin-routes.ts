import type { FastifyInstance } from 'fastify';
import { jsonSchema, TerminalsHealthResponseSchema, type TerminalsHealthResponse } from '../protocol/index.ts';
import { adminOnly } from './admin-auth.ts';
import { DEFAULT_HEALTH_THRESHOLDS, terminalStatus, type HealthThresholds } from './health-status.ts';
import type { CentralStore } from './store.ts';

export interface HealthAdminRoutesOptions {
  store: CentralStore;
  /** Bearer token of the administrator; without one this route does not exist. */
  adminToken?: string;
  now: () => Date;
  /** When a terminal turns silent, warning or fault; default DEFAULT_HEALTH_THRESHOLDS. */
  thresholds?: Partial<HealthThresholds>;
  /** Error response schemas shared with the other routes. */
  errors: Record<number, unknown>;
}

/** GET /v1/admin/terminals/health: every enrolled terminal with its latest heartbeat and its status now. */
export function registerHealthAdminRoutes(app: FastifyInstance, o: HealthAdminRoutesOptions): void {
  if (!o.adminToken) return;
  const thresholds = { ...DEFAULT_HEALTH_THRESHOLDS, ...o.thresholds };
  app.get(
    '/v1/admin/terminals/health',
    { preValidation: adminOnly(o.adminToken), schema: { response: { 200: jsonSchema(TerminalsHealthResponseSchema), ...o.errors } } },
    async (): Promise<TerminalsHealthResponse> => {
      // One clock reading for the whole list: every terminal judged at the same instant.
      const at = o.now();
      const terminals = (await o.store.terminalHeartbeats()).map(({ terminalId, enrolledAt, latest }) => ({
        terminalId,
        enrolledAt,
        ...terminalStatus(latest, at, thresholds),
        lastSeenAt: latest?.receivedAt ?? null,
        assistanceRequestedAt: latest?.heartbeat.assistance?.requestedAt ?? null,
        heartbeat: latest?.heartbeat ?? null,
      }));
      return { asOf: at.toISOString(), terminals };
    },
  );
}

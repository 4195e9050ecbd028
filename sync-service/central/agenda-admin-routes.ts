import type { FastifyInstance } from 'fastify';
import { jsonSchema, WaitingListResponseSchema, type WaitingListEntry } from '../protocol/index.ts';
import { adminOnly } from './admin-auth.ts';
import type { CentralAgenda } from './agenda.ts';

export interface AgendaAdminRoutesOptions {
  agenda: CentralAgenda;
  /** Bearer token of the administrator; without one these routes do not exist. */
  adminToken?: string;
  /** Error response schemas shared with the other routes. */
  errors: Record<number, unknown>;
}

/** The call centre's side: GET /v1/admin/waiting-list, the citizens to call back, oldest request first. */
export function registerAgendaAdminRoutes(app: FastifyInstance, o: AgendaAdminRoutesOptions): void {
  if (!o.adminToken) return;
  app.get<{ Querystring: { status?: WaitingListEntry['status'] } }>(
    '/v1/admin/waiting-list',
    {
      preValidation: adminOnly(o.adminToken),
      schema: { querystring: { type: 'object', properties: { status: { type: 'string', enum: ['waiting', 'booked'] } } }, response: { 200: jsonSchema(WaitingListResponseSchema), ...o.errors } },
    },
    async (request) => ({ requests: await o.agenda.waitingList(request.query.status) }),
  );
}

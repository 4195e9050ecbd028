import type { FastifyInstance, FastifyReply } from 'fastify';
import { CupError } from '../domain/errors.ts';
import { todayInRome } from '../domain/rome-time.ts';
import { errorBody, jsonSchema, ReconciliationResponseSchema, UnpaidListResponseSchema } from '../protocol/index.ts';
import { adminOnly } from './admin-auth.ts';
import { MAX_UNPAID_LIMIT, reconcile, unpaidList } from './money-reports.ts';
import { reconciliationRange } from './reconciliation.ts';
import type { CentralRules } from './rules.ts';
import type { CentralStore } from './store.ts';

export interface MoneyAdminRoutesOptions {
  store: CentralStore;
  rules: CentralRules;
  /** Bearer token of the administrator; without one these routes do not exist. */
  adminToken?: string;
  now: () => Date;
  /** Error response schemas shared with the other routes. */
  errors: Record<number, unknown>;
}

/** A refusal of bad dates as 400 with its own code; anything else goes on to the error handler. */
export async function answeringDates<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof CupError && (e.code === 'DATE_INVALID' || e.code === 'DATE_RANGE_INVALID')) return reply.status(400).send(errorBody(e.code, e.message, e.details));
    throw e;
  }
}

/**
 * The CUP's accounts: GET /v1/admin/reconciliation (per Rome day, terminal and provider: what
 * was collected against what was booked and what is due) and GET /v1/admin/unpaid (the tickets
 * credit recovery goes after).
 */
export function registerMoneyAdminRoutes(app: FastifyInstance, o: MoneyAdminRoutesOptions): void {
  if (!o.adminToken) return;
  const admin = { preValidation: adminOnly(o.adminToken) };

  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/v1/admin/reconciliation',
    {
      ...admin,
      schema: {
        querystring: { type: 'object', properties: { from: { type: 'string', maxLength: 10 }, to: { type: 'string', maxLength: 10 } } },
        response: { 200: jsonSchema(ReconciliationResponseSchema), ...o.errors },
      },
    },
    (request, reply) =>
      answeringDates(reply, () => {
        const from = request.query.from ?? todayInRome(o.now());
        return reconcile(o.store, from, request.query.to ?? from);
      }),
  );

  app.get<{ Querystring: { asOf?: string; limit?: number } }>(
    '/v1/admin/unpaid',
    {
      ...admin,
      schema: {
        querystring: { type: 'object', properties: { asOf: { type: 'string', maxLength: 10 }, limit: { type: 'integer', minimum: 1, maximum: MAX_UNPAID_LIMIT } } },
        response: { 200: jsonSchema(UnpaidListResponseSchema), ...o.errors },
      },
    },
    (request, reply) =>
      answeringDates(reply, () => {
        const asOf = reconciliationRange(request.query.asOf ?? todayInRome(o.now())).from;
        return unpaidList(o.store, o.rules, asOf, request.query.limit);
      }),
  );
}

import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { errorBody, jsonSchema, RulePublishResponseSchema, RuleSnapshotResponseSchema } from '../protocol/index.ts';
import { adminOnly } from './admin-auth.ts';
import { RulesError, type CentralRules } from './rules.ts';

export interface RuleRoutesOptions {
  rules: CentralRules;
  /** Hooks that admit only signed terminal requests (empty when signatures are off). */
  terminal: Pick<RouteShorthandOptions, 'preValidation'>;
  /** Bearer token of the rules administrator; without one the admin route does not exist. */
  adminToken?: string;
  /** Error response schemas shared with the other routes. */
  errors: Record<number, unknown>;
}

/** GET /v1/snapshots/rules for terminals and, with an admin token, POST /v1/admin/rule-sets. */
export function registerRuleRoutes(app: FastifyInstance, o: RuleRoutesOptions): void {
  app.get<{ Querystring: { since?: number } }>(
    '/v1/snapshots/rules',
    {
      ...o.terminal,
      schema: {
        querystring: { type: 'object', properties: { since: { type: 'integer', minimum: 0 } } },
        response: { 200: jsonSchema(RuleSnapshotResponseSchema), ...o.errors },
      },
    },
    async (request) => o.rules.since(request.query.since ?? 0),
  );

  if (!o.adminToken) return;
  app.post<{ Body: unknown }>(
    '/v1/admin/rule-sets',
    {
      preValidation: adminOnly(o.adminToken),
      // Only "an object" here: the rule-set check itself lists every problem, Ajv would stop at one.
      schema: { body: { type: 'object' }, response: { 200: jsonSchema(RulePublishResponseSchema), 201: jsonSchema(RulePublishResponseSchema), ...o.errors } },
    },
    async (request, reply) => {
      try {
        const published = await o.rules.publish(request.body);
        request.log.info({ version: published.version, effectiveFrom: published.effectiveFrom, snapshot: published.snapshot, created: published.created }, 'rule set published');
        return reply.status(published.created ? 201 : 200).send(published);
      } catch (e) {
        if (!(e instanceof RulesError)) throw e;
        request.log.warn({ code: e.code, details: e.details }, 'rule set refused');
        return reply.status(e.code === 'RULES_INVALID' ? 400 : 409).send(errorBody(e.code, e.message, e.details));
      }
    },
  );
}

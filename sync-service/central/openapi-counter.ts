import { CounterCloseListResponseSchema, CounterClosePayloadSchema, jsonSchema } from '../protocol/index.ts';

/** The pharmacy counters' route of the OpenAPI document (openapi.ts), and the schemas it names. */

const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => json({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, ...ref('ErrorBody') });
const DAY = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

export const COUNTER_PATHS: Record<string, unknown> = {
  '/v1/admin/counter-closes': {
    get: {
      summary: "The pharmacy counters' daily closes of the Rome days from..to (default today), by day, terminal and operator",
      security: [{ adminToken: [] }],
      parameters: [
        { name: 'from', in: 'query', schema: DAY },
        { name: 'to', in: 'query', schema: DAY },
      ],
      responses: { '200': { description: 'closes', ...ref('CounterCloses') }, '400': error('REQUEST_INVALID'), '401': error('ADMIN_AUTH_INVALID'), '404': error('ROUTE_NOT_FOUND: no admin token configured') },
    },
  },
};

export const COUNTER_SCHEMAS: Record<string, unknown> = {
  CounterCloses: jsonSchema(CounterCloseListResponseSchema),
  CounterClosePayload: {
    ...jsonSchema(CounterClosePayloadSchema),
    description: "payload of a sync item of kind 'counter-close': one operator's day at a counter, key counter-close:<closeId>; conflicts PAYLOAD_INVALID (cash + card ≠ total, items + rounding ≠ total), TERMINAL_MISMATCH",
  },
};

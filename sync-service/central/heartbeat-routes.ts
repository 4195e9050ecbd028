import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { errorBody, HeartbeatAckSchema, HeartbeatSchema, jsonSchema, type Heartbeat } from '../protocol/index.ts';
import type { CentralStore } from './store.ts';

export interface HeartbeatRoutesOptions {
  store: CentralStore;
  /** Hooks that admit only signed terminal requests (empty when signatures are off). */
  terminal: Pick<RouteShorthandOptions, 'preValidation'>;
  /** Whether requests are signed: a heartbeat must then be the signing terminal's own. */
  signed: boolean;
  now: () => Date;
  /** How long the per-minute history is kept; default 7 days. */
  historyMs?: number;
  /** Error response schemas shared with the other routes. */
  errors: Record<number, unknown>;
}

export const DEFAULT_HEARTBEAT_HISTORY_MS = 7 * 24 * 3_600_000;

/** POST /v1/terminals/heartbeat: a terminal's devices, outbox and sync lag, kept as its latest and in its history. */
export function registerHeartbeatRoutes(app: FastifyInstance, o: HeartbeatRoutesOptions): void {
  const historyMs = o.historyMs ?? DEFAULT_HEARTBEAT_HISTORY_MS;
  app.post<{ Body: Heartbeat }>(
    '/v1/terminals/heartbeat',
    { ...o.terminal, schema: { body: jsonSchema(HeartbeatSchema, 'input'), response: { 200: jsonSchema(HeartbeatAckSchema), ...o.errors } } },
    async (request, reply) => {
      // Ajv has checked the shape; zod applies what JSON Schema cannot say (and types the body).
      const parsed = HeartbeatSchema.safeParse(request.body);
      if (!parsed.success) return reply.status(400).send(errorBody('REQUEST_INVALID', parsed.error.message));
      const heartbeat = parsed.data;
      if (o.signed && request.terminalId !== heartbeat.terminalId) return reply.status(403).send(errorBody('TERMINAL_MISMATCH', 'a terminal reports only its own health'));
      const at = o.now();
      const receivedAt = at.toISOString();
      await o.store.putHeartbeat({ terminalId: heartbeat.terminalId, receivedAt, heartbeat }, new Date(at.getTime() - historyMs).toISOString());
      return { receivedAt };
    },
  );
}

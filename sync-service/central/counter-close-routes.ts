import type { FastifyInstance } from 'fastify';
import { CounterCloseListResponseSchema, jsonSchema, type CounterClose } from '../protocol/index.ts';
import { todayInRome } from '../domain/rome-time.ts';
import { adminOnly } from './admin-auth.ts';
import { PgCentralStore } from './pg-store.ts';
import { SqliteCentralStore } from './sqlite-store.ts';
import type { CentralStore } from './store.ts';

/** The pharmacy counters' daily closes of the Rome days `from`..`to`, by day, terminal and operator. */
export type CounterCloseReader = (from: string, to: string) => Promise<CounterClose[]>;

interface CloseRow {
  payload: string | Record<string, unknown>;
  received_at: string;
}

const toClose = (r: CloseRow): CounterClose => ({ close: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as CounterClose['close'], receivedAt: r.received_at });

/**
 * Closes are kept as the stored `counter-close` transactions themselves (ingest stores each key
 * once and refuses a malformed one), so both stores read them from there, with no table of their own.
 */
export function counterClosesOf(store: CentralStore): CounterCloseReader | undefined {
  if (store instanceof SqliteCentralStore) {
    return async (from, to) =>
      (
        await store.db.all<CloseRow>(
          `SELECT payload, received_at FROM transactions WHERE kind = 'counter-close' AND status = 'stored'
             AND json_extract(payload, '$.day') BETWEEN ? AND ?
           ORDER BY json_extract(payload, '$.day'), terminal_id, json_extract(payload, '$.operatorCode')`,
          [from, to],
        )
      ).map(toClose);
  }
  if (store instanceof PgCentralStore) {
    return async (from, to) =>
      (
        await store.pool.query<CloseRow>(
          `SELECT payload, received_at FROM transactions WHERE kind = 'counter-close' AND status = 'stored'
             AND payload->>'day' BETWEEN $1 AND $2
           ORDER BY payload->>'day', terminal_id, payload->>'operatorCode'`,
          [from, to],
        )
      ).rows.map(toClose);
  }
  return undefined;
}

export interface CounterCloseRoutesOptions {
  store: CentralStore;
  /** Bearer token of the administrator; without one this route does not exist. */
  adminToken?: string;
  now: () => Date;
  errors: Record<number, unknown>;
}

const DAY = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

/** GET /v1/admin/counter-closes?from=&to=: what each counter operator closed, day by day (default today, Rome). */
export function registerCounterCloseRoutes(app: FastifyInstance, o: CounterCloseRoutesOptions): void {
  const read = counterClosesOf(o.store);
  if (!o.adminToken || !read) return;
  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/v1/admin/counter-closes',
    {
      preValidation: adminOnly(o.adminToken),
      schema: { querystring: { type: 'object', properties: { from: DAY, to: DAY } }, response: { 200: jsonSchema(CounterCloseListResponseSchema), ...o.errors } },
    },
    async (request) => {
      const from = request.query.from ?? todayInRome(o.now());
      return { closes: await read(from, request.query.to ?? from) };
    },
  );
}

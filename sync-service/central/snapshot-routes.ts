import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { PgCentralStore } from './pg-store.ts';
import { PgSnapshotStore } from './pg-snapshots.ts';
import { jsonSchema, SNAPSHOT_KINDS, SnapshotResponseSchema, type SnapshotKind } from '../protocol/index.ts';
import type { CentralSnapshots } from './snapshots.ts';
import { SqliteCentralStore } from './sqlite-store.ts';
import { SqliteSnapshotStore } from './sqlite-snapshots.ts';
import type { CentralStore } from './store.ts';
import type { SnapshotStore } from './snapshot-store.ts';

export interface SnapshotRoutesOptions {
  snapshots: CentralSnapshots;
  /** Hooks that admit only signed terminal requests (empty when signatures are off). */
  terminal: Pick<RouteShorthandOptions, 'preValidation'>;
  errors: Record<number, unknown>;
}

/** The snapshot tables beside a central store's own; undefined for a store that keeps none (a test double). */
export function snapshotStoreOf(store: CentralStore): SnapshotStore | undefined {
  if (store instanceof SqliteCentralStore) return new SqliteSnapshotStore(store.db);
  if (store instanceof PgCentralStore) return new PgSnapshotStore(store.pool);
  return undefined;
}

/**
 * GET /v1/snapshots/:kind?since=N&epoch=E (catalogue, agenda, config); the rules keep their own
 * route. Answers go gzipped or brotli-compressed to a client that accepts it (app.ts).
 */
export function registerSnapshotRoutes(app: FastifyInstance, o: SnapshotRoutesOptions): void {
  app.get<{ Params: { kind: SnapshotKind }; Querystring: { since?: number; epoch?: string } }>(
    '/v1/snapshots/:kind',
    {
      ...o.terminal,
      schema: {
        params: { type: 'object', properties: { kind: { type: 'string', enum: [...SNAPSHOT_KINDS] } }, required: ['kind'] },
        querystring: { type: 'object', properties: { since: { type: 'integer', minimum: 0 }, epoch: { type: 'string', minLength: 1, maxLength: 64 } } },
        response: { 200: jsonSchema(SnapshotResponseSchema), ...o.errors },
      },
    },
    async (request) => o.snapshots.since(request.params.kind, request.query.since, request.query.epoch),
  );
}

import type { Migration } from '../outbox/migrate.ts';
import type { PgMigration } from './pg-migrations.ts';

/**
 * The snapshot tables, in their own migration scope ('snapshots') on both stores: every item
 * a kind has held, with the version that last changed it (a removed item keeps a tombstone so a
 * delta can say it went), and each kind's version and floor.
 */
const tables = (json: 'TEXT' | 'JSONB') => `
      CREATE TABLE snapshot_items (
        kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        version BIGINT NOT NULL,
        digest TEXT,
        data ${json},
        PRIMARY KEY (kind, item_id)
      );
      CREATE INDEX snapshot_items_version ON snapshot_items (kind, version);
      CREATE TABLE snapshot_kinds (
        kind TEXT PRIMARY KEY,
        version BIGINT NOT NULL,
        floor BIGINT NOT NULL,
        taken_at TEXT NOT NULL
      );
`;

const NAME = 'versioned snapshots: catalogue, agenda, configuration';

export const SNAPSHOT_SQLITE_MIGRATIONS: readonly Migration[] = [{ version: 1, name: NAME, up: tables('TEXT') }];
export const SNAPSHOT_PG_MIGRATIONS: readonly PgMigration[] = [{ version: 1, name: NAME, up: tables('JSONB') }];

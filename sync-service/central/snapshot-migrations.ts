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

/**
 * The store's snapshot epoch: 128 random bits, hex, drawn once when this step runs (with the
 * tables on a new database). Versions count from 1 again on a new database; the epoch tells
 * a terminal's version of an earlier database from one of this, so it gets the whole snapshot.
 */
const epoch = (random: string, now: string) => `
      CREATE TABLE snapshot_epoch (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        epoch TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      INSERT INTO snapshot_epoch (id, epoch, created_at) VALUES (1, ${random}, ${now});
`;

const EPOCH_NAME = 'snapshot epoch: versions of another database are not deltas of these';

export const SNAPSHOT_SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: NAME, up: tables('TEXT') },
  { version: 2, name: EPOCH_NAME, up: epoch('lower(hex(randomblob(16)))', "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')") },
];
export const SNAPSHOT_PG_MIGRATIONS: readonly PgMigration[] = [
  { version: 1, name: NAME, up: tables('JSONB') },
  // gen_random_uuid() is in core PostgreSQL since 13: 122 random bits, the dashes taken out.
  { version: 2, name: EPOCH_NAME, up: epoch("replace(gen_random_uuid()::text, '-', '')", `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`) },
];

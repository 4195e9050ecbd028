import type pg from 'pg';
import { CupError } from '../domain/errors.ts';
import { migrate, type Migration } from '../outbox/migrate.ts';
import type { Database } from '../outbox/sqlite.ts';
import { migratePg, type PgMigration } from './pg-migrations.ts';
import { PgCentralStore } from './pg-store.ts';
import { SqliteCentralStore } from './sqlite-store.ts';
import type { CentralStore } from './store.ts';

/**
 * What CUP staff did about a conflict a terminal's item met (a slot taken while it was offline,
 * a ticket paid twice): who marked it resolved, when, and how, in their words. The conflict
 * itself stays as ingest stored it; the dashboard lists those without a resolution. Tables in
 * their own migration scope on both stores.
 */
export interface ConflictResolution {
  key: string;
  resolvedBy: string;
  resolvedAt: string;
  note: string;
}

export interface ConflictResolutions {
  /** Rejects CONFLICT_UNKNOWN (no conflict under that key) or CONFLICT_ALREADY_RESOLVED. */
  resolve(r: ConflictResolution): Promise<void>;
  /** The resolutions of these keys. */
  of(keys: readonly string[]): Promise<Map<string, ConflictResolution>>;
}

const table = `
  CREATE TABLE conflict_resolutions (
    key TEXT PRIMARY KEY,
    resolved_by TEXT NOT NULL,
    resolved_at TEXT NOT NULL,
    note TEXT NOT NULL
  );
`;
const NAME = 'conflicts resolved by CUP staff';
const SCOPE = 'conflict-resolutions';
export const RESOLUTION_SQLITE_MIGRATIONS: readonly Migration[] = [{ version: 1, name: NAME, up: table }];
export const RESOLUTION_PG_MIGRATIONS: readonly PgMigration[] = [{ version: 1, name: NAME, up: table }];

interface Row {
  key: string;
  resolved_by: string;
  resolved_at: string;
  note: string;
}
const toResolution = (r: Row): ConflictResolution => ({ key: r.key, resolvedBy: r.resolved_by, resolvedAt: r.resolved_at, note: r.note });

/** Why a resolution was not recorded: the key is not a conflict, or one was recorded before. */
function refused(key: string, isConflict: boolean): CupError {
  return isConflict ? new CupError('CONFLICT_ALREADY_RESOLVED', `the conflict ${key} was resolved already`, { key }) : new CupError('CONFLICT_UNKNOWN', `no conflict under the key ${key}`, { key });
}

/** Inserted only for a stored conflict, once: one statement decides both. */
const INSERT = (p: (n: number) => string) =>
  `INSERT INTO conflict_resolutions (key, resolved_by, resolved_at, note)
   SELECT key, ${p(2)}, ${p(3)}, ${p(4)} FROM transactions WHERE key = ${p(1)} AND status = 'conflict'
   ON CONFLICT DO NOTHING`;

class SqliteResolutions implements ConflictResolutions {
  private ready: Promise<unknown> | undefined;
  constructor(private readonly db: Database) {}

  private migrated(): Promise<unknown> {
    this.ready ??= migrate(this.db, RESOLUTION_SQLITE_MIGRATIONS, { scope: SCOPE });
    return this.ready;
  }

  async resolve(r: ConflictResolution): Promise<void> {
    await this.migrated();
    const { changes } = await this.db.run(INSERT((n) => `?${n}`), [r.key, r.resolvedBy, r.resolvedAt, r.note]);
    if (changes === 1) return;
    throw refused(r.key, (await this.db.get(`SELECT 1 FROM transactions WHERE key = ? AND status = 'conflict'`, [r.key])) !== undefined);
  }

  async of(keys: readonly string[]): Promise<Map<string, ConflictResolution>> {
    await this.migrated();
    if (keys.length === 0) return new Map();
    const rows = await this.db.all<Row>(`SELECT * FROM conflict_resolutions WHERE key IN (SELECT value FROM json_each(?))`, [JSON.stringify(keys)]);
    return new Map(rows.map((r) => [r.key, toResolution(r)]));
  }
}

class PgResolutions implements ConflictResolutions {
  private ready: Promise<unknown> | undefined;
  constructor(private readonly pool: pg.Pool) {}

  private migrated(): Promise<unknown> {
    this.ready ??= (async () => {
      const client = await this.pool.connect();
      try {
        await migratePg(client, RESOLUTION_PG_MIGRATIONS, SCOPE);
      } finally {
        client.release();
      }
    })();
    return this.ready;
  }

  async resolve(r: ConflictResolution): Promise<void> {
    await this.migrated();
    const { rowCount } = await this.pool.query(INSERT((n) => `$${n}`), [r.key, r.resolvedBy, r.resolvedAt, r.note]);
    if (rowCount === 1) return;
    const { rowCount: found } = await this.pool.query(`SELECT 1 FROM transactions WHERE key = $1 AND status = 'conflict'`, [r.key]);
    throw refused(r.key, (found ?? 0) > 0);
  }

  async of(keys: readonly string[]): Promise<Map<string, ConflictResolution>> {
    await this.migrated();
    if (keys.length === 0) return new Map();
    const { rows } = await this.pool.query<Row>('SELECT * FROM conflict_resolutions WHERE key = ANY($1::text[])', [keys]);
    return new Map(rows.map((r) => [r.key, toResolution(r)]));
  }
}

/** The resolutions kept beside a central's own store. */
export function conflictResolutionsFor(store: CentralStore): ConflictResolutions {
  if (store instanceof SqliteCentralStore) return new SqliteResolutions(store.db);
  if (store instanceof PgCentralStore) return new PgResolutions(store.pool);
  throw new Error('conflict resolutions need the SQLite or the PostgreSQL store');
}

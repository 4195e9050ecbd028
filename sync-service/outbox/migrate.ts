import { CupError } from '../domain/errors.ts';
import type { Database, Transaction } from './sqlite.ts';

/** One numbered schema step. Versions of a scope run 1, 2, 3, ... each once, in order. */
export interface Migration {
  version: number;
  name: string;
  /** SQL script, or a function for steps that need to read before they write. */
  up: string | ((tx: Transaction) => Promise<void>);
}

export interface MigrateOptions {
  /**
   * Several components share one terminal database (outbox, payments, cash ledger), each with
   * its own numbered series; the scope keeps their version numbers apart. Default 'main'.
   */
  scope?: string;
  /** Clock for `applied_at`; default `() => new Date()`. */
  now?: () => Date;
}

/**
 * Brings the database to the latest version of `migrations` for a scope and returns that
 * version. Each step commits with its version row, so a crash leaves a consistent version.
 * A database newer than the code (a downgrade) is refused rather than silently misread.
 */
export async function migrate(db: Database, migrations: readonly Migration[], options: MigrateOptions = {}): Promise<number> {
  const scope = options.scope ?? 'main';
  const now = options.now ?? (() => new Date());
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new CupError('DB_MIGRATIONS_INVALID', `migration ${i} of scope ${scope} has version ${m.version}, expected ${i + 1}`);
    }
  });
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    scope TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (scope, version)
  )`);
  const latest = migrations.length;
  for (;;) {
    const applied = await db.transaction(async (tx) => {
      const row = await tx.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version WHERE scope = ?', [scope]);
      const current = row?.v ?? 0;
      if (current > latest) {
        throw new CupError('DB_SCHEMA_TOO_NEW', `database ${db.file} has ${scope} schema ${current}, this code knows ${latest}`, { scope, current, latest });
      }
      const step = migrations[current];
      if (!step) return undefined;
      if (typeof step.up === 'string') await tx.exec(step.up);
      else await step.up(tx);
      await tx.run('INSERT INTO schema_version (scope, version, name, applied_at) VALUES (?, ?, ?, ?)', [scope, step.version, step.name, now().toISOString()]);
      return step.version;
    });
    if (applied === undefined) return latest;
  }
}

/** The version a scope is at, 0 when none of its migrations ran. */
export async function schemaVersion(db: Database, scope = 'main'): Promise<number> {
  const table = await db.get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
  if (!table) return 0;
  const row = await db.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version WHERE scope = ?', [scope]);
  return row?.v ?? 0;
}

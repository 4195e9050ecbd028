import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from './migrate.ts';
import { openDatabase, type Database } from './sqlite.ts';

let dir: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-sqlite-'));
  db = await openDatabase(join(dir, 'test.db'));
  await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
});

afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('sets WAL, synchronous FULL, foreign keys and a busy timeout', async () => {
    expect(await db.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await db.get('PRAGMA synchronous')).toEqual({ synchronous: 2 });
    expect(await db.get('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
    expect(await db.get('PRAGMA busy_timeout')).toEqual({ timeout: 5000 });
  });
});

describe('prepared write statements', () => {
  it('reuse a statement with new values and report each run', async () => {
    for (let i = 1; i <= 3; i++) {
      expect(await db.run('INSERT INTO t (v) VALUES (?)', [`v${i}`])).toEqual({ changes: 1, lastID: i });
    }
    expect(await db.run('UPDATE t SET v = v || ? WHERE id > ?', ['!', 1])).toEqual({ changes: 2, lastID: 3 });
    expect(await db.all('SELECT v FROM t ORDER BY id')).toEqual([{ v: 'v1' }, { v: 'v2!' }, { v: 'v3!' }]);
  });

  it('report a failing run and keep the statement usable', async () => {
    await db.run('INSERT INTO t (v) VALUES (?)', ['a']);
    await expect(db.run('INSERT INTO t (v) VALUES (?)', ['a'])).rejects.toThrow(/UNIQUE/);
    expect(await db.run('INSERT INTO t (v) VALUES (?)', ['b'])).toEqual({ changes: 1, lastID: 2 });
  });

  it('report a statement that does not prepare, every time', async () => {
    await expect(db.run('INSERT INTO nowhere (v) VALUES (?)', ['a'])).rejects.toThrow(/no such table/);
    await expect(db.run('INSERT INTO nowhere (v) VALUES (?)', ['a'])).rejects.toThrow(/no such table/);
  });

  it('close cleanly after more distinct statements than are kept', async () => {
    for (let i = 0; i < 100; i++) await db.run(`INSERT INTO t (v) VALUES (? || '-${i}')`, ['x']);
    expect(await db.get('SELECT COUNT(*) AS n FROM t')).toEqual({ n: 100 });
    // close() in afterEach fails with SQLITE_BUSY if a prepared statement was left unfinalized.
  });

  it('see a schema change made after they were prepared', async () => {
    await db.run('INSERT INTO t (v) VALUES (?)', ['a']);
    await db.exec("ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'none'");
    await db.run('INSERT INTO t (v) VALUES (?)', ['b']);
    expect(await db.all('SELECT v, w FROM t ORDER BY id')).toEqual([{ v: 'a', w: 'none' }, { v: 'b', w: 'none' }]);
  });
});

describe('transaction', () => {
  it('commits when the callback resolves', async () => {
    const id = await db.transaction(async (tx) => (await tx.run('INSERT INTO t (v) VALUES (?)', ['a'])).lastID);
    expect(await db.get('SELECT v FROM t WHERE id = ?', [id])).toEqual({ v: 'a' });
  });

  it('rolls back everything when the callback throws, and rethrows', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (v) VALUES (?)', ['a']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.all('SELECT * FROM t')).toEqual([]);
  });

  it('rolls back on a constraint error inside the transaction', async () => {
    await db.run('INSERT INTO t (v) VALUES (?)', ['dup']);
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (v) VALUES (?)', ['new']);
        await tx.run('INSERT INTO t (v) VALUES (?)', ['dup']);
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect(await db.all('SELECT v FROM t ORDER BY id')).toEqual([{ v: 'dup' }]);
  });

  it('serialises concurrent transactions on one connection', async () => {
    // Without the queue the second BEGIN would fail ("cannot start a transaction within a
    // transaction") or the first one's rollback would undo the second one's rows.
    const slow = db.transaction(async (tx) => {
      await tx.run('INSERT INTO t (v) VALUES (?)', ['slow']);
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('undo slow');
    });
    const fast = db.transaction(async (tx) => {
      await tx.run('INSERT INTO t (v) VALUES (?)', ['fast']);
    });
    const plain = db.run('INSERT INTO t (v) VALUES (?)', ['plain']);
    await expect(slow).rejects.toThrow('undo slow');
    await fast;
    await plain;
    expect((await db.all<{ v: string }>('SELECT v FROM t ORDER BY id')).map((r) => r.v)).toEqual(['fast', 'plain']);
  });

  it('refuses a stale transaction handle and nested use of the connection', async () => {
    let leaked: Parameters<Parameters<Database['transaction']>[0]>[0] | undefined;
    await db.transaction(async (tx) => {
      leaked = tx;
      await expect(db.run('INSERT INTO t (v) VALUES (?)', ['x'])).rejects.toMatchObject({ code: 'DB_NESTED_CALL' });
    });
    await expect(leaked!.run('INSERT INTO t (v) VALUES (?)', ['y'])).rejects.toMatchObject({ code: 'DB_TRANSACTION_CLOSED' });
  });
});

describe('migrate', () => {
  const steps = [
    { version: 1, name: 'a', up: 'CREATE TABLE a (id INTEGER PRIMARY KEY)' },
    { version: 2, name: 'b', up: 'ALTER TABLE a ADD COLUMN name TEXT' },
  ];

  it('applies numbered steps once per scope', async () => {
    expect(await migrate(db, steps, { scope: 's' })).toBe(2);
    expect(await migrate(db, steps, { scope: 's' })).toBe(2);
    expect(await schemaVersion(db, 's')).toBe(2);
    expect(await schemaVersion(db, 'other')).toBe(0);
    await db.run('INSERT INTO a (name) VALUES (?)', ['n']);
  });

  it('resumes from where it stopped and refuses a database newer than the code', async () => {
    await migrate(db, steps.slice(0, 1), { scope: 's' });
    expect(await migrate(db, steps, { scope: 's' })).toBe(2);
    await expect(migrate(db, steps.slice(0, 1), { scope: 's' })).rejects.toMatchObject({ code: 'DB_SCHEMA_TOO_NEW' });
  });

  it('rolls back a failing step with its version row', async () => {
    await expect(migrate(db, [...steps, { version: 3, name: 'bad', up: 'CREATE TABLE c (x); SELECT * FROM nowhere' }], { scope: 's' })).rejects.toThrow(/nowhere/);
    expect(await schemaVersion(db, 's')).toBe(2);
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'c'")).toBeUndefined();
  });

  it('refuses misnumbered migrations', async () => {
    await expect(migrate(db, [{ version: 2, name: 'x', up: '' }])).rejects.toMatchObject({ code: 'DB_MIGRATIONS_INVALID' });
  });
});

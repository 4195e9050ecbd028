import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyLookupSql, prepared } from '../../../sync-service/central/pg-lookup.ts';
import { startPgServer, type PgServer } from './pg-server.ts';

// Ingest's lookups by key must stay one index probe per key however large the table and
// whatever its statistics: a plan that scans the table makes every batch slower than the last.

const ROWS = 50_000;
const KEYS = 500;

let server: PgServer;
let url: string;
let client: pg.Client;

beforeAll(async () => {
  server = await startPgServer();
  url = await server.createDatabase();
  client = new pg.Client(url);
  await client.connect();
  await client.query('CREATE TABLE items (id TEXT PRIMARY KEY, owner TEXT NOT NULL, n BIGINT NOT NULL, UNIQUE (owner, n))');
  // Never analysed, as a table that grew since autovacuum last looked at it.
  await client.query(`INSERT INTO items SELECT 'item-' || g, 'owner-' || (g % 3), g FROM generate_series(1, ${ROWS}) AS g`);
});

afterAll(async () => {
  await client?.end();
  await server?.stop();
});

const keys = (from: number) => Array.from({ length: KEYS }, (_, i) => `item-${from + i}`);

async function plan(sql: string, values: unknown[]): Promise<string> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`, values);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('keyLookupSql', () => {
  const byId = keyLookupSql({ columns: 'id, n', table: 'items', key: 'id', keyType: 'text' });

  it('probes the index for each key of a batch, never scanning the table', async () => {
    const text = await plan(byId, [keys(40_000)]);
    expect(text).not.toMatch(/Seq Scan on items/);
    expect(text).toMatch(/Index Scan using items_pkey on items/);
  });

  it('answers the rows that exist, once each, whatever repeats the keys hold', async () => {
    const { rows } = await client.query(byId, [['item-7', 'missing', 'item-3', 'item-7']]);
    expect(rows).toEqual([
      { id: 'item-3', n: '3' },
      { id: 'item-7', n: '7' },
    ]);
  });

  it('takes bigint keys with more conditions from further parameters', async () => {
    const sql = keyLookupSql({ columns: 'n', table: 'items', key: 'n', keyType: 'bigint', where: 'owner = $2' });
    expect(await plan(sql, [[1, 2, 3], 'owner-1'])).not.toMatch(/Seq Scan/);
    const { rows } = await client.query<{ n: string }>(sql, [[1, 2, 3, 4, 99_999_999], 'owner-1']);
    expect(rows.map((r) => Number(r.n))).toEqual([1, 4]);
  });

  it('locks the rows found, in key order, until commit', async () => {
    const lock = keyLookupSql({ columns: 'id', table: 'items', key: 'id', keyType: 'text', forUpdate: true });
    const other = new pg.Client(url);
    await other.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(lock, [['item-9', 'item-10', 'item-1']]);
      expect(rows.map((r) => r.id)).toEqual(['item-1', 'item-10', 'item-9']);
      await other.query("SET lock_timeout = '100ms'");
      await expect(other.query("UPDATE items SET n = n WHERE id = 'item-10'")).rejects.toThrow(/lock timeout/);
      await client.query('COMMIT');
      expect((await other.query("UPDATE items SET n = n WHERE id = 'item-10'")).rowCount).toBe(1);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await other.end();
    }
  });
});

describe('prepared', () => {
  it('names a statement after its text, so one name never means two statements', async () => {
    const a = prepared('SELECT $1::int + 1 AS v');
    expect(prepared('SELECT $1::int + 1 AS v').name).toBe(a.name);
    expect(prepared('SELECT $1::int + 2 AS v').name).not.toBe(a.name);
    expect((await client.query({ ...a, values: [1] })).rows).toEqual([{ v: 2 }]);
    expect((await client.query({ ...a, values: [41] })).rows).toEqual([{ v: 42 }]);
  });

  it('keeps working when a newer central adds a column under it, as long as it names its columns', async () => {
    const named = prepared(keyLookupSql({ columns: 'id, n', table: 'items', key: 'id', keyType: 'text' }));
    const star = prepared(keyLookupSql({ columns: '*', table: 'items', key: 'id', keyType: 'text' }));
    expect((await client.query({ ...named, values: [['item-5']] })).rows).toEqual([{ id: 'item-5', n: '5' }]);
    await client.query({ ...star, values: [['item-5']] });
    await client.query('ALTER TABLE items ADD COLUMN note TEXT');
    expect((await client.query({ ...named, values: [['item-5']] })).rows).toEqual([{ id: 'item-5', n: '5' }]);
    await expect(client.query({ ...star, values: [['item-5']] })).rejects.toThrow(/cached plan must not change result type/);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../outbox/migrate.ts';
import { openDatabase } from '../outbox/sqlite.ts';
import { buildCentralApp } from './app.ts';
import { digestOf } from './ingest.ts';
import { CENTRAL_SQLITE_MIGRATIONS, SqliteCentralStore } from './sqlite-store.ts';

const MARIO = 'RSSMRA85T10A562S';
const OLENA = 'KVLLNO72C55Z138F';

let dir: string;
let store: SqliteCentralStore;
let app: FastifyInstance;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-central-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  app = buildCentralApp(store, { requireSignatures: false });
});

afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const declaration = (key: string, seq: number, over: Record<string, unknown> = {}) => ({
  seq,
  key,
  kind: 'income-band',
  createdAt: '2011-10-03T08:15:00.000Z',
  payload: {
    declarationId: `decl-${key}`,
    taxCode: MARIO,
    band: 2,
    declaredOn: '2011-10-03',
    declaredAt: '2011-10-03T08:15:00.000Z',
    terminalId: 'kiosk-1',
    statement: 'autocert-2011',
    ...over,
  },
});
const post = async (items: unknown[], terminalId = 'kiosk-1') =>
  (await app.inject({ method: 'POST', url: '/v1/sync/batches', payload: { terminalId, items } })).json().results as unknown[];
const ask = (taxCode: string, date?: string) => app.inject(`/v1/citizens/${taxCode}/income-band${date === undefined ? '' : `?date=${date}`}`);
const bandOn = async (date: string, taxCode = MARIO) => (await ask(taxCode, date)).json().band as number | null;

describe('income bands at the central', () => {
  it('answers the declaration in force on a date, nulls before the first one', async () => {
    expect(await post([declaration('a', 1)])).toEqual([{ key: 'a', status: 'stored' }]);
    const before = await ask(MARIO, '2011-10-02');
    expect([before.statusCode, before.json()]).toEqual([200, { taxCode: MARIO, band: null, declaredOn: null, declaredAt: null }]);
    expect((await ask(MARIO, '2011-10-03')).json()).toEqual({ taxCode: MARIO, band: 2, declaredOn: '2011-10-03', declaredAt: '2011-10-03T08:15:00.000Z' });
    expect(await bandOn('2030-01-01')).toBe(2);
    expect(await bandOn('2030-01-01', OLENA)).toBeNull();
  });

  it('lets a later declaration replace an earlier one from its date, whatever order they arrive in', async () => {
    // The newer one reaches the centre first; the older one comes from a terminal that was offline.
    await post([declaration('new', 1, { band: 1, declaredOn: '2012-02-15', declaredAt: '2012-02-15T10:00:00.000Z' })]);
    await post([declaration('old', 1, { band: 3, declaredOn: '2011-10-03', terminalId: 'desk-2' })], 'desk-2');
    expect(await bandOn('2011-10-03')).toBe(3);
    expect(await bandOn('2012-02-14')).toBe(3);
    expect(await bandOn('2012-02-15')).toBe(1);
    expect(await bandOn('2020-01-01')).toBe(1);
  });

  it('takes the later instant of two declarations of one day, across time-zone offsets', async () => {
    await post([
      declaration('late', 1, { band: 4, declaredAt: '2011-10-03T12:00:00+02:00' }), // 10:00 UTC
      declaration('early', 2, { band: 1, declaredAt: '2011-10-03T09:30:00.000Z' }),
    ]);
    expect((await ask(MARIO, '2011-10-03')).json()).toMatchObject({ band: 4, declaredAt: '2011-10-03T10:00:00.000Z' });
  });

  it('keeps each declaration once and types what it refuses', async () => {
    expect(await post([declaration('a', 1)])).toEqual([{ key: 'a', status: 'stored' }]);
    expect(await post([declaration('a', 1)])).toEqual([{ key: 'a', status: 'duplicate' }]);
    expect(
      await post([
        declaration('b', 2, { band: 5 }),
        declaration('c', 3, { taxCode: 'RSSMRA85T10A562T' }),
        declaration('d', 4, { statement: undefined }),
        declaration('e', 5, { terminalId: 'kiosk-2' }),
        declaration('f', 6, { declarationId: 'decl-a', band: 4 }),
      ]),
    ).toEqual([
      { key: 'b', status: 'conflict', reason: 'PAYLOAD_INVALID' },
      { key: 'c', status: 'conflict', reason: 'PAYLOAD_INVALID' },
      { key: 'd', status: 'conflict', reason: 'PAYLOAD_INVALID' },
      { key: 'e', status: 'conflict', reason: 'TERMINAL_MISMATCH' },
      { key: 'f', status: 'conflict', reason: 'DECLARATION_ID_REUSED' },
    ]);
    expect(await post([declaration('b', 2, { band: 5 })])).toEqual([{ key: 'b', status: 'conflict', reason: 'PAYLOAD_INVALID' }]);
    const rows = await store.db.all<{ declaration_id: string; band: number; transaction_key: string }>('SELECT declaration_id, band, transaction_key FROM income_bands');
    expect(rows).toEqual([{ declaration_id: 'decl-a', band: 2, transaction_key: 'a' }]);
    expect(await bandOn('2011-10-03')).toBe(2);
  });

  it('reads a code typed in lower case, and refuses malformed codes and dates with typed errors', async () => {
    await post([declaration('a', 1)]);
    expect((await ask(' rssmra85t10a562s ', '2011-10-03')).json()).toMatchObject({ taxCode: MARIO, band: 2 });
    const cases: [string, string | undefined, string, string | undefined][] = [
      ['RSSMRA85T10A562T', '2011-10-03', 'TAX_CODE_INVALID', 'TAX_CODE_CHECK'],
      ['RSSMRA85T10A562', '2011-10-03', 'TAX_CODE_INVALID', 'TAX_CODE_FORMAT'],
      ['x'.repeat(40), '2011-10-03', 'TAX_CODE_INVALID', 'TAX_CODE_FORMAT'],
      [MARIO, '2011-02-29', 'DATE_INVALID', undefined],
      [MARIO, '03/10/2011', 'DATE_INVALID', undefined],
      [MARIO, undefined, 'DATE_INVALID', undefined],
    ];
    for (const [taxCode, date, code, reason] of cases) {
      const res = await ask(encodeURIComponent(taxCode), date === undefined ? undefined : encodeURIComponent(date));
      expect([res.statusCode, res.json().error.code, res.json().error.details?.reason]).toEqual([400, code, reason]);
    }
  });

  it('publishes the route and both schemas in the OpenAPI document', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(doc.paths['/v1/citizens/{taxCode}/income-band'].get.security).toEqual([{ terminalSignature: [] }]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['IncomeBandAnswer', 'IncomeBandPayload']));
  });
});

describe('income-band migration', () => {
  it('gives declarations stored before the central processed them their rows', async () => {
    const file = join(dir, 'old.db');
    const db = await openDatabase(file);
    await migrate(db, CENTRAL_SQLITE_MIGRATIONS.slice(0, 3), { scope: 'central' });
    const keep = async (key: string, seq: number, terminalId: string, payload: Record<string, unknown>) =>
      db.run('INSERT INTO transactions (key, terminal_id, seq, kind, payload, digest, status, reason, created_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)', [
        key, terminalId, seq, 'income-band', JSON.stringify(payload), digestOf('income-band', payload), 'stored', '2011-10-03T08:15:00.000Z', '2011-10-03T08:16:00.000Z',
      ]);
    await keep('a', 1, 'kiosk-1', declaration('a', 1).payload);
    await keep('b', 2, 'kiosk-1', declaration('b', 2, { band: 9 }).payload);
    await keep('c', 1, 'kiosk-2', declaration('c', 1).payload); // says kiosk-1 inside
    await db.close();

    const upgraded = await SqliteCentralStore.open(file);
    try {
      expect(await upgraded.incomeBandOn(MARIO, '2011-10-03')).toMatchObject({ declarationId: 'decl-a', band: 2, transactionKey: 'a' });
      expect(await upgraded.db.all('SELECT declaration_id FROM income_bands')).toEqual([{ declaration_id: 'decl-a' }]);
    } finally {
      await upgraded.close();
    }
  });
});

import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counterCloseFixture, counterCloseItem } from '../../../sync-service/central/counter-close-fixtures.ts';
import { buildCentralApp } from '../../../sync-service/central/index.ts';
import type { CounterCloseListResponse } from '../../../sync-service/protocol/index.ts';
import { bothStores, type OpenedStore } from './both-stores.ts';

// The pharmacy counters' daily closes on both stores: ingested once per key, a malformed or
// foreign one kept as a conflict, and listed by Rome day to the administrator.

const TOKEN = 'counter-admin-token-0123';
const STORES = bothStores('cupk-counter-closes-');

const close = counterCloseFixture;
const item = counterCloseItem;

describe.each(STORES)('counter closes on %s', (_name, open) => {
  let opened: OpenedStore;
  let app: FastifyInstance;
  const post = async (terminalId: string, items: unknown[]) => (await app.inject({ method: 'POST', url: '/v1/sync/batches', payload: { terminalId, items } })).json().results as unknown[];
  const list = async (query: string, token = TOKEN) => app.inject({ method: 'GET', url: `/v1/admin/counter-closes${query}`, headers: { authorization: `Bearer ${token}` } });

  beforeEach(async () => {
    opened = await open();
    app = buildCentralApp(opened.store, { requireSignatures: false, adminToken: TOKEN, now: () => new Date('2026-12-03T18:00:00.000Z') });
  });

  afterEach(async () => {
    await app.close();
    await opened.cleanup();
  });

  it('stores a close once, refuses a malformed or foreign one, and lists them by day', async () => {
    const a = close('FARM-01', 'DEMO', '2026-12-03');
    expect(await post('FARM-01', [item(1, a), item(2, close('FARM-01', 'ANNA', '2026-12-03', { cashCents: 1 }))])).toEqual([
      { key: 'counter-close:FARM-01-DEMO-2026-12-03', status: 'stored' },
      // cash + card no longer make the total: kept as a conflict, never listed.
      { key: 'counter-close:FARM-01-ANNA-2026-12-03', status: 'conflict', reason: 'PAYLOAD_INVALID' },
    ]);
    expect(await post('FARM-01', [item(1, a)])).toEqual([{ key: 'counter-close:FARM-01-DEMO-2026-12-03', status: 'duplicate' }]);
    expect(await post('FARM-02', [item(1, close('FARM-01', 'LUCA', '2026-12-03'))])).toEqual([{ key: 'counter-close:FARM-01-LUCA-2026-12-03', status: 'conflict', reason: 'TERMINAL_MISMATCH' }]);
    expect(await post('FARM-02', [item(2, close('FARM-02', 'LUCA', '2026-12-02'))])).toEqual([{ key: 'counter-close:FARM-02-LUCA-2026-12-02', status: 'stored' }]);

    const today = await list('');
    expect(today.statusCode).toBe(200);
    expect((today.json() as CounterCloseListResponse).closes.map((c) => c.close)).toEqual([a]);
    const both = (await list('?from=2026-12-02&to=2026-12-03')).json() as CounterCloseListResponse;
    expect(both.closes.map((c) => [c.close.day, c.close.terminalId, c.close.operatorCode])).toEqual([
      ['2026-12-02', 'FARM-02', 'LUCA'],
      ['2026-12-03', 'FARM-01', 'DEMO'],
    ]);
    expect((await list('', 'wrong-token-wrong-token')).statusCode).toBe(401);
    expect((await list('?from=3-12-2026')).statusCode).toBe(400);
    expect(Object.keys((await app.inject('/openapi.json')).json().paths)).toContain('/v1/admin/counter-closes');
  });
});

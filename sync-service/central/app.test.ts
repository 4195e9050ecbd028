import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCentralApp } from './app.ts';
import { FIXTURE_BOOKINGS } from './fixtures.ts';
import { SqliteCentralStore } from './sqlite-store.ts';

let dir: string;
let store: SqliteCentralStore;
let app: FastifyInstance;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-central-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  await store.addBookings(FIXTURE_BOOKINGS);
  app = buildCentralApp(store, { bodyLimit: 4096, requireSignatures: false });
});

afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const pay = (key: string, seq: number, bookingCode = '100000000190', over: Record<string, unknown> = {}) => ({
  seq,
  key,
  kind: 'payment',
  createdAt: '2026-03-01T08:00:00.000Z',
  payload: {
    paymentId: `pay-${key}`,
    transactionId: `T-${seq}`,
    bookingCode,
    taxCode: 'RSSMRA80A01D969P',
    amountCents: 2066,
    paidCents: 2100,
    changeCents: 34,
    method: 'cash',
    ruleVersion: 'demo-4',
    paidAt: '2026-03-01T08:00:00.000Z',
    terminalId: 'kiosk-1',
    ...over,
  },
});
const post = (items: unknown[], terminalId = 'kiosk-1') => app.inject({ method: 'POST', url: '/v1/sync/batches', payload: { terminalId, items } });

describe('central API', () => {
  it('answers health and an OpenAPI document', async () => {
    expect((await app.inject('/health')).json()).toEqual({ status: 'ok', store: true });
    const doc = (await app.inject('/openapi.json')).json();
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toContain('/v1/sync/batches');
  });

  it('looks bookings up by code, typed or grouped', async () => {
    const ok = await app.inject('/v1/bookings/1000%200000%200190');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ code: '100000000190', status: 'booked', provider: { id: 'asl3-genova' } });
    const missing = await app.inject('/v1/bookings/100000000578');
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'BOOKING_NOT_FOUND']);
    const bad = await app.inject('/v1/bookings/100000000191');
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'BOOKING_CODE_INVALID']);
  });

  it('stores each key once and marks the booking paid', async () => {
    const first = await post([pay('a', 1)]);
    expect(first.json()).toEqual({ results: [{ key: 'a', status: 'stored' }] });
    expect((await post([pay('a', 1)])).json()).toEqual({ results: [{ key: 'a', status: 'duplicate' }] });
    expect((await app.inject('/v1/bookings/100000000190')).json().status).toBe('paid');
    const list = (await app.inject('/v1/terminals/kiosk-1/transactions')).json();
    expect(list.transactions).toHaveLength(1);
    expect(list.transactions[0]).toMatchObject({ key: 'a', seq: 1, status: 'stored', payload: { paymentId: 'pay-a' } });
  });

  it('answers conflicts per item and keeps the same answer on resend', async () => {
    const res = await post([
      pay('a', 1),
      pay('b', 2), // same booking, another key
      pay('c', 3, '100000000481'), // already paid at the desk
      pay('d', 4, '100000000578'), // unknown booking
      pay('e', 5, '100000000287', { terminalId: 'kiosk-2' }),
      pay('f', 6, '100000000287', { changeCents: 0 }),
      { ...pay('g', 7), kind: 'teleport' },
    ]);
    expect(res.json().results).toEqual([
      { key: 'a', status: 'stored' },
      { key: 'b', status: 'conflict', reason: 'BOOKING_ALREADY_PAID' },
      { key: 'c', status: 'conflict', reason: 'BOOKING_ALREADY_PAID' },
      { key: 'd', status: 'conflict', reason: 'BOOKING_NOT_FOUND' },
      { key: 'e', status: 'conflict', reason: 'TERMINAL_MISMATCH' },
      { key: 'f', status: 'conflict', reason: 'PAYLOAD_INVALID' },
      { key: 'g', status: 'conflict', reason: 'KIND_UNKNOWN' },
    ]);
    expect((await post([pay('b', 2)])).json().results).toEqual([{ key: 'b', status: 'conflict', reason: 'BOOKING_ALREADY_PAID' }]);
  });

  it('answers RULE_VERSION_UNKNOWN for a payment quoted under rules the central does not know', async () => {
    const strict = buildCentralApp(store, { requireSignatures: false, ruleVersions: ['demo-4'] });
    const answer = (items: unknown[]) => strict.inject({ method: 'POST', url: '/v1/sync/batches', payload: { terminalId: 'kiosk-1', items } }).then((r) => r.json().results);
    expect(await answer([pay('a', 1, '100000000190', { ruleVersion: 'demo-9' })])).toEqual([{ key: 'a', status: 'conflict', reason: 'RULE_VERSION_UNKNOWN' }]);
    expect(await answer([pay('b', 2, '100000000287')])).toEqual([{ key: 'b', status: 'stored' }]);
    await strict.close();
  });

  it('refuses a key reused for another payload or by another terminal, and a reused seq', async () => {
    await post([pay('a', 1)]);
    expect((await post([pay('a', 1, '100000000287')])).json().results[0]).toMatchObject({ status: 'conflict', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await post([pay('a', 1, '100000000190', { terminalId: 'kiosk-2' })], 'kiosk-2')).json().results[0]).toMatchObject({ reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await post([pay('z', 1, '100000000287')])).json().results[0]).toMatchObject({ status: 'conflict', reason: 'SEQUENCE_REUSED' });
    expect((await app.inject('/v1/terminals/kiosk-1/transactions')).json().transactions).toHaveLength(1);
  });

  it('gives typed errors for malformed, invalid, oversized and unknown requests', async () => {
    const malformed = await app.inject({ method: 'POST', url: '/v1/sync/batches', headers: { 'content-type': 'application/json' }, payload: '{"terminalId": ' });
    expect([malformed.statusCode, malformed.json().error.code]).toEqual([400, 'BODY_MALFORMED']);
    const invalid = await post([{ seq: 0, key: 'x' }]);
    expect([invalid.statusCode, invalid.json().error.code]).toEqual([400, 'REQUEST_INVALID']);
    const twice = await post([pay('a', 1), pay('a', 2)]);
    expect([twice.statusCode, twice.json().error.code]).toEqual([400, 'REQUEST_INVALID']);
    const big = await post([pay('a', 1, '100000000190', { transactionId: 'x'.repeat(5000) })]);
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'BODY_TOO_LARGE']);
    const route = await app.inject('/v1/nothing');
    expect([route.statusCode, route.json().error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    expect((await app.inject('/v1/terminals/kiosk-1/transactions')).json().transactions).toEqual([]);
  });
});

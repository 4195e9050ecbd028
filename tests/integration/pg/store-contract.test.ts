import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestBatch, type CentralStore } from '../../../sync-service/central/index.ts';
import { FIXTURE_BOOKINGS } from '../../../sync-service/central/fixtures.ts';
import type { SyncItem } from '../../../sync-service/protocol/index.ts';
import { bothStores, type OpenedStore } from './both-stores.ts';

// The central store's contract, run on both stores: whatever a region's PostgreSQL answers, the
// embedded SQLite answers the same, and ingest's rules hold on each.

const PAID_AT_DESK = '100000000481';
const UNKNOWN = '100000000578';
const MARIO = 'RSSMRA85T10A562S';

const STORES = bothStores('cupk-contract-');

const pay = (key: string, seq: number, bookingCode = '100000000190', over: Record<string, unknown> = {}): SyncItem => ({
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

const declare = (key: string, seq: number, over: Record<string, unknown> = {}): SyncItem => ({
  seq,
  key,
  kind: 'income-band',
  createdAt: '2011-10-03T08:15:00.000Z',
  payload: { declarationId: `decl-${key}`, taxCode: MARIO, band: 2, declaredOn: '2011-10-03', declaredAt: '2011-10-03T08:15:00.000Z', terminalId: 'kiosk-1', statement: 'autocert-2011', ...over },
});

describe.each(STORES)('central store contract on %s', (_name, open) => {
  let opened: OpenedStore;
  let store: CentralStore;
  const ingest = (items: SyncItem[], terminalId = 'kiosk-1', ruleVersions?: string[]) =>
    ingestBatch(store, terminalId, items, '2026-03-01T09:00:00.000Z', ruleVersions ? { ruleVersions: new Set(ruleVersions) } : {});

  beforeEach(async () => {
    opened = await open();
    store = opened.store;
    expect(await store.addBookings(FIXTURE_BOOKINGS)).toBe(FIXTURE_BOOKINGS.length);
  });
  afterEach(async () => {
    await opened.cleanup();
  });

  it('adds only missing bookings and never overwrites one', async () => {
    expect(await store.addBookings(FIXTURE_BOOKINGS)).toBe(0);
    expect(await store.getBooking('100000000190')).toMatchObject({ code: '100000000190', status: 'booked', provider: { id: 'asl3-genova' } });
    expect(await store.getBooking(UNKNOWN)).toBeUndefined();
    expect(await store.ping()).toBe(true);
  });

  it('stores each key once, marks the booking paid and lists in seq order', async () => {
    expect(await ingest([pay('b', 2, '100000000287'), pay('a', 1)])).toEqual([{ key: 'b', status: 'stored' }, { key: 'a', status: 'stored' }]);
    expect(await ingest([pay('a', 1)])).toEqual([{ key: 'a', status: 'duplicate' }]);
    expect((await store.getBooking('100000000190'))?.status).toBe('paid');
    const listed = await store.listTransactions('kiosk-1');
    expect(listed.map((t) => [t.seq, t.key, t.status])).toEqual([[1, 'a', 'stored'], [2, 'b', 'stored']]);
    expect(listed[0]).toMatchObject({ kind: 'payment', payload: { paymentId: 'pay-a', amountCents: 2066 }, receivedAt: '2026-03-01T09:00:00.000Z' });
    expect(listed[0]).not.toHaveProperty('digest');
    expect((await store.listTransactions('kiosk-1', { afterSeq: 1, limit: 5 })).map((t) => t.key)).toEqual(['b']);
  });

  it('answers conflicts per item in batch order and the same answer on resend', async () => {
    const items = [
      pay('a', 1),
      pay('b', 2), // same booking, another key
      pay('c', 3, PAID_AT_DESK),
      pay('d', 4, UNKNOWN),
      pay('e', 5, '100000000287', { terminalId: 'kiosk-2' }),
      pay('f', 6, '100000000287', { changeCents: 0 }),
      { ...pay('g', 7), kind: 'teleport' },
      pay('h', 8, '100000000287', { paymentId: 'pay-a' }),
      pay('i', 9, '100000000287', { ruleVersion: 'demo-9' }),
      { ...pay('j', 10), kind: 'cash-ledger', payload: { anything: true } },
    ];
    const expected = [
      { key: 'a', status: 'stored' },
      { key: 'b', status: 'conflict', reason: 'BOOKING_ALREADY_PAID' },
      { key: 'c', status: 'conflict', reason: 'BOOKING_ALREADY_PAID' },
      { key: 'd', status: 'conflict', reason: 'BOOKING_NOT_FOUND' },
      { key: 'e', status: 'conflict', reason: 'TERMINAL_MISMATCH' },
      { key: 'f', status: 'conflict', reason: 'PAYLOAD_INVALID' },
      { key: 'g', status: 'conflict', reason: 'KIND_UNKNOWN' },
      { key: 'h', status: 'conflict', reason: 'PAYMENT_ID_REUSED' },
      { key: 'i', status: 'conflict', reason: 'RULE_VERSION_UNKNOWN' },
      { key: 'j', status: 'stored' },
    ];
    expect(await ingest(items, 'kiosk-1', ['demo-4'])).toEqual(expected);
    expect(await ingest(items, 'kiosk-1', ['demo-4'])).toEqual(expected.map((r) => (r.status === 'stored' ? { key: r.key, status: 'duplicate' } : r)));
    expect(await store.listTransactions('kiosk-1')).toHaveLength(10);
  });

  it('refuses a key reused for another payload or by another terminal, and a reused seq', async () => {
    await ingest([pay('a', 1)]);
    expect(await ingest([pay('a', 1, '100000000287')])).toEqual([{ key: 'a', status: 'conflict', reason: 'IDEMPOTENCY_KEY_REUSED' }]);
    expect(await ingest([pay('a', 1, '100000000190', { terminalId: 'kiosk-2' })], 'kiosk-2')).toEqual([{ key: 'a', status: 'conflict', reason: 'IDEMPOTENCY_KEY_REUSED' }]);
    expect(await ingest([pay('z', 1, '100000000287')])).toEqual([{ key: 'z', status: 'conflict', reason: 'SEQUENCE_REUSED' }]);
    expect((await store.listTransactions('kiosk-1')).map((t) => t.key)).toEqual(['a']);
    expect((await store.getBooking('100000000287'))?.status).toBe('booked');
  });

  it('rolls the whole batch back when the store fails mid-way', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.insertTransactions([{ key: 'x', terminalId: 'kiosk-1', seq: 1, kind: 'payment', payload: {}, digest: 'd', status: 'stored', createdAt: 'c', receivedAt: 'r' }]);
        await tx.setBookingStatuses([{ code: '100000000190', status: 'paid', at: 'now' }]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.listTransactions('kiosk-1')).toEqual([]);
    expect((await store.getBooking('100000000190'))?.status).toBe('booked');
  });

  it('keeps income bands once and answers the one in force, ties going to the later arrival', async () => {
    expect(
      await ingest([
        declare('a', 1),
        declare('b', 2, { band: 4 }), // same instant as a: arrived later, so it stands
        declare('c', 3, { band: 1, declaredOn: '2012-02-15', declaredAt: '2012-02-15T10:00:00+01:00' }),
        declare('d', 4, { declarationId: 'decl-a' }),
        declare('e', 5, { band: 9 }),
      ]),
    ).toEqual([
      { key: 'a', status: 'stored' },
      { key: 'b', status: 'stored' },
      { key: 'c', status: 'stored' },
      { key: 'd', status: 'conflict', reason: 'DECLARATION_ID_REUSED' },
      { key: 'e', status: 'conflict', reason: 'PAYLOAD_INVALID' },
    ]);
    expect(await store.incomeBandOn(MARIO, '2011-10-02')).toBeUndefined();
    expect(await store.incomeBandOn(MARIO, '2012-02-14')).toMatchObject({ declarationId: 'decl-b', band: 4, transactionKey: 'b' });
    expect(await store.incomeBandOn(MARIO, '2030-01-01')).toEqual({
      declarationId: 'decl-c',
      taxCode: MARIO,
      band: 1,
      declaredOn: '2012-02-15',
      declaredAt: '2012-02-15T09:00:00.000Z',
      terminalId: 'kiosk-1',
      statement: 'autocert-2011',
      transactionKey: 'c',
    });
  });

  it('spends an enrolment code once, before it expires, and revokes', async () => {
    await store.putEnrolmentCode('kiosk-1', 'h1', '2026-03-01T08:00:00.000Z', '2026-03-02T08:00:00.000Z');
    await store.putEnrolmentCode('kiosk-1', 'h2', '2026-03-01T08:00:00.000Z', '2026-03-01T09:00:00.000Z');
    expect(await store.enrolTerminal('kiosk-2', 'h1', 'KEY', '2026-03-01T08:10:00.000Z')).toBe(false);
    expect(await store.enrolTerminal('kiosk-1', 'h2', 'KEY', '2026-03-01T10:00:00.000Z')).toBe(false);
    const both = await Promise.all([store.enrolTerminal('kiosk-1', 'h1', 'KEY-A', '2026-03-01T08:10:00.000Z'), store.enrolTerminal('kiosk-1', 'h1', 'KEY-B', '2026-03-01T08:10:00.000Z')]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await store.getTerminal('kiosk-1')).toMatchObject({ terminalId: 'kiosk-1', enrolledAt: '2026-03-01T08:10:00.000Z', revokedAt: null });
    expect(await store.revokeTerminal('kiosk-1', '2026-03-01T11:00:00.000Z')).toBe(true);
    expect(await store.revokeTerminal('kiosk-1', '2026-03-01T12:00:00.000Z')).toBe(false);
    expect(await store.getTerminal('kiosk-9')).toBeUndefined();
  });

  it('remembers a nonce once per terminal', async () => {
    const at = '2026-03-01T08:00:00.000Z';
    expect(await store.rememberNonce('kiosk-1', 'n1', '2026-03-01T08:05:00.000Z', at)).toBe(true);
    expect(await store.rememberNonce('kiosk-1', 'n1', '2026-03-01T08:05:00.000Z', at)).toBe(false);
    expect(await store.rememberNonce('kiosk-2', 'n1', '2026-03-01T08:05:00.000Z', at)).toBe(true);
  });

  it('numbers rule sets in publication order and creates a version once', async () => {
    const set = (version: string) => ({ version, effectiveFrom: '2026-01-01', document: `{"version":"${version}"}`, digest: `d-${version}`, publishedAt: '2026-03-01T08:00:00.000Z' });
    expect(await store.ruleSnapshot()).toBe(0);
    const racing = await Promise.all([store.putRuleSet(set('r1')), store.putRuleSet(set('r1'))]);
    expect(racing.filter((r) => r.created)).toHaveLength(1);
    expect(racing[0].record).toEqual(racing[1].record);
    const second = await store.putRuleSet(set('r2'));
    expect(second.record.snapshot).toBeGreaterThan(racing[0].record.snapshot);
    expect(await store.ruleSnapshot()).toBe(second.record.snapshot);
    expect((await store.listRuleSets(0)).map((r) => r.version)).toEqual(['r1', 'r2']);
    expect((await store.listRuleSets(racing[0].record.snapshot)).map((r) => r.version)).toEqual(['r2']);
  });
});

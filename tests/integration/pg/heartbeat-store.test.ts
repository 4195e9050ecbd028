import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CentralStore } from '../../../sync-service/central/index.ts';
import type { Heartbeat } from '../../../sync-service/protocol/index.ts';
import { bothStores, type OpenedStore } from './both-stores.ts';

// The heartbeat part of the central store's contract, on both stores: the latest heartbeat of
// each enrolled terminal, one history row per terminal per minute, and old history pruned.

const T0 = Date.parse('2026-04-01T07:30:10.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEK = 7 * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

const STORES = bothStores('cupk-heartbeat-contract-');

const beat = (terminalId: string, pending: number): Heartbeat => ({
  terminalId,
  sentAt: iso(T0),
  appVersion: '0.1.0',
  uptimeMs: 1000,
  devices: [
    { kind: 'printer', state: 'ok' },
    { kind: 'hopper', state: 'low', id: 4, valueCents: 100, count: 9, fault: 'HOPPER_SHORT_PAYOUT' },
  ],
  outbox: { pending, oldestPendingAgeMs: pending === 0 ? null : 1000 },
  lastAckAt: null,
  syncLagMs: 0,
});

describe.each(STORES)('heartbeat store contract on %s', (_name, open) => {
  let opened: OpenedStore;
  let store: CentralStore;
  /** Keeps a heartbeat taken at `atMs` with a week of history. */
  const put = (terminalId: string, atMs: number, pending = 0, keepSince = iso(atMs - WEEK)) => store.putHeartbeat({ terminalId, receivedAt: iso(atMs), heartbeat: beat(terminalId, pending) }, keepSince);
  const history = async (terminalId: string, since = iso(T0 - DAY)) => (await store.heartbeatHistory(terminalId, since)).map((r) => [r.receivedAt, r.heartbeat.outbox.pending]);

  beforeEach(async () => {
    opened = await open();
    store = opened.store;
    for (const id of ['kiosk-2', 'kiosk-1', 'kiosk-9']) {
      await store.putEnrolmentCode(id, `hash-${id}`, iso(T0 - DAY), iso(T0 + DAY));
      expect(await store.enrolTerminal(id, `hash-${id}`, `key-${id}`, iso(T0 - DAY))).toBe(true);
    }
  });
  afterEach(async () => {
    await opened.cleanup();
  });

  it('lists every enrolled terminal not revoked, by id, with its latest heartbeat or none', async () => {
    await put('kiosk-1', T0, 1);
    await put('kiosk-1', T0 + MINUTE, 2);
    // Taken earlier, written later (a slow request): the later heartbeat stays the latest.
    await put('kiosk-1', T0 + 30_000, 7);
    await put('kiosk-2', T0, 3);
    // Not enrolled: kept, but not a terminal of this central's list.
    await put('stranger', T0, 4);
    await store.revokeTerminal('kiosk-9', iso(T0));
    const listed = await store.terminalHeartbeats();
    expect(listed.map((t) => [t.terminalId, t.enrolledAt, t.latest?.receivedAt, t.latest?.heartbeat.outbox.pending])).toEqual([
      ['kiosk-1', iso(T0 - DAY), iso(T0 + MINUTE), 2],
      ['kiosk-2', iso(T0 - DAY), iso(T0), 3],
    ]);
    expect(listed[0]!.latest!.heartbeat).toEqual(beat('kiosk-1', 2));
    await store.revokeTerminal('kiosk-2', iso(T0));
    await store.putEnrolmentCode('kiosk-0', 'hash-kiosk-0', iso(T0), iso(T0 + DAY));
    await store.enrolTerminal('kiosk-0', 'hash-kiosk-0', 'key-kiosk-0', iso(T0));
    expect((await store.terminalHeartbeats()).map((t) => [t.terminalId, t.latest])).toEqual([
      ['kiosk-0', null],
      ['kiosk-1', expect.objectContaining({ terminalId: 'kiosk-1' })],
    ]);
  });

  it('keeps one history row per terminal and minute, the last taken in it, oldest first', async () => {
    await put('kiosk-1', T0, 1);
    await put('kiosk-1', T0 + 20_000, 2);
    await put('kiosk-1', T0 + 10_000, 9);
    await put('kiosk-1', T0 + 2 * MINUTE, 3);
    await put('kiosk-2', T0 + 20_000, 5);
    expect(await history('kiosk-1')).toEqual([
      [iso(T0 + 20_000), 2],
      [iso(T0 + 2 * MINUTE), 3],
    ]);
    expect(await history('kiosk-1', iso(T0 + MINUTE))).toEqual([[iso(T0 + 2 * MINUTE), 3]]);
    expect(await history('kiosk-2')).toEqual([[iso(T0 + 20_000), 5]]);
  });

  it('prunes history older than it keeps, at most once an hour', async () => {
    await put('kiosk-1', T0, 1);
    await put('kiosk-1', T0 + MINUTE, 2);
    await put('kiosk-2', T0 + 2 * MINUTE, 3);
    const weekLater = T0 + WEEK + 30 * MINUTE;
    await put('kiosk-1', weekLater, 4);
    expect(await history('kiosk-1')).toEqual([[iso(weekLater), 4]]);
    expect(await history('kiosk-2')).toEqual([]);
    // Ten minutes on: what fell out of the week meanwhile waits for the next hour's prune.
    await put('kiosk-1', weekLater + 10 * MINUTE, 5, iso(weekLater + 5 * MINUTE));
    expect(await history('kiosk-1')).toEqual([
      [iso(weekLater), 4],
      [iso(weekLater + 10 * MINUTE), 5],
    ]);
    await put('kiosk-1', weekLater + 70 * MINUTE, 6, iso(weekLater + 5 * MINUTE));
    expect(await history('kiosk-1')).toEqual([
      [iso(weekLater + 10 * MINUTE), 5],
      [iso(weekLater + 70 * MINUTE), 6],
    ]);
    // The latest heartbeat is never pruned.
    expect((await store.terminalHeartbeats()).find((t) => t.terminalId === 'kiosk-2')?.latest?.receivedAt).toBe(iso(T0 + 2 * MINUTE));
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../outbox/outbox.ts';
import { openDatabase, type Database } from '../outbox/sqlite.ts';
import type { SyncBatchRequest } from '../protocol/index.ts';
import { SyncClient } from './sync-client.ts';

let dir: string;
let db: Database;
let outbox: Outbox;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-client-'));
  db = await openDatabase(join(dir, 'terminal.db'));
  outbox = await Outbox.open(db);
});

afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const enqueue = (...keys: string[]) => db.transaction(async (tx) => {
  for (const key of keys) await outbox.enqueue(tx, { kind: 'payment', key, payload: { key } });
});

/** A fetch that answers each batch with `answer(items)` and records what it was sent. */
function fakeCentral(answer: (batch: SyncBatchRequest) => { key: string; status: string; reason?: string }[]) {
  const batches: SyncBatchRequest[] = [];
  const fetch = vi.fn(async (_url: URL | RequestInfo, init?: RequestInit) => {
    const batch = JSON.parse(String(init?.body)) as SyncBatchRequest;
    batches.push(batch);
    return new Response(JSON.stringify({ results: answer(batch) }), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, batches };
}

describe('SyncClient', () => {
  it('sends in seq order, in batches, and settles stored, duplicate and conflict answers', async () => {
    await enqueue('a', 'b', 'c', 'd', 'e');
    const central = fakeCentral((b) => b.items.map((i) => (i.key === 'c' ? { key: i.key, status: 'conflict', reason: 'BOOKING_ALREADY_PAID' } : { key: i.key, status: i.key === 'b' ? 'duplicate' : 'stored' })));
    const client = new SyncClient({ outbox, centralUrl: 'http://central.test', terminalId: 'kiosk-1', batchSize: 2, fetch: central.fetch });
    const statuses: unknown[] = [];
    client.onStatus((s) => statuses.push(s));
    const result = await client.syncNow();
    expect(central.batches.map((b) => b.items.map((i) => i.seq))).toEqual([[1, 2], [3, 4], [5]]);
    expect(result).toMatchObject({ sent: 5, acked: 4, batches: 3, conflicts: [{ key: 'c', reason: 'BOOKING_ALREADY_PAID' }] });
    expect(await outbox.backlog()).toBe(0);
    expect((await outbox.conflicts()).map((i) => i.key)).toEqual(['c']);
    await vi.waitFor(() => expect(statuses).toMatchObject([{ backlog: 0, online: true }]));
  });

  it('halves the batch when the central finds it too large', async () => {
    await enqueue('a', 'b', 'c', 'd');
    const sizes: number[] = [];
    const fetch = (async (_url: URL | RequestInfo, init?: RequestInit) => {
      const batch = JSON.parse(String(init?.body)) as SyncBatchRequest;
      sizes.push(batch.items.length);
      if (batch.items.length > 1) return new Response(JSON.stringify({ error: { code: 'BODY_TOO_LARGE', message: 'too large' } }), { status: 413 });
      return new Response(JSON.stringify({ results: batch.items.map((i) => ({ key: i.key, status: 'stored' })) }), { status: 200 });
    }) as unknown as typeof globalThis.fetch;
    const client = new SyncClient({ outbox, centralUrl: 'http://central.test', terminalId: 'kiosk-1', fetch });
    expect(await client.syncNow()).toMatchObject({ acked: 4, batches: 4 });
    expect(sizes).toEqual([4, 2, 1, 1, 1, 1]);
  });

  it('shares one round between concurrent calls', async () => {
    await enqueue('a', 'b');
    const central = fakeCentral((b) => b.items.map((i) => ({ key: i.key, status: 'stored' })));
    const client = new SyncClient({ outbox, centralUrl: 'http://central.test', terminalId: 'kiosk-1', fetch: central.fetch });
    const [r1, r2] = await Promise.all([client.syncNow(), client.syncNow()]);
    expect(r1).toBe(r2);
    expect(central.batches).toHaveLength(1);
  });

  it('keeps unanswered items pending and reports a bad answer', async () => {
    await enqueue('a', 'b');
    const central = fakeCentral(() => [{ key: 'a', status: 'stored' }]);
    const client = new SyncClient({ outbox, centralUrl: 'http://central.test', terminalId: 'kiosk-1', fetch: central.fetch });
    await expect(client.syncNow()).rejects.toMatchObject({ code: 'CENTRAL_RESPONSE_INVALID' });
    expect((await outbox.pending()).map((i) => i.key)).toEqual(['b']);
  });

  it('goes offline on a network failure or a 5xx and keeps the backlog', async () => {
    await enqueue('a');
    const down = vi.fn(async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof globalThis.fetch;
    const client = new SyncClient({ outbox, centralUrl: 'http://central.test', terminalId: 'kiosk-1', fetch: down });
    await expect(client.syncNow()).rejects.toMatchObject({ code: 'CENTRAL_UNREACHABLE' });
    expect(await client.status()).toEqual({ backlog: 1, lastAckAt: null, online: false });
    const failing = (async () => new Response('{}', { status: 503 })) as unknown as typeof globalThis.fetch;
    await expect(new SyncClient({ outbox, centralUrl: 'http://central.test', terminalId: 'kiosk-1', fetch: failing }).syncNow()).rejects.toMatchObject({ code: 'CENTRAL_UNREACHABLE' });
  });

  it('backs off exponentially with jitter up to a ceiling', () => {
    const client = new SyncClient({ outbox, centralUrl: 'http://central.test', terminalId: 'kiosk-1', minBackoffMs: 1000, maxBackoffMs: 8000, random: () => 0 });
    expect([1, 2, 3, 4, 5, 40].map((n) => client.backoffMs(n))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    const high = new SyncClient({ outbox, centralUrl: 'http://central.test', terminalId: 'kiosk-1', minBackoffMs: 1000, maxBackoffMs: 8000, random: () => 0.999999 });
    expect(high.backoffMs(4)).toBe(8000);
  });

  it('retries on its own with backoff and drains when the central comes back', async () => {
    await enqueue('a', 'b');
    let up = false;
    let calls = 0;
    const fetch = (async (_url: URL | RequestInfo, init?: RequestInit) => {
      calls += 1;
      if (!up) throw new TypeError('fetch failed');
      const batch = JSON.parse(String(init?.body)) as SyncBatchRequest;
      return new Response(JSON.stringify({ results: batch.items.map((i) => ({ key: i.key, status: 'stored' })) }), { status: 200 });
    }) as unknown as typeof globalThis.fetch;
    const client = new SyncClient({ outbox, centralUrl: 'http://central.test', terminalId: 'kiosk-1', fetch, minBackoffMs: 5, maxBackoffMs: 20, intervalMs: 10 });
    client.start();
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(3));
    expect(await outbox.backlog()).toBe(2);
    up = true;
    await vi.waitFor(async () => expect(await outbox.backlog()).toBe(0));
    await client.stop();
    expect((await client.status()).online).toBe(true);
  });
});

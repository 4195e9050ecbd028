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

describe('SyncClient.incomeBand', () => {
  /** A fetch that answers every request with `status` and `body`, and records the URLs asked. */
  function answering(status: number, body: unknown) {
    const urls: string[] = [];
    const fetch = (async (url: URL | RequestInfo) => {
      urls.push(String(url));
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    return { fetch, urls };
  }
  const clientWith = (fetch: typeof globalThis.fetch) => new SyncClient({ outbox, centralUrl: 'http://central.test', terminalId: 'kiosk-1', fetch });

  it('asks for the band in force on a date and returns the answer', async () => {
    const answer = { taxCode: 'RSSMRA85T10A562S', band: 2, declaredOn: '2011-10-03', declaredAt: '2011-10-03T08:15:00.000Z' };
    const central = answering(200, answer);
    const client = clientWith(central.fetch);
    expect(await client.incomeBand(' RSSMRA85T10A562S ', '2012-01-10')).toEqual(answer);
    expect(central.urls).toEqual(['http://central.test/v1/citizens/RSSMRA85T10A562S/income-band?date=2012-01-10']);
    expect((await client.status()).online).toBe(true);
  });

  it("passes on the central's typed refusals", async () => {
    const bad = answering(400, { error: { code: 'TAX_CODE_INVALID', message: 'x', details: { reason: 'TAX_CODE_CHECK' } } });
    await expect(clientWith(bad.fetch).incomeBand('RSSMRA85T10A562T', '2012-01-10')).rejects.toMatchObject({ code: 'TAX_CODE_INVALID', details: { reason: 'TAX_CODE_CHECK' } });
    const date = answering(400, { error: { code: 'DATE_INVALID', message: 'x' } });
    await expect(clientWith(date.fetch).incomeBand('RSSMRA85T10A562S', '2012-02-30')).rejects.toMatchObject({ code: 'DATE_INVALID' });
    const auth = answering(401, { error: { code: 'AUTH_REVOKED', message: 'x' } });
    await expect(clientWith(auth.fetch).incomeBand('RSSMRA85T10A562S', '2012-01-10')).rejects.toMatchObject({ code: 'CENTRAL_REJECTED', details: { status: 401, error: 'AUTH_REVOKED' } });
    const odd = answering(200, { taxCode: 'RSSMRA85T10A562S', band: 7 });
    await expect(clientWith(odd.fetch).incomeBand('RSSMRA85T10A562S', '2012-01-10')).rejects.toMatchObject({ code: 'CENTRAL_RESPONSE_INVALID' });
  });

  it('rejects CENTRAL_UNREACHABLE when the central cannot be asked, so the terminal quotes with what it holds', async () => {
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof globalThis.fetch;
    const client = clientWith(down);
    await expect(client.incomeBand('RSSMRA85T10A562S', '2012-01-10')).rejects.toMatchObject({ code: 'CENTRAL_UNREACHABLE' });
    expect((await client.status()).online).toBe(false);
    const failing = answering(503, { error: { code: 'INTERNAL', message: 'x' } });
    await expect(clientWith(failing.fetch).incomeBand('RSSMRA85T10A562S', '2012-01-10')).rejects.toMatchObject({ code: 'CENTRAL_UNREACHABLE' });
  });
});

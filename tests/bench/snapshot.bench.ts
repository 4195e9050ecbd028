import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { get } from 'node:http';
import { buildCentralApp, CentralSnapshots, SqliteCentralStore, snapshotStoreOf } from '@cup-kiosk/sync-service/central';
import { SnapshotBook, SyncClient, type SnapshotSource } from '@cup-kiosk/sync-service/client';
import { demoAgenda, demoPrescriptions, todayInRome } from '@cup-kiosk/sync-service/domain';
import { openDatabase, Outbox } from '@cup-kiosk/sync-service/outbox';
import type { SnapshotResponse } from '@cup-kiosk/sync-service/protocol';
import { atMost, percentile, type Report } from './report.ts';

// What a terminal pulls to book offline: the whole agenda snapshot once (the demo central's
// 130 days of agendas, ~3,000 slots, of which the next 30 days travel), then deltas as slots
// are taken elsewhere. Over HTTP on loopback, SQLite on both sides; each pull is applied to
// the terminal's SQLite in one transaction.

const ROUNDS = 30;
const TAKEN_PER_ROUND = 10;
const quiet = { info: () => undefined, warn: () => undefined };

export default async function (report: Report): Promise<void> {
  const dir = mkdtempSync(join(process.env.CUPK_BENCH_DIR ?? tmpdir(), 'cupk-bench-snapshot-'));
  const store = await SqliteCentralStore.open(join(dir, 'central.db'));
  const today = todayInRome(new Date());
  const slots = demoAgenda(today, 130);
  await store.addPrescriptions(demoPrescriptions(today));
  await store.addSlots(slots);
  // Every request computes afresh: the figure is the worst case, not a cached answer.
  const snapshots = new CentralSnapshots({ store: snapshotStoreOf(store)!, now: () => new Date(), refreshMs: 0 });
  const app = buildCentralApp(store, { requireSignatures: false, snapshots });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const db = await openDatabase(join(dir, 'terminal.sqlite'));
  try {
    const client = new SyncClient({ outbox: await Outbox.open(db), centralUrl: url, terminalId: 'bench' });
    const book = await SnapshotBook.open(db, { logger: quiet });
    let last: SnapshotResponse | undefined;
    const source: SnapshotSource = { fetchSnapshot: async (kind, since, epoch) => (last = await client.fetchSnapshot(kind, since, epoch)) };

    let t = performance.now();
    await book.refresh(source, ['agenda']);
    const fullMs = performance.now() - t;
    const fullJson = JSON.stringify(last);
    report({ name: `agenda snapshot, full: slots of the next 30 days (of ${slots.length})`, value: last!.items.length, unit: 'slots' });
    report({ name: 'agenda snapshot, full: JSON size', value: Math.round(fullJson.length / 1024), unit: 'KiB' });
    report({ name: 'agenda snapshot, full: bytes on the wire (gzip, as the central sends it)', value: Math.round((await wireBytes(`${url}/v1/snapshots/agenda`)) / 1024), unit: 'KiB' });
    report({ name: 'agenda snapshot, full: pull + apply at the terminal', value: fullMs, unit: 'ms', ...atMost(fullMs, 2_000, 'ms') });

    // Slots taken elsewhere between two pulls: held at the central by another terminal.
    const free = last!.items.map((i) => i.id);
    const deltaMs: number[] = [];
    const deltaBytes: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const now = new Date();
      for (let i = 0; i < TAKEN_PER_ROUND; i++) {
        const slotId = free[r * TAKEN_PER_ROUND + i];
        if (slotId) await store.holdSlot({ slotId, nre: '0701B2000417428', terminalId: 'other', holdId: `h-${r}-${i}`, now: now.toISOString(), until: new Date(now.getTime() + 3_600_000).toISOString() });
      }
      t = performance.now();
      await book.refresh(source, ['agenda']);
      deltaMs.push(performance.now() - t);
      deltaBytes.push(JSON.stringify(last).length);
    }
    report({ name: `agenda delta, ${TAKEN_PER_ROUND} slots taken: JSON size p50`, value: percentile(deltaBytes, 50), unit: 'bytes' });
    const p50 = percentile(deltaMs, 50);
    report({ name: `agenda delta pull + apply p50 (${ROUNDS} rounds)`, value: p50, unit: 'ms', ...atMost(p50, 200, 'ms') });
    report({ name: 'agenda delta pull + apply p99', value: percentile(deltaMs, 99), unit: 'ms' });

    const idleMs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      t = performance.now();
      await book.refresh(source);
      idleMs.push(performance.now() - t);
    }
    report({ name: 'nothing changed: catalogue + agenda + config poll p50', value: percentile(idleMs, 50), unit: 'ms' });
  } finally {
    await db.close();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The body's size as sent, to a client that accepts gzip (fetch would hand over the decoded body). */
function wireBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
      res.on('error', reject);
    }).on('error', reject);
  });
}

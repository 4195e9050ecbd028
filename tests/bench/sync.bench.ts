import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ingestBatch, PgCentralStore, SqliteCentralStore, startCentral, type CentralStore } from '@cup-kiosk/sync-service/central';
import { enrollTerminal, generateTerminalKey, SyncClient, terminalSigner } from '@cup-kiosk/sync-service/client';
import type { Booking } from '@cup-kiosk/sync-service/domain';
import { openDatabase, Outbox } from '@cup-kiosk/sync-service/outbox';
import { MAX_BATCH_ITEMS, type SyncItem } from '@cup-kiosk/sync-service/protocol';
import { startPgServer } from '../integration/pg/pg-server.ts';
import { atLeast, atMost, percentile, type Report } from './report.ts';

// Issue 9's sync figures: durable enqueue beside the disk's own fsync floor, central ingest on
// SQLite and on PostgreSQL (a private durable server started here), and a long outage's backlog
// drained over signed HTTP on loopback.

/** Enough samples that the p99 is the 50th slowest, not the 10th: one stray stall moves it less. */
const ENQUEUES = 5_000;
const WARM_UP = 20;
/**
 * Enqueues before measuring: a terminal runs for months, so its WAL has long since grown to its
 * working size and is rewritten in place; a new file's first thousand commits grow it instead.
 */
const ENQUEUE_WARM_UP = 1_000;
/** Alternating rounds of floor and enqueue samples. */
const ROUNDS = 10;
const INGEST_TRANSACTIONS = 50_000;
/** Terminals sending at once in the concurrent PostgreSQL figure (a region's centrals see many). */
const PG_TERMINALS = 4;
const BACKLOG = 100_000;
const PAGE = 4096;
/** Offsets the floor rewrites, in a file made beforehand: what a reused WAL frame costs. */
const FLOOR_PAGES = 256;

/** Where the files go: the disk a terminal would use, not tmpfs (CUPK_BENCH_DIR to choose). */
const base = () => mkdtempSync(join(process.env.CUPK_BENCH_DIR ?? tmpdir(), 'cupk-bench-sync-'));

function bookings(n: number): Booking[] {
  return Array.from({ length: n }, (_, i) => ({
    code: String(200_000_000_000 + i),
    taxCode: 'RSSMRA80A01D969P',
    provider: { id: 'asl3-genova', name: 'ASL 3 Genovese', fiscalCode: '03399650104' },
    place: { name: 'Poliambulatorio', address: 'Via Struppa 150, Genova' },
    startsAt: '2026-03-02T09:00',
    prescriptions: [{ services: [{ code: '89.7', description: 'Visita generale', tariffCents: 2066 }] }],
    exemptions: [],
    status: 'booked' as const,
    intramoenia: false,
  }));
}

function payment(terminalId: string, i: number): Record<string, unknown> {
  return {
    paymentId: `pay-${terminalId}-${i}`,
    transactionId: `T-${i}`,
    bookingCode: String(200_000_000_000 + i),
    taxCode: 'RSSMRA80A01D969P',
    amountCents: 2066,
    paidCents: 2100,
    changeCents: 34,
    method: 'cash',
    ruleVersion: 'demo-4',
    paidAt: '2026-03-01T08:00:00.000Z',
    terminalId,
  };
}

/**
 * Durable enqueues beside the disk's fsync floor (one page rewritten and fdatasync'd: the least
 * a durable commit can cost here), taken in alternating rounds so that both see the same
 * machine: on a shared virtual machine the disk and CPU speed drift from minute to minute.
 */
async function enqueueBesideFloor(dir: string): Promise<{ floor: number[]; enqueue: number[] }> {
  const fd = openSync(join(dir, 'floor.bin'), 'w+');
  const page = Buffer.alloc(PAGE, 1);
  const db = await openDatabase(join(dir, 'terminal.sqlite'));
  try {
    for (let i = 0; i < FLOOR_PAGES; i++) writeSync(fd, page, 0, PAGE, i * PAGE);
    fdatasyncSync(fd);
    const outbox = await Outbox.open(db);
    let n = 0;
    const enqueue = async (): Promise<number> => {
      const i = n++;
      const t = performance.now();
      await db.transaction((tx) => outbox.enqueue(tx, { kind: 'payment', key: `k${i}`, payload: payment('bench', i) }));
      return performance.now() - t;
    };
    const sync = (i: number): number => {
      const t = performance.now();
      writeSync(fd, page, 0, PAGE, (i % FLOOR_PAGES) * PAGE);
      fdatasyncSync(fd);
      return performance.now() - t;
    };
    for (let i = 0; i < ENQUEUE_WARM_UP; i++) await enqueue();
    for (let i = 0; i < WARM_UP; i++) sync(i);
    const out = { floor: [] as number[], enqueue: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < ENQUEUES / ROUNDS; i++) out.floor.push(sync(i));
      for (let i = 0; i < ENQUEUES / ROUNDS; i++) out.enqueue.push(await enqueue());
    }
    return out;
  } finally {
    closeSync(fd);
    await db.close();
  }
}

/** Payments of `terminals` terminals, each sending its batches in turn, all of them at once. */
async function ingestRate(store: CentralStore, terminals = 1): Promise<number> {
  await store.addBookings(bookings(INGEST_TRANSACTIONS));
  const context = { ruleVersions: new Set(['demo-4']) };
  const share = INGEST_TRANSACTIONS / terminals;
  const send = async (terminalId: string, first: number) => {
    for (let from = first; from < first + share; from += MAX_BATCH_ITEMS) {
      const items: SyncItem[] = [];
      for (let i = from; i < Math.min(first + share, from + MAX_BATCH_ITEMS); i++) {
        items.push({ seq: i + 1, key: `${terminalId}-${i}`, kind: 'payment', payload: payment(terminalId, i), createdAt: '2026-03-01T08:00:00.000Z' });
      }
      await ingestBatch(store, terminalId, items, new Date().toISOString(), context);
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: terminals }, (_, n) => send(`bench-${n}`, n * share)));
  return INGEST_TRANSACTIONS / ((performance.now() - t) / 1000);
}

async function sqliteIngestRate(dir: string): Promise<number> {
  const store = await SqliteCentralStore.open(join(dir, 'central.db'));
  try {
    return await ingestRate(store);
  } finally {
    await store.close();
  }
}

/** fsync and synchronous commit on, as a region's server runs; a fresh database per figure. */
async function pgIngestRates(): Promise<{ one: number; many: number }> {
  const server = await startPgServer({ durable: true });
  try {
    const rate = async (terminals: number) => {
      const store = await PgCentralStore.open(await server.createDatabase(), { max: terminals + 1 });
      try {
        return await ingestRate(store, terminals);
      } finally {
        await store.close();
      }
    };
    return { one: await rate(1), many: await rate(PG_TERMINALS) };
  } finally {
    await server.stop();
  }
}

async function drainSeconds(dir: string): Promise<{ seconds: number; acked: number }> {
  const central = await startCentral({ dbFile: join(dir, 'drain-central.db'), seedBookings: bookings(BACKLOG) });
  const db = await openDatabase(join(dir, 'drain-terminal.sqlite'));
  try {
    const outbox = await Outbox.open(db);
    // The outage: a day's worth of a busy region's terminal piling up, committed as it happened.
    for (let from = 0; from < BACKLOG; from += 1000) {
      await db.transaction(async (tx) => {
        for (let i = from; i < from + 1000; i++) await outbox.enqueue(tx, { kind: 'payment', key: `d${i}`, payload: payment('drain', i) });
      });
    }
    const { code } = await central.issueEnrolmentCode('drain');
    const keys = generateTerminalKey();
    await enrollTerminal({ centralUrl: central.url, terminalId: 'drain', code, publicKey: keys.publicKey });
    const client = new SyncClient({ outbox, centralUrl: central.url, terminalId: 'drain', sign: terminalSigner({ terminalId: 'drain', privateKey: keys.privateKey }), batchSize: MAX_BATCH_ITEMS });
    const t = performance.now();
    const result = await client.syncNow();
    return { seconds: (performance.now() - t) / 1000, acked: result.acked };
  } finally {
    await db.close();
    await central.close();
  }
}

export default async function (report: Report): Promise<void> {
  const dir = base();
  try {
    const { floor, enqueue } = await enqueueBesideFloor(dir);
    const floorP50 = percentile(floor, 50);
    const floorP99 = percentile(floor, 99);
    report({ name: 'fsync floor p50 (4 KiB rewrite + fdatasync)', value: floorP50, unit: 'ms' });
    report({ name: 'fsync floor p99', value: floorP99, unit: 'ms' });
    report({ name: `durable enqueue p50 (${ENQUEUES} commits, WAL, synchronous=FULL)`, value: percentile(enqueue, 50), unit: 'ms' });
    const p99 = percentile(enqueue, 99);
    report({ name: 'durable enqueue p99', value: p99, unit: 'ms', ...atMost(p99, Number((2 * floorP99).toFixed(3)), 'ms (2x floor p99)') });

    const rate = Math.round(await sqliteIngestRate(dir));
    report({ name: `central ingest on SQLite (${INGEST_TRANSACTIONS} payments, batches of ${MAX_BATCH_ITEMS})`, value: rate, unit: '/s', ...atLeast(rate, 10_000, '/s') });
    const pg = await pgIngestRates();
    const pgOne = Math.round(pg.one);
    report({ name: `central ingest on PostgreSQL (same, one terminal)`, value: pgOne, unit: '/s', ...atLeast(pgOne, 10_000, '/s') });
    report({ name: `central ingest on PostgreSQL (${PG_TERMINALS} terminals at once)`, value: Math.round(pg.many), unit: '/s' });

    const drain = await drainSeconds(dir);
    report({ name: `backlog of ${BACKLOG} drained over signed HTTP (acked ${drain.acked})`, value: drain.seconds, unit: 's', ...atMost(drain.seconds, 30, 's') });
    report({ name: 'backlog drain rate', value: Math.round(drain.acked / drain.seconds), unit: '/s' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

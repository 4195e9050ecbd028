import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { SyncClient } from '../../../sync-service/client/index.ts';
import { DEMO_BOOKINGS } from '../../../sync-service/domain/index.ts';
import { startFaultProxy, type Fault, type FaultProxy } from './fault-proxy.ts';
import { enrol, openTerminal, tempDir, type TestTerminal } from './helpers.ts';

const ITEMS = 200;
// Every fault early, then mostly clean connections so the run ends in bounded time.
const SCHEDULE: Fault[] = ['lose-response', 'drop', 'cut-midway', 'duplicate', 'delay', 'lose-response', 'duplicate', 'cut-midway', 'pass', 'lose-response'];

let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let proxy: FaultProxy;
let terminal: TestTerminal;

beforeEach(async () => {
  dir = tempDir('cupk-faults-');
  central = await startCentral({ dbFile: join(dir.path, 'central.db'), seedDemo: true });
  const { hostname, port } = new URL(central.url);
  proxy = await startFaultProxy({ host: hostname, port: Number(port) }, (n) => SCHEDULE[n] ?? (n % 4 === 0 ? 'lose-response' : n % 4 === 1 ? 'delay' : 'pass'));
  terminal = await openTerminal(dir.path, 'kiosk-1');
});

afterEach(async () => {
  await proxy.close();
  await central.close();
  await terminal.db.close();
  dir.remove();
});

it('stores every item exactly once, in order, through drops, lost answers, cuts, delays and duplicates', async () => {
  const kiosk = await enrol(central, 'kiosk-1');
  await terminal.pay('pay-1', DEMO_BOOKINGS[0]!.code);
  await terminal.db.transaction(async (tx) => {
    for (let i = 2; i <= ITEMS; i++) await terminal.outbox.enqueue(tx, { kind: 'cash-ledger', key: `cash-${i}`, payload: { i, cents: 100 } });
  });
  const client = new SyncClient({ outbox: terminal.outbox, centralUrl: proxy.url, terminalId: 'kiosk-1', sign: kiosk.sign, batchSize: 7, requestTimeoutMs: 1000, minBackoffMs: 5, maxBackoffMs: 50, intervalMs: 10 });
  client.start();
  try {
    await expect.poll(() => terminal.outbox.backlog(), { timeout: 25_000 }).toBe(0);
  } finally {
    await client.stop();
  }
  const stored = await central.store.listTransactions('kiosk-1', { limit: ITEMS * 2 });
  expect(stored.map((t) => t.seq)).toEqual(Array.from({ length: ITEMS }, (_, i) => i + 1));
  expect(stored.every((t) => t.status === 'stored')).toBe(true);
  expect((await central.store.getBooking(DEMO_BOOKINGS[0]!.code))?.status).toBe('paid');
  expect(await terminal.outbox.conflicts()).toEqual([]);
  for (const fault of ['drop', 'lose-response', 'cut-midway', 'delay', 'duplicate'] as const) expect(proxy.counts[fault], JSON.stringify(proxy.counts)).toBeGreaterThan(0);
}, 40_000);

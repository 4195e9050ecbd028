import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SqliteCentralStore } from '../../../sync-service/central/index.ts';
import { enrollTerminal, generateTerminalKey, SyncClient, terminalSigner } from '../../../sync-service/client/index.ts';
import { openTerminal, tempDir, type TestTerminal } from './helpers.ts';

const SCRIPT = fileURLToPath(new URL('./fixtures/central-process.ts', import.meta.url));
const ITEMS = 1500;

let dir: ReturnType<typeof tempDir>;
let terminal: TestTerminal;
let child: ChildProcess | undefined;

async function spawnCentral(env: Record<string, string>): Promise<{ url: string; code?: string }> {
  child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return JSON.parse(line) as { url: string; code?: string };
}

async function kill9(): Promise<void> {
  // A killed child keeps exitCode null and gets a signalCode instead.
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

beforeEach(async () => {
  dir = tempDir('cupk-crash-');
  terminal = await openTerminal(dir.path, 'kiosk-1');
});

afterEach(async () => {
  await kill9();
  await terminal.db.close();
  dir.remove();
});

it('stores every item exactly once, in order, across kill -9 of the central mid-batch', async () => {
  const dbFile = join(dir.path, 'central.db');
  const first = await spawnCentral({ CUPK_DB: dbFile, CUPK_ENROL: 'kiosk-1' });
  const keys = generateTerminalKey();
  await enrollTerminal({ centralUrl: first.url, terminalId: 'kiosk-1', code: first.code!, publicKey: keys.publicKey });
  await terminal.db.transaction(async (tx) => {
    for (let i = 1; i <= ITEMS; i++) await terminal.outbox.enqueue(tx, { kind: 'cash-ledger', key: `cash-${i}`, payload: { i, cents: 200 } });
  });
  const client = new SyncClient({
    outbox: terminal.outbox,
    centralUrl: first.url,
    terminalId: 'kiosk-1',
    sign: terminalSigner({ terminalId: 'kiosk-1', privateKey: keys.privateKey }),
    batchSize: 25,
    requestTimeoutMs: 2000,
    minBackoffMs: 20,
    maxBackoffMs: 200,
    intervalMs: 20,
  });
  client.start();
  try {
    // Kill while batches are flowing, twice, then let it finish.
    for (const threshold of [ITEMS - 200, ITEMS - 700]) {
      await expect.poll(() => terminal.outbox.backlog(), { timeout: 20_000, interval: 5 }).toBeLessThan(threshold);
      await kill9();
      await spawnCentral({ CUPK_DB: dbFile, CUPK_PORT: new URL(first.url).port });
    }
    await expect.poll(() => terminal.outbox.backlog(), { timeout: 20_000 }).toBe(0);
  } finally {
    await client.stop();
    await kill9();
  }
  const store = await SqliteCentralStore.open(dbFile);
  try {
    const stored = await store.listTransactions('kiosk-1', { limit: ITEMS * 2 });
    expect(stored.map((t) => t.seq)).toEqual(Array.from({ length: ITEMS }, (_, i) => i + 1));
    expect(new Set(stored.map((t) => t.key)).size).toBe(ITEMS);
    expect(stored.every((t) => t.status === 'stored')).toBe(true);
  } finally {
    await store.close();
  }
}, 60_000);

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { Outbox, openDatabase } from '../../../sync-service/outbox/index.ts';
import { enrol, tempDir } from './helpers.ts';

// The terminal killed while a batch is on the wire: the central stored the batch, the terminal
// never heard. A proxy holds each batch's answer until the test has killed the terminal, so the
// kill lands exactly there; the restarted terminal resends, and every item is stored once, in order.

const SCRIPT = fileURLToPath(new URL('./fixtures/terminal-process.ts', import.meta.url));
const ITEMS = 600;
const KILLS = 6;

let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let proxy: Server;
let child: ChildProcess | undefined;

/** Answers the central gave to batches, and whether the terminal got to see each one. */
interface Answer {
  body: string;
  deliver(): void;
}

/** An HTTP proxy that hands every batch answer to `onBatch`, which decides when to pass it on. */
async function startHoldingProxy(target: URL, onBatch: (a: Answer) => void): Promise<string> {
  proxy = createServer((req, res) => {
    const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        const deliver = () => {
          if (res.destroyed) return;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(body);
        };
        if (req.url === '/v1/sync/batches' && answer.statusCode === 200) onBatch({ body: body.toString('utf8'), deliver });
        else deliver();
      });
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

async function spawnTerminal(env: Record<string, string>): Promise<void> {
  child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  await once(createInterface({ input: child.stdout! }), 'line');
}

async function kill9(): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

beforeEach(async () => {
  dir = tempDir('cupk-terminal-crash-');
  central = await startCentral({ dbFile: join(dir.path, 'central.db'), port: 0 });
});

afterEach(async () => {
  await kill9();
  proxy?.close();
  await central.close();
  dir.remove();
});

it('stores every item exactly once, in order, across kill -9 of the terminal after the central stored a batch', async () => {
  const terminal = await enrol(central, 'kiosk-k9');
  const outboxFile = join(dir.path, 'terminal.db');
  const db = await openDatabase(outboxFile);
  const outbox = await Outbox.open(db);
  await db.transaction(async (tx) => {
    for (let i = 1; i <= ITEMS; i++) await outbox.enqueue(tx, { kind: 'cash-ledger', key: `ledger-${i}`, payload: { i, cents: 200 } });
  });

  let batches = 0;
  let killsLeft = KILLS;
  let killing: Promise<void> | null = null;
  const duplicates: number[] = [];
  const url = await startHoldingProxy(new URL(central.url), (answer) => {
    batches += 1;
    duplicates.push((answer.body.match(/"duplicate"/g) ?? []).length);
    // Every third batch: the central has stored it; the terminal dies before it hears so.
    if (killsLeft > 0 && batches % 3 === 0 && !killing) {
      killsLeft -= 1;
      killing = kill9().then(() => {
        answer.deliver();
        killing = null;
      });
    } else answer.deliver();
  });
  const env = { CUPK_OUTBOX: outboxFile, CUPK_CENTRAL: url, CUPK_TERMINAL: terminal.terminalId, CUPK_KEY: terminal.keys.privateKey };

  try {
    await spawnTerminal(env);
    while (killsLeft > 0 || killing) {
      await expect.poll(() => child!.signalCode !== null || (killsLeft === 0 && !killing), { timeout: 20_000, interval: 5 }).toBe(true);
      if (killing) await killing;
      if (child!.signalCode !== null) await spawnTerminal(env);
    }
    await expect.poll(() => outbox.backlog(), { timeout: 30_000, interval: 20 }).toBe(0);
  } finally {
    await kill9();
    await db.close();
  }

  const stored = await central.store.listTransactions(terminal.terminalId, { limit: ITEMS * 2 });
  expect(stored.map((t) => t.seq)).toEqual(Array.from({ length: ITEMS }, (_, i) => i + 1));
  expect(new Set(stored.map((t) => t.key)).size).toBe(ITEMS);
  expect(stored.every((t) => t.status === 'stored')).toBe(true);
  // The batches the dead terminals never heard of came back, and the central said so.
  expect(duplicates.filter((n) => n > 0).length).toBeGreaterThanOrEqual(KILLS);
}, 90_000);

import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '@cup-kiosk/sync-service/outbox';
import { CannotMakeChangeError, changeFor, CoinAcceptor, openCcTalkBus, type CoinCredit } from '../../terminal-drivers/cash/index.ts';
import { openPtyPair } from '../../terminal-drivers/serial/index.ts';
import { CoinAcceptorSim } from '../../terminal-drivers/sim/cash/index.ts';
import { atMost, percentile, type Report } from './report.ts';
import { seeded } from '../seeded-random.ts';

const COINS = 50;
/** The driver's default 229 poll period, which the coin latency includes. */
const POLL_MS = 100;
const CHANGE_CALLS = 100_000;
const DURABLE_WRITES = 500;
/** Writes made before timing, so file creation and the first WAL frames are not in the sample. */
const WARM_UP_WRITES = 20;
const CREDIT_TIMEOUT_MS = 2000;

/** The euro coins, in cents. */
const EURO_COINS = [1, 2, 5, 10, 20, 50, 100, 200];
/**
 * Change owed, 1 c to 20 € (a 20 € note, the common one, over a small ticket). The programme is
 * O(coin values × due), so the worst case, a 50 € note, is timed on its own.
 */
const MAX_DUE_CENTS = 2000;
const WORST_DUE_CENTS = 4999;
const WORST_CALLS = 2000;
/** Coins per hopper or tube, 0..this. */
const MAX_STOCK = 60;


const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Coins dropped into the simulator on the device end of a real pty, each timed to the `credit`
 * event of the host driver polling at its default period. `onCredit` only records: the durable
 * write a host makes there is measured on its own below.
 */
async function coinCredits(report: Report): Promise<void> {
  const rnd = seeded(17);
  const pair = await openPtyPair('bench-coin');
  const sim = await CoinAcceptorSim.open(pair.devicePath, { echo: true });
  const bus = await openCcTalkBus(pair.hostPath, { echo: true });
  const credited: CoinCredit[] = [];
  const acceptor = new CoinAcceptor({ bus, onCredit: async (c) => void credited.push(c), pollMs: POLL_MS });
  const sample: number[] = [];
  try {
    await acceptor.start();
    await acceptor.enable();
    for (let i = 0; i < COINS; i++) {
      // Drop the coin at a random point of the poll period: right after a credit is always its start.
      await sleep(rnd() * POLL_MS);
      const value = sim.coinValuesCents[Math.floor(rnd() * sim.coinValuesCents.length)]!;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const credit = new Promise<CoinCredit>((resolve, reject) => {
        acceptor.once('credit', resolve);
        timer = setTimeout(() => reject(new Error(`no credit for a ${value} c coin within ${CREDIT_TIMEOUT_MS} ms`)), CREDIT_TIMEOUT_MS);
      });
      const t0 = performance.now();
      if (sim.insertCoin(value) !== 'accepted') throw new Error(`the simulator did not accept a ${value} c coin`);
      const c = await credit.finally(() => clearTimeout(timer));
      sample.push(performance.now() - t0);
      if (c.valueCents !== value) throw new Error(`credited ${c.valueCents} c for a ${value} c coin`);
    }
  } finally {
    await acceptor.stop();
    await bus.close();
    await sim.close();
    await pair.close();
  }
  for (const [label, p] of [['p50', 50], ['p99', 99]] as const) {
    const v = percentile(sample, p);
    report({ name: `coin inserted → credit in the host, ${label} (${sample.length} coins, poll ${POLL_MS} ms)`, value: v, unit: 'ms', ...atMost(v, 250, 'ms') });
  }
}

/** `changeFor` on random dues and random stocks of euro coins. */
function changeMaking(report: Report): void {
  const rnd = seeded(23);
  const cases = Array.from({ length: CHANGE_CALLS }, () => {
    const stock: Record<number, number> = {};
    for (const v of EURO_COINS) stock[v] = Math.floor(rnd() * (MAX_STOCK + 1));
    return { due: 1 + Math.floor(rnd() * MAX_DUE_CENTS), stock };
  });
  for (const c of cases.slice(0, 1000)) tryChange(c.due, c.stock); // warm the JIT before timing
  let impossible = 0;
  const t0 = performance.now();
  for (const c of cases) if (!tryChange(c.due, c.stock)) impossible++;
  const ms = performance.now() - t0;
  report({ name: `change-making, ${CHANGE_CALLS.toLocaleString('en')} random stocks (dues 1-${MAX_DUE_CENTS} c): total`, value: ms, unit: 'ms' });
  report({ name: 'change-making, per call', value: (ms * 1000) / CHANGE_CALLS, unit: 'µs' });
  report({ name: 'change-making, stocks that cannot make the due exactly', value: impossible, unit: '' });

  const t1 = performance.now();
  for (let i = 0; i < WORST_CALLS; i++) tryChange(WORST_DUE_CENTS, cases[i]!.stock);
  const worst = performance.now() - t1;
  report({ name: `change-making, per call, due ${WORST_DUE_CENTS} c (a 50 € note for 1 c)`, value: (worst * 1000) / WORST_CALLS, unit: 'µs' });
}

/** False when the stock cannot make the due exactly; other errors are bugs and propagate. */
function tryChange(due: number, stock: Record<number, number>): boolean {
  try {
    changeFor(due, stock);
    return true;
  } catch (e) {
    if (e instanceof CannotMakeChangeError) return false;
    throw e;
  }
}

/**
 * The fsync floor of this disk (a small record appended and fsynced), and beside it a durable
 * SQLite append in the same folder: WAL, synchronous FULL, one INSERT per transaction.
 */
async function durableAppends(report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cupk-bench-ledger-'));
  const floor: number[] = [];
  const appends: number[] = [];
  try {
    const fd = openSync(join(dir, 'floor.log'), 'a');
    try {
      for (let i = 0; i < WARM_UP_WRITES + DURABLE_WRITES; i++) {
        const record = Buffer.from(`${JSON.stringify({ seq: i, kind: 'coin', cents: 200, counter: i % 255 })}\n`);
        const t0 = performance.now();
        writeSync(fd, record);
        fsyncSync(fd);
        if (i >= WARM_UP_WRITES) floor.push(performance.now() - t0);
      }
    } finally {
      closeSync(fd);
    }

    const db = await openDatabase(join(dir, 'ledger.db'));
    try {
      await db.exec('CREATE TABLE ledger (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, cents INTEGER NOT NULL, counter INTEGER NOT NULL)');
      for (let i = 0; i < WARM_UP_WRITES + DURABLE_WRITES; i++) {
        const t0 = performance.now();
        await db.transaction((tx) => tx.run('INSERT INTO ledger (kind, cents, counter) VALUES (?, ?, ?)', ['coin', 200, i % 255]));
        if (i >= WARM_UP_WRITES) appends.push(performance.now() - t0);
      }
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const floorP99 = percentile(floor, 99);
  const appendP99 = percentile(appends, 99);
  report({ name: `fsync floor: write + fsync of a small record, p50 (${floor.length})`, value: percentile(floor, 50), unit: 'ms' });
  report({ name: 'fsync floor: write + fsync of a small record, p99', value: floorP99, unit: 'ms' });
  report({ name: `SQLite append (WAL, synchronous FULL, 1 INSERT/tx), p50 (${appends.length})`, value: percentile(appends, 50), unit: 'ms' });
  report({ name: 'SQLite append (WAL, synchronous FULL, 1 INSERT/tx), p99', value: appendP99, unit: 'ms' });
  report({ name: 'SQLite append p50 ÷ fsync floor p50', value: percentile(appends, 50) / percentile(floor, 50), unit: '×' });
  const ratio = appendP99 / floorP99;
  report({ name: 'SQLite append p99 ÷ fsync floor p99', value: ratio, unit: '×', ...atMost(ratio, 2, '×') });
}

/** Cash: coin to credit over a real ccTalk pty, change-making, and the cost of a durable ledger append. */
export default async function (report: Report): Promise<void> {
  await coinCredits(report);
  changeMaking(report);
  await durableAppends(report);
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCentral } from '@cup-kiosk/sync-service/central';
import { enrollTerminal, generateTerminalKey, SyncClient, terminalSigner } from '@cup-kiosk/sync-service/client';
import { DEMO_NOTICES } from '@cup-kiosk/sync-service/domain';
import { openDatabase, Outbox } from '@cup-kiosk/sync-service/outbox';
import { atMost, percentile, type Report } from './report.ts';

// What a kiosk waits for when a citizen scans a notice: the verify round trip to the central,
// signed and checked (signature, nonce) as in production, over HTTP on loopback, SQLite store.

const ROUND_TRIPS = 1_000;
const WARM_UP = 50;

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n + WARM_UP; i++) {
    const t = performance.now();
    await fn(i);
    if (i >= WARM_UP) out.push(performance.now() - t);
  }
  return out;
}

export default async function (report: Report): Promise<void> {
  const dir = mkdtempSync(join(process.env.CUPK_BENCH_DIR ?? tmpdir(), 'cupk-bench-notice-'));
  const central = await startCentral({ dbFile: join(dir, 'central.db'), seedDemo: true });
  const db = await openDatabase(join(dir, 'terminal.sqlite'));
  try {
    const { code } = await central.issueEnrolmentCode('bench');
    const keys = generateTerminalKey();
    await enrollTerminal({ centralUrl: central.url, terminalId: 'bench', code, publicKey: keys.publicKey });
    const client = new SyncClient({ outbox: await Outbox.open(db), centralUrl: central.url, terminalId: 'bench', sign: terminalSigner({ terminalId: 'bench', privateKey: keys.privateKey }) });
    const codes = DEMO_NOTICES.map((n) => n.noticeCode);

    const verify = await timed(ROUND_TRIPS, (i) => client.verifyNotice(codes[i % codes.length]!));
    report({ name: `notice verify round trip p50 (${ROUND_TRIPS}, signed HTTP, loopback)`, value: percentile(verify, 50), unit: 'ms' });
    const p99 = percentile(verify, 99);
    report({ name: 'notice verify round trip p99', value: p99, unit: 'ms', ...atMost(p99, 50, 'ms') });

    // Taking and letting go of a notice: the two writes a notice payment adds before the money.
    const lock = await timed(ROUND_TRIPS, async (i) => {
      await client.lockNotice(codes[i % codes.length]!, `pay-${i}`);
      await client.releaseNotice(codes[i % codes.length]!, `pay-${i}`);
    });
    report({ name: 'notice lock + release p50 (two signed writes)', value: percentile(lock, 50), unit: 'ms' });
    report({ name: 'notice lock + release p99', value: percentile(lock, 99), unit: 'ms' });
  } finally {
    await db.close();
    await central.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

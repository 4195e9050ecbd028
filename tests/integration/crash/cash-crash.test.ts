import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCentral, type RunningCentral } from '@cup-kiosk/sync-service/central';
import { enrollTerminal, loadOrCreateTerminalKey } from '@cup-kiosk/sync-service/client';
import type { Booking } from '@cup-kiosk/sync-service/domain';
import { DEFAULT_HOPPERS, hopperDevice } from '../../../kiosk/host/cash/cash-config.ts';
import { openTerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { audit, type Audit } from './audit.ts';
import { campaignBookings, isCommitted, isCredit, nextValue, rigGet, rigPost, rng, sleep, waitQuiet } from './campaign.ts';
import { startHostProcess, startRigProcess, type HostProcess, type RigProcess } from './processes.ts';
import { connectTerminal, type TerminalClient } from './terminal-client.ts';

// The crash campaign: one device rig process, and a kiosk host process on its devices killed with
// SIGKILL at random points of cash payments with change, restarted each time on the same data
// folder. After every restart and at the end, the terminal's SQLite is held against what the
// devices did: 0 cents lost, 0 counted twice.

const PAYMENTS = Number(process.env.CUPK_CRASH_PAYMENTS ?? 200);
/** Past this the campaign stops starting payments (and says so), to stay within the test timeout. */
// Bounded by the count; the budget only stops a run that has gone wrong.
const BUDGET_MS = Number(process.env.CUPK_CRASH_BUDGET_MS ?? 540_000);
const SEED = Number(process.env.CUPK_CRASH_SEED ?? Date.now() % 1_000_000);
const TERMINAL = 'CRASH-01';
/** Coins per hopper at the start: enough change for the whole campaign. */
const STOCK = 400;

type Kill = 'none' | 'before' | 'crediting' | 'after-commit' | 'payout' | 'cancel' | 'cancel-refund' | 'recovery';

let dir: string;
let dataDir: string;
let central: RunningCentral;
let rig: RigProcess;
let host: HostProcess | undefined;
let client: TerminalClient | undefined;
let bookings: Booking[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-crash-'));
  dataDir = join(dir, 'kiosk');
  mkdirSync(dataDir, { recursive: true });
  const random = rng(SEED);
  bookings = campaignBookings(PAYMENTS + 20, random);
  central = await startCentral({ dataDir: join(dir, 'central'), seedBookings: bookings });
  // Enrolled once, as a technician would: every restart then finds the central it knows.
  const key = await loadOrCreateTerminalKey(join(dataDir, 'terminal-key.json'));
  await enrollTerminal({ centralUrl: central.url, terminalId: TERMINAL, code: (await central.issueEnrolmentCode(TERMINAL)).code, publicKey: key.publicKey });
  writeFileSync(join(dataDir, 'enrolled.json'), JSON.stringify({ centralUrl: central.url, at: new Date().toISOString() }));
  // The hoppers' first fill, in the ledger and in the hoppers.
  const tdb = await openTerminalDb(join(dataDir, 'terminal.sqlite'), TERMINAL);
  for (const h of DEFAULT_HOPPERS) {
    const device = hopperDevice(h.address);
    await tdb.ledger.appendNow({ kind: 'hopper-refill', key: `refill:initial:${device}`, device, valueCents: h.valueCents, count: STOCK, detail: { technician: 'crash campaign' } });
  }
  await tdb.db.close();
  const statePath = join(dir, 'rig-state.json');
  writeFileSync(statePath, JSON.stringify({ hoppers: Object.fromEntries(DEFAULT_HOPPERS.map((h) => [String(h.address), STOCK])) }));
  rig = await startRigProcess(statePath);
}, 60_000);

afterAll(async () => {
  client?.close();
  await host?.stop();
  await rig?.stop();
  await central?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const timing = { restartMs: 0, restarts: 0, printMs: 0, prints: 0 };

async function startHost(): Promise<void> {
  const t0 = Date.now();
  host = await startHostProcess({ dataDir, terminalId: TERMINAL, centralUrl: central.url, rigUrl: rig.url });
  client = await connectTerminal(host.url);
  timing.restartMs += Date.now() - t0;
  timing.restarts++;
}

async function killHost(): Promise<void> {
  client?.close();
  client = undefined;
  await host?.kill();
  host = undefined;
}

/** The ledger against the devices, once the host has read all they hold (retried while a write lands). */
async function check(): Promise<Audit> {
  let last: Audit | undefined;
  for (let i = 0; i < 20; i++) {
    last = await audit(join(dataDir, 'terminal.sqlite'), await waitQuiet(rig.url));
    if (last.problems.length === 0) return last;
    await sleep(150);
  }
  return last!;
}

/** About one payment in seven ends with the host killed; the rest run through (one in thirty is cancelled). */
function pickKill(random: () => number): Kill {
  const r = random();
  if (r < 0.015) return 'before';
  if (r < 0.055) return 'crediting';
  if (r < 0.08) return 'after-commit';
  if (r < 0.115) return 'payout';
  if (r < 0.145) return 'cancel';
  if (r < 0.16) return 'cancel-refund';
  if (r < 0.17) return 'recovery';
  return 'none';
}

describe('cash crash campaign', () => {
  it(`kills the host at random points of ${PAYMENTS} cash payments and loses nothing`, async () => {
    const random = rng(SEED + 1);
    const started = Date.now();
    const failures: string[] = [];
    const tally = { payments: 0, committed: 0, kills: 0, byKind: {} as Record<string, number>, inserts: 0 };
    await startHost();
    for (let i = 0; i < PAYMENTS; i++) {
      if (Date.now() - started > BUDGET_MS) break;
      const kill = pickKill(random);
      const booking = bookings[i]!;
      let killed = false;
      const killNow = async () => {
        killed = true;
        await killHost();
      };
      try {
        const c = client!;
        c.clearEvents();
        const { paymentId, amountDueCents } = await c.api.beginPayment({ bookingCode: booking.code, taxCode: booking.taxCode, method: 'cash' });
        tally.payments++;
        if (kill === 'before') await killNow();
        const truth = await rigGet(rig.url);
        let credited = 0;
        let inserts = 0;
        const killAt = kill === 'crediting' ? 1 + Math.floor(random() * 3) : -1;
        const cancelAt = kill === 'cancel' || kill === 'cancel-refund' ? 1 + Math.floor(random() * 2) : -1;
        let transactionId: string | undefined;
        while (!killed && credited < amountDueCents) {
          const v = nextValue(amountDueCents, credited, truth, random);
          const before = await rigGet(rig.url);
          const { outcome } = await rigPost(rig.url, v.kind, { cents: v.cents });
          tally.inserts++;
          if (outcome !== 'accepted' && outcome !== 'escrow') {
            // Returned by the device: wait for the host to read the event, as a hand would.
            await waitQuiet(rig.url, 2_000);
            continue;
          }
          inserts++;
          if (inserts === killAt) {
            await sleep(random() * 250);
            await killNow();
            break;
          }
          const credit = await c.waitFor(isCredit(paymentId, credited + v.cents), 8_000).catch(async (e: unknown) => {
            // A bill the host sent back (its change could no longer be given) is no credit.
            if (v.kind === 'bill' && (await rigGet(rig.url)).bills.stacked.length === before.bills.stacked.length) return null;
            throw e;
          });
          if (!credit) continue;
          credited = credit.creditedCents;
          if (inserts === cancelAt && credited < amountDueCents) {
            const refund = c.api.cancelPayment(paymentId);
            if (kill === 'cancel-refund') {
              refund.catch(() => undefined); // the host dies under it
              await sleep(random() * 80);
              await killNow();
            } else await refund;
            break;
          }
        }
        if (!killed && credited >= amountDueCents) {
          const committed = await c.waitFor(isCommitted(paymentId), 8_000);
          transactionId = committed.transactionId;
          tally.committed++;
          if (kill === 'after-commit') await killNow();
          else if (kill === 'payout') {
            await sleep(random() * (40 + committed.changeDueCents));
            await killNow();
          } else if (random() < 0.2) {
            const t0 = Date.now();
            await c.api.printReceipt(transactionId);
            timing.printMs += Date.now() - t0;
            timing.prints++;
          } else await waitQuiet(rig.url);
        }
      } catch (e) {
        if (!killed) failures.push(`payment ${i} (${kill}): ${(e as Error).message}`);
        if (!killed && host) await killNow(); // start again from a clean host
      }
      if (killed || !host) {
        tally.kills++;
        tally.byKind[kill] = (tally.byKind[kill] ?? 0) + 1;
        if (kill === 'recovery') {
          // Once more while the host recovers from the first.
          const again = startHost().catch(() => undefined);
          await sleep(200 + random() * 800);
          await again;
          await killHost();
          tally.kills++;
        }
        await startHost();
        const a = await check();
        if (a.problems.length > 0) failures.push(`after kill ${tally.kills} (payment ${i}, ${kill}): ${a.problems.join('; ')}`);
        if (a.payments.open > 0) failures.push(`after kill ${tally.kills}: a payment is still open after recovery`);
      }
      if (failures.length > 5) break;
    }
    const final = await check();
    failures.push(...final.problems);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(
      `crash campaign (seed ${SEED}): ${tally.payments} payments (${final.payments.committed} committed, ${final.payments.cancelled} cancelled), ` +
        `${tally.kills} kills ${JSON.stringify(tally.byKind)}, ${tally.inserts} coins and bills, ` +
        `change paid ${final.changePaidCents} c, vouchers ${final.vouchersCents} c, ` +
        `lost ${final.lostCents} c, counted twice ${final.doubleCents} c, ${seconds} s (${timing.restarts} host starts, ${(timing.restartMs / 1000).toFixed(0)} s; ${timing.prints} receipts, ${(timing.printMs / 1000).toFixed(0)} s)`,
    );
    expect(failures).toEqual([]);
    expect(final.lostCents).toBe(0);
    expect(final.doubleCents).toBe(0);
    expect(tally.payments).toBeGreaterThanOrEqual(Math.min(PAYMENTS, 200));
  }, 600_000);
});

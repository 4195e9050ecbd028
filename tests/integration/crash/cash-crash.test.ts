import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '@cup-kiosk/sync-service/domain';
import { audit, type Audit } from './audit.ts';
import { campaignBookings, creditFor, drop, isCommitted, nextValue, paymentInput, rigGet, rng, sleep, untilClean, waitQuiet } from './campaign.ts';
import { openCrashSite, type CrashSite } from './crash-site.ts';

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

let site: CrashSite;
let bookings: Booking[];

beforeAll(async () => {
  bookings = campaignBookings(PAYMENTS + 20, rng(SEED));
  site = await openCrashSite({ name: 'cupk-crash', terminalId: TERMINAL, bookings, hopperStock: STOCK });
}, 60_000);

afterAll(async () => {
  await site?.close();
});

const timing = { printMs: 0, prints: 0 };

/** The ledger against the devices, once the host has read all they hold (retried while a write lands). */
const check = (): Promise<Audit> => untilClean(async () => audit(site.dbFile, await waitQuiet(site.rig.url)));

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
    const rigUrl = site.rig.url;
    await site.startHost();
    for (let i = 0; i < PAYMENTS; i++) {
      if (Date.now() - started > BUDGET_MS) break;
      const kill = pickKill(random);
      const booking = bookings[i]!;
      let killed = false;
      const killNow = async () => {
        killed = true;
        await site.killHost();
      };
      try {
        const c = site.client();
        c.clearEvents();
        const { paymentId, cashDueCents: amountDueCents } = await c.api.beginPayment(paymentInput(booking, 'cash'));
        tally.payments++;
        if (kill === 'before') await killNow();
        const truth = await rigGet(rigUrl);
        let credited = 0;
        let inserts = 0;
        // A recovery kill is a crediting one, then one more while the host starts again.
        const killAt = kill === 'crediting' || kill === 'recovery' ? 1 + Math.floor(random() * 3) : -1;
        const cancelAt = kill === 'cancel' || kill === 'cancel-refund' ? 1 + Math.floor(random() * 2) : -1;
        let transactionId: string | undefined;
        while (!killed && credited < amountDueCents) {
          const v = nextValue(amountDueCents, credited, truth, random);
          const { taken, stackedBefore } = await drop(rigUrl, v);
          tally.inserts++;
          if (!taken) continue;
          inserts++;
          if (inserts === killAt) {
            await sleep(random() * 250);
            await killNow();
            break;
          }
          const credit = await creditFor(c, rigUrl, { paymentId, creditedCents: credited }, v, stackedBefore);
          if (credit === null) continue;
          credited = credit;
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
          } else await waitQuiet(rigUrl);
        }
      } catch (e) {
        if (!killed) failures.push(`payment ${i} (${kill}): ${(e as Error).message}`);
        if (!killed && site.hostRunning()) await killNow(); // start again from a clean host
      }
      if (killed || !site.hostRunning()) {
        tally.kills++;
        tally.byKind[kill] = (tally.byKind[kill] ?? 0) + 1;
        // Once more while the host starts again and recovers from the first.
        if (kill === 'recovery') {
          await site.killDuringStart(sleep(800 + random() * 2000));
          tally.kills++;
        }
        await site.startHost();
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
        `lost ${final.lostCents} c, counted twice ${final.doubleCents} c, ${seconds} s (${site.timing.restarts} host starts, ${(site.timing.restartMs / 1000).toFixed(0)} s; ${timing.prints} receipts, ${(timing.printMs / 1000).toFixed(0)} s)`,
    );
    expect(failures).toEqual([]);
    expect(final.lostCents).toBe(0);
    expect(final.doubleCents).toBe(0);
    expect(tally.payments).toBeGreaterThanOrEqual(Math.min(PAYMENTS, 200));
  }, 600_000);
});

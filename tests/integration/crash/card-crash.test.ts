import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '@cup-kiosk/sync-service/domain';
import { audit } from './audit.ts';
import { cardAudit, type Told } from './card-audit.ts';
import { payCardThenCash, payCashThenCard, payWholeCard, type Citizen, type Kill } from './card-flows.ts';
import { HostKilled, posTruth } from './card-hand.ts';
import { campaignBookings, rng, sleep, untilClean, waitQuiet } from './campaign.ts';
import { openCrashSite, type CrashSite } from './crash-site.ts';
import { readSqlite } from './sqlite-read.ts';

// The card crash campaign: card and mixed cash-and-card payments on a device rig whose card
// terminal keeps its journal, and a host killed with SIGKILL at random points of them (before the
// POS request, while the cardholder is at the POS, right after the approval, after the commit,
// during the card that pays the rest, during a cancel that reverses a card, during recovery),
// restarted each time on the same data folder. After each restart the terminal's records are
// held against the POS's journal, the cash devices and, at the end, the central: every payment
// paid or not paid exactly once, 0 double charges, 0 unrecorded approvals, the cash side whole.

const PAYMENTS = Number(process.env.CUPK_CRASH_CARD_PAYMENTS ?? 200);
const SEED = Number(process.env.CUPK_CRASH_SEED ?? Date.now() % 1_000_000);
/** Past this the campaign stops starting payments; bounded by the count, it only stops a run gone wrong. */
const BUDGET_MS = Number(process.env.CUPK_CRASH_BUDGET_MS ?? 270_000);
const TERMINAL = 'CRASH-CARD-01';
const STOCK = 300;
/** The cardholder's time at the POS, around which each part's is drawn: short, to keep the campaign short. */
const POS_DELAY_MS = 120;
/** Where the host is killed: each point once, then one payment in twenty in all (a host start takes about five seconds). */
const KILL_POINTS: readonly Kill[] = ['before-request', 'cardholder', 'approval', 'commit', 'rest-by-card', 'cancel-reversal', 'recovery'];

let site: CrashSite;
let bookings: Booking[];

beforeAll(async () => {
  bookings = campaignBookings(PAYMENTS + 20, rng(SEED));
  site = await openCrashSite({ name: 'cupk-card-crash', terminalId: TERMINAL, bookings, hopperStock: STOCK, posDelayMs: POS_DELAY_MS });
}, 60_000);

afterAll(async () => {
  await site?.close();
});

/** The payments the host is killed in, and where, drawn from the seed: every kill point at least once. */
function killSchedule(random: () => number, payments: number): Map<number, Kill> {
  const extra = Math.max(0, Math.round(payments / 20) - KILL_POINTS.length);
  const kills = [...KILL_POINTS, ...Array.from({ length: extra }, () => KILL_POINTS[Math.floor(random() * KILL_POINTS.length)]!)].slice(0, payments);
  const at = new Map<number, Kill>();
  for (const k of kills) {
    let i = Math.floor(random() * payments);
    while (at.has(i)) i = (i + 1) % payments;
    at.set(i, k);
  }
  return at;
}

/** How the citizen pays: a kill aimed at one way of paying picks it. */
function pickFlow(random: () => number, kill: Kill): typeof payWholeCard {
  if (kill === 'rest-by-card') return payCashThenCard;
  if (kill === 'cancel-reversal') return payCardThenCash;
  const r = random();
  return r < 0.45 ? payWholeCard : r < 0.7 ? payCashThenCard : payCardThenCash;
}

/** Resolves when the POS is asked for a transaction's status (a host recovering), or after `maxMs`. */
async function posAsked(rigUrl: string, maxMs: number): Promise<void> {
  const asked = (await posTruth(rigUrl, Number.MAX_SAFE_INTEGER)).served.TransactionStatus ?? 0;
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline && ((await posTruth(rigUrl, Number.MAX_SAFE_INTEGER)).served.TransactionStatus ?? 0) === asked) await sleep(20);
}

/** Both audits, once the host has read what the devices hold (retried while a write lands). */
async function check(told: Told, centralDbFile?: string) {
  return untilClean(async () => {
    const cash = await audit(site.dbFile, await waitQuiet(site.rig.url));
    const card = await cardAudit({ dbFile: site.dbFile, pos: await posTruth(site.rig.url), told, ...(centralDbFile ? { centralDbFile } : {}) });
    return { cash, card, problems: [...cash.problems, ...card.problems] };
  });
}

/** Until the central holds every payment the terminal committed (the outbox drained). */
async function synced(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { pending } = await readSqlite(site.dbFile, { pending: `SELECT 1 FROM outbox WHERE status = 'pending'` });
    if (pending.length === 0) return;
    await sleep(200);
  }
}

describe('card crash campaign', () => {
  it(`kills the host at random points of ${PAYMENTS} card and mixed payments: 0 double charges, 0 unrecorded approvals`, async () => {
    const random = rng(SEED + 2);
    const started = Date.now();
    const failures: string[] = [];
    const told: Told = new Map();
    const ct: Citizen = { site, random, posDelayMs: POS_DELAY_MS, told, tally: { parts: {}, declines: {}, inserts: 0, receipts: 0, cancels: 0 } };
    const tally = { payments: 0, kills: 0, byKind: {} as Record<string, number>, byFlow: {} as Record<string, number>, flowMs: {} as Record<string, number>, killedRecovering: 0 };
    const schedule = killSchedule(random, PAYMENTS);
    await site.startHost();
    for (let i = 0; i < PAYMENTS && Date.now() - started < BUDGET_MS; i++) {
      const kill = schedule.get(i) ?? 'none';
      const flow = pickFlow(random, kill);
      tally.payments++;
      tally.byFlow[flow.name] = (tally.byFlow[flow.name] ?? 0) + 1;
      let killed = false;
      const t0 = Date.now();
      // CUPK_CRASH_TRACE=1: each payment as it starts, to find where a campaign stuck.
      if (process.env.CUPK_CRASH_TRACE) console.error(`${((t0 - started) / 1000).toFixed(1)} s: payment ${i}, ${flow.name}, kill ${kill}`);
      try {
        await flow(ct, bookings[i]!, kill);
        tally.flowMs[flow.name] = (tally.flowMs[flow.name] ?? 0) + Date.now() - t0;
      } catch (e) {
        killed = e instanceof HostKilled;
        if (!killed) failures.push(`payment ${i} (${flow.name}, ${kill}): ${(e as Error).message}`);
        if (site.hostRunning() && !killed) await site.killHost(); // start again from a clean host
      }
      if (!site.hostRunning()) {
        tally.kills++;
        tally.byKind[kill] = (tally.byKind[kill] ?? 0) + 1;
        if (kill === 'recovery') {
          // Once more while the host recovers from the first: as it asks the POS, or on its way up.
          if (await site.killDuringStart(posAsked(site.rig.url, 800 + random() * 2000))) tally.killedRecovering++;
          tally.kills++;
        }
        await site.startHost();
        const a = await check(told);
        if (a.problems.length > 0) failures.push(`after kill ${tally.kills} (payment ${i}, ${flow.name}, ${kill}): ${a.problems.join('; ')}`);
        if (a.card.open > 0) failures.push(`after kill ${tally.kills} (payment ${i}): a payment is still open after recovery`);
      }
      if (failures.length > 3) break;
    }
    await synced();
    const final = await check(told, site.centralDbFile);
    failures.push(...final.problems);
    const { card, cash } = final;
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(
      `card crash campaign (seed ${SEED}): ${tally.payments} payments, ${tally.kills} kills (${tally.killedRecovering} while recovering), ${card.paid} paid, ${card.notPaid} not paid, ` +
        `${card.reversals} reversals, ${card.doubleCharges} double charges, ${card.unrecordedApprovals} unrecorded approvals; ` +
        `kills ${JSON.stringify(tally.byKind)}, flows ${JSON.stringify(tally.byFlow)} (ms when not killed ${JSON.stringify(tally.flowMs)}), POS ${JSON.stringify(ct.tally.parts)}, declines ${JSON.stringify(ct.tally.declines)}, ` +
        `${ct.tally.inserts} coins and bills, ${ct.tally.cancels} cancels, ${ct.tally.receipts} receipts, cash lost ${cash.lostCents} c, counted twice ${cash.doubleCents} c; ` +
        `${seconds} s (${site.timing.restarts} host starts, ${(site.timing.restartMs / 1000).toFixed(0)} s)`,
    );
    expect(failures).toEqual([]);
    expect(card.doubleCharges).toBe(0);
    expect(card.unrecordedApprovals).toBe(0);
    expect(cash.lostCents).toBe(0);
    expect(cash.doubleCents).toBe(0);
    expect(tally.payments).toBeGreaterThanOrEqual(Math.min(PAYMENTS, 200));
  }, 300_000);
});

import { roundCashTotal, type Booking } from '@cup-kiosk/sync-service/domain';
import type { TerminalEvent } from '../../../kiosk/bridge/terminal-api.ts';
import type { Told } from './card-audit.ts';
import { cardPart, drawPlan, HostKilled, type PartEnd, type PartKill, type PosPlan } from './card-hand.ts';
import { creditFor, drop, isCommitted, nextValue, paymentInput, rigGet, sleep, waitQuiet } from './campaign.ts';
import type { CrashSite } from './crash-site.ts';

/**
 * A citizen paying by card, whole or in part: the three ways a campaign pays (whole card, cash
 * then card for the rest, a card part then cash), each card part's POS outcome drawn at random,
 * and what the citizen does after a card is not taken (cash, another card, or cancel).
 */

/** Where the host is killed in a payment (besides none). */
export type Kill = 'none' | 'before-request' | 'cardholder' | 'approval' | 'commit' | 'rest-by-card' | 'cancel-reversal' | 'recovery';

export interface Citizen {
  site: CrashSite;
  random: () => number;
  /** The POS's cardholder time around which each part's is drawn, ms. */
  posDelayMs: number;
  told: Told;
  /** Card parts by planned outcome, and by the code of the decline the citizen saw. */
  tally: { parts: Record<string, number>; declines: Record<string, number>; inserts: number; receipts: number; cancels: number };
}

const pick = <T>(random: () => number, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

function tell(ct: Citizen, paymentId: string, what: 'paid' | 'not-paid'): void {
  ct.told.set(paymentId, (ct.told.get(paymentId) ?? new Set()).add(what));
}

/** Records what an event that ended a card part told the citizen. */
function heard(ct: Citizen, end: PartEnd): void {
  if (end.type === 'payment.committed') tell(ct, end.paymentId, 'paid');
  if (end.type === 'pos.declined') ct.tally.declines[end.code] = (ct.tally.declines[end.code] ?? 0) + 1;
  if (end.type === 'pos.declined' && !end.paymentOpen) tell(ct, end.paymentId, 'not-paid');
}

async function part<T extends object>(ct: Citizen, o: { plan: PosPlan; paymentId?: string; start: () => Promise<T>; kill?: PartKill; giveUp?: (paymentId: string) => Promise<unknown> }) {
  ct.tally.parts[o.plan.outcome] = (ct.tally.parts[o.plan.outcome] ?? 0) + 1;
  const r = await cardPart(ct.site, { ...o, random: ct.random });
  heard(ct, r.end);
  return r;
}

/** The kill of a payment's first card part, for the kills that target it. */
function firstPartKill(kill: Kill): PartKill | undefined {
  if (kill === 'before-request') return 'before-request';
  if (kill === 'cardholder' || kill === 'recovery') return 'cardholder';
  if (kill === 'approval') return 'answer';
  return undefined;
}

/** After a commit: killed there, a receipt printed now and then, or the change paid out. */
async function afterCommit(ct: Citizen, committed: Extract<TerminalEvent, { type: 'payment.committed' }>, kill: Kill): Promise<void> {
  if (kill === 'commit') {
    await ct.site.killHost();
    throw new HostKilled('after the commit');
  }
  if (ct.random() < 0.1) {
    await ct.site.client().api.printReceipt(committed.transactionId);
    ct.tally.receipts++;
  } else await waitQuiet(ct.site.rig.url);
}

async function cancel(ct: Citizen, paymentId: string, kill: Kill): Promise<void> {
  ct.tally.cancels++;
  const done = ct.site.client().api.cancelPayment(paymentId);
  if (kill === 'cancel-reversal') {
    done.catch(() => undefined); // the host dies under it
    await sleep(ct.random() * 120);
    await ct.site.killHost();
    throw new HostKilled('during a cancel with a reversal');
  }
  await done;
  tell(ct, paymentId, 'not-paid');
  await waitQuiet(ct.site.rig.url);
}

/** Cash until `cashDueCents` is reached (the payment commits), from `creditedCents` already in. */
async function payCash(ct: Citizen, paymentId: string, cashDueCents: number, creditedCents: number, kill: Kill): Promise<void> {
  const c = ct.site.client();
  const rigUrl = ct.site.rig.url;
  const truth = await rigGet(rigUrl);
  let credited = creditedCents;
  while (credited < cashDueCents) {
    const v = nextValue(cashDueCents, credited, truth, ct.random);
    const { taken, stackedBefore } = await drop(rigUrl, v);
    ct.tally.inserts++;
    if (!taken) continue;
    credited = (await creditFor(c, rigUrl, { paymentId, creditedCents: credited }, v, stackedBefore)) ?? credited;
  }
  const committed = await c.waitFor(isCommitted(paymentId), 8_000);
  tell(ct, paymentId, 'paid');
  await afterCommit(ct, committed, kill);
}

/** A few coins or bills, less than `restCents`: the cash before a card pays the rest. */
async function somePartialCash(ct: Citizen, paymentId: string, restCents: number): Promise<number> {
  const c = ct.site.client();
  let credited = 0;
  for (let n = ct.random() < 0.3 ? 2 : 1; n > 0; n--) {
    const fits = [5000, 2000, 1000, 500, 200, 100, 50].filter((v) => v < restCents - credited);
    if (fits.length === 0) break;
    const cents = pick(ct.random, fits.slice(0, 3));
    const v = { kind: cents >= 500 ? ('bill' as const) : ('coin' as const), cents };
    const { taken, stackedBefore } = await drop(ct.site.rig.url, v);
    ct.tally.inserts++;
    if (taken) credited = (await creditFor(c, ct.site.rig.url, { paymentId, creditedCents: credited }, v, stackedBefore)) ?? credited;
  }
  return credited;
}

/**
 * The whole amount on one card; a citizen now and then gives up while the POS waits (the host
 * aborts the card: cancelled, or paid if the card was faster).
 */
export async function payWholeCard(ct: Citizen, booking: Booking, kill: Kill): Promise<void> {
  const plan = drawPlan(ct.random, ct.posDelayMs, kill === 'approval');
  const api = ct.site.client().api;
  const partKill = firstPartKill(kill);
  const giveUp = !partKill && ct.random() < 0.06 ? (paymentId: string) => (ct.tally.cancels++, api.cancelPayment(paymentId)) : undefined;
  const { end } = await part(ct, { plan, start: () => api.beginPayment(paymentInput(booking, 'card')), ...(partKill ? { kill: partKill } : {}), ...(giveUp ? { giveUp } : {}) });
  if (end.type === 'payment.committed') await afterCommit(ct, end, kill);
}

/**
 * Some cash, then a card for the rest; after a card not taken, cash for the rest, another card
 * (up to three) or cancel. A `rest-by-card` kill hits the card that pays the rest.
 */
export async function payCashThenCard(ct: Citizen, booking: Booking, kill: Kill): Promise<void> {
  const api = ct.site.client().api;
  const { paymentId, cashDueCents, amountDueCents } = await api.beginPayment(paymentInput(booking, 'cash'));
  const credited = await somePartialCash(ct, paymentId, cashDueCents);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const restKill: PartKill | undefined = kill === 'rest-by-card' && attempt === 1 ? pick(ct.random, ['before-request', 'cardholder', 'answer'] as const) : firstPartKill(attempt === 1 ? kill : 'none');
    const plan = drawPlan(ct.random, ct.posDelayMs, restKill === 'answer');
    const { end } = await part(ct, { plan, paymentId, start: () => ct.site.client().api.payRestByCard(paymentId), ...(restKill ? { kill: restKill } : {}) });
    if (end.type === 'payment.committed') return afterCommit(ct, end, kill);
    // A coin that landed as the card started leaves a little cash to pay after the approval.
    if (end.type === 'pos.approved') return payCash(ct, paymentId, end.cashDueCents, credited, kill);
    if (!end.paymentOpen) return;
    const next = ct.random();
    if (next < 0.35 || attempt === 3) return payCash(ct, paymentId, roundCashTotal(amountDueCents), credited, kill);
    if (next > 0.8) return cancel(ct, paymentId, kill);
  }
}

/**
 * A card part first, then cash for the rest; now and then (and for a `cancel-reversal` kill) the
 * citizen cancels after the part was approved, and the host gives it back to the card.
 */
export async function payCardThenCash(ct: Citizen, booking: Booking, kill: Kill): Promise<void> {
  const api = ct.site.client().api;
  const quote = await api.findBooking(booking.code);
  // Most of it by card: the cash for the rest is a coin or two, as the campaign's time wants.
  const cardCents = Math.max(1, Math.min(quote.amountDueCents - 1, Math.round(quote.amountDueCents * (0.5 + ct.random() * 0.45))));
  const plan = drawPlan(ct.random, ct.posDelayMs, kill === 'approval' || kill === 'cancel-reversal');
  const partKill = firstPartKill(kill);
  const { started, end } = await part(ct, { plan, start: () => api.beginPayment(paymentInput(booking, 'card', cardCents)), ...(partKill ? { kill: partKill } : {}) });
  if (end.type === 'payment.committed') return afterCommit(ct, end, kill);
  if (end.type !== 'pos.approved') return;
  const r = ct.random();
  if (kill === 'cancel-reversal' || r < 0.12) return cancel(ct, started.paymentId, kill);
  if (r < 0.22) {
    // Another card for the rest; whatever it does, cash finishes the payment if it stays open.
    const rest = await part(ct, { plan: drawPlan(ct.random, ct.posDelayMs), paymentId: started.paymentId, start: () => ct.site.client().api.payRestByCard(started.paymentId) });
    if (rest.end.type === 'payment.committed') return afterCommit(ct, rest.end, kill);
    if (rest.end.type !== 'pos.declined' || !rest.end.paymentOpen) return;
  }
  return payCash(ct, started.paymentId, end.cashDueCents, 0, kill);
}

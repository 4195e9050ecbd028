import type { PosTruth, SimPlanOutcome } from '@cup-kiosk/terminal-drivers/sim/pos';
import type { TerminalEvent } from '../../../kiosk/bridge/terminal-api.ts';
import { rigPost, sleep } from './campaign.ts';
import type { CrashSite } from './crash-site.ts';

/**
 * The card side of a campaign's citizen: what the card terminal will do with the next card part,
 * the command that starts the part, a kill at a chosen point of it, and how the part ended.
 */

/** What the POS does with one card part, drawn per part. */
export interface PosPlan {
  outcome: SimPlanOutcome;
  delayMs: number;
}

/** Where in a card part the host is killed. */
export type PartKill =
  /** Just after the command that starts the part went out: before, or just after, the POS request. */
  | 'before-request'
  /** While the POS waits for the cardholder. */
  | 'cardholder'
  /** As soon as the POS has answered (an approval, mostly). */
  | 'answer';

export type PartEnd =
  | Extract<TerminalEvent, { type: 'payment.committed' }>
  | Extract<TerminalEvent, { type: 'pos.approved' }>
  | Extract<TerminalEvent, { type: 'pos.declined' }>;

/** The host was killed as planned; the campaign restarts it and audits. */
export class HostKilled extends Error {
  constructor(readonly at: string) {
    super(`host killed ${at}`);
  }
}

/** Outcome weights of a card part: mostly approvals, and every way a card part can go wrong. */
const OUTCOMES: readonly [SimPlanOutcome, number][] = [
  ['approve', 0.56],
  ['decline', 0.1],
  ['cancel', 0.05],
  ['pin-timeout', 0.04],
  ['lost', 0.08],
  ['late', 0.07],
  ['busy', 0.05],
  ['offline', 0.05],
];

/** The POS's plan for one card part; `approve` forces an approval (a part whose kill wants one). */
export function drawPlan(random: () => number, posDelayMs: number, approve = false): PosPlan {
  let x = random();
  let outcome: SimPlanOutcome = 'approve';
  for (const [o, w] of OUTCOMES) {
    outcome = o;
    if ((x -= w) < 0) break;
  }
  if (approve && outcome !== 'lost' && outcome !== 'late') outcome = 'approve';
  // A late approval comes within the host's wait (minutes, on a real terminal), after several
  // cardholder times: a host killed meanwhile finds it in progress, then approved, as it recovers.
  const delayMs = outcome === 'late' ? 4 * posDelayMs + Math.round(random() * 4 * posDelayMs) : outcome === 'offline' ? 600 : Math.round(posDelayMs * (0.6 + random() * 0.8));
  return { outcome, delayMs };
}

type PosView = PosTruth & { count: number };

export async function posTruth(rigUrl: string, from = 0): Promise<PosView> {
  return (await (await fetch(`${rigUrl}/api/pos/truth?from=${from}`)).json()) as PosView;
}

/** Polls the POS until `done` holds; null after `timeoutMs`. */
async function pollPos<T>(rigUrl: string, from: number, done: (t: PosView) => T | null, timeoutMs: number): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = done(await posTruth(rigUrl, from));
    if (found !== null || Date.now() > deadline) return found;
    await sleep(10);
  }
}

const ends = (paymentId: string) => (e: TerminalEvent): e is PartEnd =>
  (e.type === 'payment.committed' || e.type === 'pos.approved' || e.type === 'pos.declined') && e.paymentId === paymentId;

/**
 * Runs one card part: plans the POS, sends `start` (beginPayment or payRestByCard), kills the host
 * at `kill` if given (throwing HostKilled), else resolves with the command's answer and the event
 * that ended the part. `giveUp`: the citizen gives up (cancels) while the POS waits for the card.
 */
export async function cardPart<T extends object>(
  site: CrashSite,
  o: { plan: PosPlan; paymentId?: string; start: () => Promise<T>; kill?: PartKill; giveUp?: (paymentId: string) => Promise<unknown>; random: () => number },
): Promise<{ started: T; end: PartEnd; gaveUp?: unknown }> {
  const rigUrl = site.rig.url;
  // A terminal back from its time off the network, before the next part is planned.
  const { count } = (await pollPos(rigUrl, Number.MAX_SAFE_INTEGER, (t) => (t.online ? t : null), 5_000)) ?? { count: 0 };
  await rigPost(rigUrl, 'pos/next', { outcome: o.plan.outcome, delayMs: o.plan.delayMs, replace: true });
  const c = site.client();
  c.clearEvents();
  const call = o.start();
  const kill = async (at: string): Promise<never> => {
    call.catch(() => undefined); // the host dies under it
    await site.killHost();
    throw new HostKilled(at);
  };
  if (o.kill === 'before-request') {
    await sleep(o.random() * 30);
    await kill('before the POS request');
  }
  const started = await call;
  const paymentId = o.paymentId ?? (started as { paymentId: string }).paymentId;
  const refusedAtOnce = o.plan.outcome === 'busy' || o.plan.outcome === 'offline';
  const atThePos = async () => {
    if (!refusedAtOnce) await pollPos(rigUrl, count, (t) => t.transactions[0] ?? null, 5_000);
    await sleep(o.random() * o.plan.delayMs);
  };
  if (o.kill === 'cardholder') {
    await atThePos();
    await kill('while the POS waits for the cardholder');
  }
  let gaveUp: Promise<unknown> | undefined;
  if (o.giveUp) {
    await atThePos();
    gaveUp = o.giveUp(paymentId);
  }
  if (o.kill === 'answer') {
    if (refusedAtOnce) await sleep(o.random() * 20);
    else await pollPos(rigUrl, count, (t) => (t.transactions[0] && t.transactions[0].state !== 'in-progress' ? t : null), 15_000);
    await kill('right after the POS answered');
  }
  // A lost answer is asked for again; a late one comes after a few cardholder times.
  const end = await c.waitFor(ends(paymentId), 20_000);
  return { started, end, ...(gaveUp ? { gaveUp: await gaveUp } : {}) };
}

import { makeChange } from './change.ts';
import { InvalidCashAmountError } from './errors.ts';

/**
 * Payout planning, pure: which hopper pays how many coins. The fewest coins that make the change
 * exactly; when no exact way exists, the largest amount that can be paid exactly, and the rest is
 * a voucher. After a partial payout (a hopper ran empty or jammed), the remainder is planned again
 * on the hoppers that are still working.
 */

/** A hopper as the host knows it from its ledger (a ccTalk hopper does not report its level). */
export interface HopperLevel {
  /** The hopper's id, its bus address. */
  id: number;
  valueCents: number;
  /** Coins the host believes the hopper holds. */
  count: number;
}

export interface PayoutLine {
  id: number;
  valueCents: number;
  count: number;
}

export interface PayoutPlan {
  /** What this plan was asked to pay. */
  owedCents: number;
  /** One line per hopper that pays, larger coins first. */
  lines: PayoutLine[];
  plannedCents: number;
  /** `owedCents − plannedCents`: what no combination of the coins on hand can pay. */
  voucherCents: number;
}

/** What one hopper did in a payout: paid, and unpaid (it stopped: empty or jammed). */
export interface HopperOutcome {
  id: number;
  paid: number;
  unpaid: number;
}

function checkLevels(hoppers: readonly HopperLevel[]): void {
  const ids = new Set<number>();
  for (const h of hoppers) {
    if (ids.has(h.id)) throw new InvalidCashAmountError(`hopper ${h.id} listed twice`, { id: h.id });
    ids.add(h.id);
    if (!Number.isSafeInteger(h.valueCents) || h.valueCents <= 0) throw new InvalidCashAmountError(`hopper ${h.id}: coin value must be a positive integer of cents`, { ...h });
    if (!Number.isSafeInteger(h.count) || h.count < 0) throw new InvalidCashAmountError(`hopper ${h.id}: coin count must be a non-negative integer`, { ...h });
  }
}

/** The largest amount ≤ `limit` that the coins can make exactly (bounded subset sum, O(values × limit)). */
function largestPayable(limit: number, stock: ReadonlyMap<number, number>): number {
  let reachable = new Uint8Array(limit + 1);
  reachable[0] = 1;
  for (const [value, count] of stock) {
    const next = new Uint8Array(limit + 1);
    // used[a]: coins of this value the cheapest way to reach `a` takes, so no more than `count`.
    const used = new Uint32Array(limit + 1);
    for (let a = 0; a <= limit; a++) {
      if (reachable[a]) next[a] = 1;
      else if (a >= value && next[a - value] && (used[a - value] ?? 0) < count) {
        next[a] = 1;
        used[a] = (used[a - value] ?? 0) + 1;
      }
    }
    reachable = next;
  }
  let best = limit;
  while (best > 0 && !reachable[best]) best--;
  return best;
}

/**
 * The plan paying `owedCents` with the fewest coins from `hoppers`. Several hoppers of one value
 * share its coins, the fuller first, so they empty evenly.
 */
export function planPayout(owedCents: number, hoppers: readonly HopperLevel[]): PayoutPlan {
  if (!Number.isSafeInteger(owedCents) || owedCents < 0) throw new InvalidCashAmountError(`amount must be a non-negative integer of cents, got ${owedCents}`, { owedCents });
  checkLevels(hoppers);
  const stock = new Map<number, number>();
  for (const h of hoppers) stock.set(h.valueCents, (stock.get(h.valueCents) ?? 0) + h.count);
  const payable = largestPayable(owedCents, stock);
  const coins = makeChange(payable, stock);
  const lines: PayoutLine[] = [];
  for (const [valueCents, total] of coins) {
    let left = total;
    const sameValue = hoppers.filter((h) => h.valueCents === valueCents && h.count > 0).sort((a, b) => b.count - a.count || a.id - b.id);
    for (const h of sameValue) {
      const count = Math.min(left, h.count);
      if (count > 0) lines.push({ id: h.id, valueCents, count });
      left -= count;
    }
  }
  return { owedCents, lines, plannedCents: payable, voucherCents: owedCents - payable };
}

/**
 * Plans the rest of a payout of `owedCents` after `outcomes`: the coins paid are subtracted from
 * the amount and from the hoppers; a hopper that left coins unpaid is not asked again (it is empty
 * or jammed, whatever the ledger says it holds).
 */
export function replanPayout(owedCents: number, hoppers: readonly HopperLevel[], outcomes: readonly HopperOutcome[]): PayoutPlan {
  checkLevels(hoppers);
  const byId = new Map(hoppers.map((h) => [h.id, { ...h }]));
  let paidCents = 0;
  for (const o of outcomes) {
    const h = byId.get(o.id);
    if (!h) throw new InvalidCashAmountError(`outcome for unknown hopper ${o.id}`, { id: o.id });
    paidCents += o.paid * h.valueCents;
    h.count = o.unpaid > 0 ? 0 : Math.max(0, h.count - o.paid);
  }
  return planPayout(Math.max(0, owedCents - paidCents), [...byId.values()]);
}

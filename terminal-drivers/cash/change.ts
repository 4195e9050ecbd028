import { CannotMakeChangeError, InvalidCashAmountError } from './errors.ts';

/**
 * Change-making with limited coins, pure: the fewest coins that make an amount exactly from what
 * the hoppers hold. Greedy is wrong here (60 c from one 50 c and three 20 c is three 20 c), so this
 * is a bounded dynamic programme over amounts, O(denominations × amount).
 */

/** Coins on hand: value in cents → how many. */
export type CoinStock = Readonly<Record<number, number>> | ReadonlyMap<number, number>;

export interface ChangeResult {
  /** Value in cents (as a string key, JSON-ready) → count; only nonzero counts. */
  coins: Record<string, number>;
  count: number;
}

function entries(stock: CoinStock): Array<[number, number]> {
  const list = stock instanceof Map ? [...stock.entries()] : Object.entries(stock).map(([v, n]) => [Number(v), n] as [number, number]);
  for (const [v, n] of list) {
    if (!Number.isSafeInteger(v) || v <= 0) throw new InvalidCashAmountError(`coin value must be a positive integer of cents, got ${v}`, { value: v });
    if (!Number.isSafeInteger(n) || n < 0) throw new InvalidCashAmountError(`coin count must be a non-negative integer, got ${n}`, { value: v, count: n });
  }
  return list.filter(([, n]) => n > 0).sort((a, b) => b[0] - a[0]);
}

/**
 * The fewest coins making `dueCents` exactly, as value → count (nonzero only). Throws
 * CANNOT_MAKE_CHANGE when no exact way exists, INVALID_CASH_AMOUNT for a bad amount or stock.
 */
export function makeChange(dueCents: number, stock: CoinStock): Map<number, number> {
  if (!Number.isSafeInteger(dueCents) || dueCents < 0) throw new InvalidCashAmountError(`amount must be a non-negative integer of cents, got ${dueCents}`, { dueCents });
  const coins = entries(stock);
  const INF = Number.MAX_SAFE_INTEGER;
  let best = new Float64Array(dueCents + 1).fill(INF);
  best[0] = 0;
  // used[i][a]: how many coins of denomination i the best way to make `a` (with 0..i) takes.
  const used: Uint32Array[] = [];
  for (const [value, available] of coins) {
    const next = new Float64Array(dueCents + 1).fill(INF);
    const take = new Uint32Array(dueCents + 1);
    // For each residue class mod value, a sliding-window minimum over the last `available` steps
    // of best[r + j·value] − j gives next[r + j·value] in O(1) amortised.
    for (let r = 0; r < value && r <= dueCents; r++) {
      const window: number[] = []; // indexes j, with increasing best[..] − j
      let head = 0;
      for (let j = 0; r + j * value <= dueCents; j++) {
        const a = r + j * value;
        const key = keyAt(best, r, value, j);
        while (window.length > head && keyAt(best, r, value, window[window.length - 1] ?? 0) >= key) window.pop();
        window.push(j);
        while ((window[head] ?? 0) < j - available) head++;
        const jb = window[head] ?? j;
        const kb = keyAt(best, r, value, jb);
        if (kb !== INF) {
          next[a] = kb + j;
          take[a] = j - jb;
        }
      }
    }
    used.push(take);
    best = next;
  }
  if ((best[dueCents] ?? INF) === INF) throw new CannotMakeChangeError(dueCents);
  const out = new Map<number, number>();
  let rest = dueCents;
  for (let i = coins.length - 1; i >= 0; i--) {
    const n = used[i]?.[rest] ?? 0;
    const value = coins[i]?.[0] ?? 0;
    if (n > 0) out.set(value, n);
    rest -= n * value;
  }
  return new Map([...out.entries()].sort((a, b) => b[0] - a[0]));
}

/** best[r + j·value] − j, the quantity the window minimises; unreachable stays unreachable. */
function keyAt(best: Float64Array, r: number, value: number, j: number): number {
  const b = best[r + j * value] ?? Number.MAX_SAFE_INTEGER;
  return b === Number.MAX_SAFE_INTEGER ? b : b - j;
}

/** For `cupk cash change --due CENTS --stock V:N,...`: fewest coins, nonzero counts only. */
export function changeFor(dueCents: number, stock: CoinStock): ChangeResult {
  const coins: Record<string, number> = {};
  let count = 0;
  for (const [value, n] of makeChange(dueCents, stock)) {
    coins[String(value)] = n;
    count += n;
  }
  return { coins, count };
}

/** Parses the CLI's `V:N,V:N` stock (`200:3,50:1`); a repeated value adds up. */
export function parseStockArg(text: string): Record<number, number> {
  const stock: Record<number, number> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+):(\d+)$/.exec(part);
    if (!m) throw new InvalidCashAmountError(`stock entries are VALUE:COUNT, got '${part}'`, { part });
    const value = Number(m[1]);
    if (value <= 0) throw new InvalidCashAmountError(`coin value must be positive, got '${part}'`, { part });
    stock[value] = (stock[value] ?? 0) + Number(m[2]);
  }
  return stock;
}

import { createHash } from 'node:crypto';

/** One row of the cash ledger as stored: every coin, bill, payout, voucher and service count. */
export interface LedgerRow {
  seq: number;
  kind: LedgerKind;
  key: string;
  device: string;
  valueCents: number;
  count: number;
  amountCents: number;
  paymentId: string | null;
  detail: string;
  at: string;
  prevHash: string;
  hash: string;
}

export type LedgerKind = 'credit' | 'payout-intent' | 'payout-result' | 'voucher' | 'cashbox-empty' | 'hopper-refill';

/** The hash before the first row. */
export const GENESIS = '0'.repeat(64);

/**
 * Each row's hash covers the previous row's hash and every field of its own, so changing a
 * row, deleting one or reordering them breaks the chain from that row on.
 */
export function rowHash(prevHash: string, r: Omit<LedgerRow, 'prevHash' | 'hash'>): string {
  const fields = [prevHash, r.seq, r.kind, r.key, r.device, r.valueCents, r.count, r.amountCents, r.paymentId ?? '', r.detail, r.at];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export type ChainCheck = { ok: true; rows: number; head: string } | { ok: false; rows: number; brokenAt: number; reason: string };

/** Walks the rows in order and says where the chain breaks, if it does. */
export function verifyChain(rows: readonly LedgerRow[]): ChainCheck {
  let prev = GENESIS;
  let lastSeq = 0;
  for (const r of rows) {
    if (r.seq !== lastSeq + 1) return { ok: false, rows: rows.length, brokenAt: lastSeq + 1, reason: `row ${lastSeq + 1} is missing` };
    if (r.prevHash !== prev) return { ok: false, rows: rows.length, brokenAt: r.seq, reason: `row ${r.seq} does not follow row ${lastSeq}` };
    if (rowHash(prev, r) !== r.hash) return { ok: false, rows: rows.length, brokenAt: r.seq, reason: `row ${r.seq} was changed` };
    prev = r.hash;
    lastSeq = r.seq;
  }
  return { ok: true, rows: rows.length, head: prev };
}

export interface CashLevels {
  /** Coins and bills in the cash box, by value in cents. */
  cashbox: Record<string, number>;
  cashboxCents: number;
  /** Coins in each hopper (by device), with the hopper's coin value. */
  hoppers: Record<string, { valueCents: number; count: number }>;
  /** Money owed to citizens on the vouchers issued (redemption is at the desk). */
  vouchersIssuedCents: number;
}

/** Levels follow from the ledger alone: what came in, minus what went out or was emptied. */
export function levelsFrom(rows: readonly LedgerRow[]): CashLevels {
  const levels: CashLevels = { cashbox: {}, cashboxCents: 0, hoppers: {}, vouchersIssuedCents: 0 };
  const hopper = (device: string, valueCents: number) => (levels.hoppers[device] ??= { valueCents, count: 0 });
  for (const r of rows) {
    switch (r.kind) {
      case 'credit':
        levels.cashbox[r.valueCents] = (levels.cashbox[r.valueCents] ?? 0) + r.count;
        levels.cashboxCents += r.amountCents;
        break;
      case 'cashbox-empty':
        levels.cashbox[r.valueCents] = (levels.cashbox[r.valueCents] ?? 0) - r.count;
        levels.cashboxCents -= r.amountCents;
        break;
      case 'hopper-refill':
        hopper(r.device, r.valueCents).count += r.count;
        break;
      case 'payout-result':
        hopper(r.device, r.valueCents).count -= r.count;
        break;
      case 'voucher':
        levels.vouchersIssuedCents += r.amountCents;
        break;
      case 'payout-intent':
        break;
    }
  }
  for (const [v, n] of Object.entries(levels.cashbox)) if (n === 0) delete levels.cashbox[v];
  return levels;
}

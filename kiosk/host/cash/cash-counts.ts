import { randomUUID } from 'node:crypto';
import { CupError } from '@cup-kiosk/sync-service/domain';
import type { Database } from '@cup-kiosk/sync-service/outbox';
import { hopperDevice } from './cash-config.ts';
import type { CashLedger } from './cash-ledger.ts';

/**
 * A technician's counts, written to the cash ledger: the cash box emptied and a hopper
 * refilled. One place for the service screen and `cupk cash empty|refill`, so both leave the
 * same rows (and the same outbox entries) behind.
 */

/** Pieces of one value before and after, as the printed reports list them. */
export interface CountLine {
  valueCents: number;
  before: number;
  after: number;
}

export interface CashBoxEmptied {
  /** One id for the rows of this emptying. */
  emptyingId: string;
  emptied: Record<string, number>;
  emptiedCents: number;
  levels: CountLine[];
}

/** Most coins a technician can put into a hopper at once: a typo of a zero too many is refused. */
export const MAX_REFILL_COINS = 5_000;

/** Records that every coin and bill in the cash box was taken out, in one transaction. */
export async function emptyCashBox(db: Database, ledger: CashLedger, technician: string): Promise<CashBoxEmptied> {
  const emptyingId = randomUUID();
  return db.transaction(async (tx) => {
    // Read inside the transaction: a coin credited meanwhile is either in this count or after it.
    const { cashbox, cashboxCents } = await ledger.levelsIn(tx);
    const levels: CountLine[] = [];
    for (const [value, count] of Object.entries(cashbox).sort(([a], [b]) => Number(b) - Number(a))) {
      if (count <= 0) continue;
      await ledger.append(tx, { kind: 'cashbox-empty', key: `empty:${emptyingId}:${value}`, device: 'cashbox', valueCents: Number(value), count, detail: { technician } });
      levels.push({ valueCents: Number(value), before: count, after: 0 });
    }
    return { emptyingId, emptied: cashbox, emptiedCents: cashboxCents, levels };
  });
}

export interface HopperRefilled {
  hopper: number;
  valueCents: number;
  before: number;
  after: number;
}

/** Records `count` coins put into the hopper at `address` (one of `hoppers`). */
export async function refillHopper(
  ledger: CashLedger,
  hoppers: readonly { address: number; valueCents: number }[],
  address: number,
  count: number,
  technician: string,
): Promise<HopperRefilled> {
  const hopper = hoppers.find((h) => h.address === address);
  if (!hopper) throw new CupError('HOPPER_UNKNOWN', `no hopper at address ${address}: ${hoppers.map((h) => h.address).join(', ')}`);
  if (!Number.isInteger(count) || count < 1 || count > MAX_REFILL_COINS) throw new CupError('REFILL_COUNT_INVALID', `a refill is 1 to ${MAX_REFILL_COINS} coins, not ${count}`);
  const device = hopperDevice(address);
  const before = Math.max(0, (await ledger.levels()).hoppers[device]?.count ?? 0);
  await ledger.appendNow({ kind: 'hopper-refill', key: `refill:${randomUUID()}`, device, valueCents: hopper.valueCents, count, detail: { technician } });
  const after = Math.max(0, (await ledger.levels()).hoppers[device]?.count ?? count);
  return { hopper: address, valueCents: hopper.valueCents, before, after };
}

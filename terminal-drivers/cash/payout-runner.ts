import type { Hopper, PayoutOptions } from './hopper.ts';
import { replanPayout, type HopperLevel, type HopperOutcome, type PayoutLine } from './payout-plan.ts';

/**
 * Executes a payout over the hoppers: plans the fewest coins, pays line by line, and when a hopper
 * stops with coins unpaid (empty, jammed) or cannot be asked, plans the rest on the other hoppers.
 * What no hopper can pay is the voucher. Hoppers pay one after the other: they share one wire, and
 * a citizen takes coins from one tray anyway.
 *
 * A hopper that cannot be asked (bus error, no end of payout) is taken out of the payout; its line
 * counts as unpaid and carries the error code, so the host can reconcile from the hopper's status.
 */
export interface PayoutRunnerOptions {
  /** The hoppers, each known by its bus address (the `id` of HopperLevel). */
  hoppers: readonly Hopper[];
  /** Passed to each `Hopper.payout`. */
  payout?: PayoutOptions;
  /** Awaited before each dispense: where the host writes the intent durably. Default none. */
  beforeDispense?: (line: PayoutLine) => Promise<void>;
  /** Awaited after each dispense with what the hopper reported. Default none. */
  afterDispense?: (step: PayoutStep) => Promise<void>;
}

export interface PayoutStep {
  id: number;
  valueCents: number;
  requested: number;
  paid: number;
  unpaid: number;
  /** The error code when the hopper could not be asked or never reported the end. */
  error?: string;
}

export interface PayoutRunResult {
  owedCents: number;
  paidCents: number;
  voucherCents: number;
  /** One entry per hopper used, in the order first used, with its totals. */
  perHopper: PayoutStep[];
}

/** 167 carries the count in one byte. */
const MAX_COINS_PER_DISPENSE = 255;

export class PayoutRunner {
  constructor(private readonly options: PayoutRunnerOptions) {}

  /** Pays `owedCents` from hoppers whose levels the host knows (from its ledger). Never rejects for a hopper fault. */
  async run(owedCents: number, levels: readonly HopperLevel[]): Promise<PayoutRunResult> {
    const usable = levels.filter((l) => this.options.hoppers.some((h) => h.address === l.id));
    const outcomes: HopperOutcome[] = [];
    const perHopper = new Map<number, PayoutStep>();
    // Each round either pays everything planned or takes one hopper out, so this ends.
    for (let round = 0; round <= usable.length; round++) {
      const plan = replanPayout(owedCents, usable, outcomes);
      if (plan.lines.length === 0) break;
      let setback = false;
      for (const line of plan.lines) {
        const step = await this.payLine(line);
        outcomes.push({ id: step.id, paid: step.paid, unpaid: step.unpaid });
        addTo(perHopper, step);
        if (step.unpaid > 0) {
          setback = true;
          break;
        }
      }
      if (!setback) break;
    }
    const paidCents = [...perHopper.values()].reduce((sum, s) => sum + s.paid * s.valueCents, 0);
    return { owedCents, paidCents, voucherCents: owedCents - paidCents, perHopper: [...perHopper.values()] };
  }

  private async payLine(line: PayoutLine): Promise<PayoutStep> {
    const hopper = this.options.hoppers.find((h) => h.address === line.id);
    const step: PayoutStep = { id: line.id, valueCents: line.valueCents, requested: line.count, paid: 0, unpaid: 0 };
    let left = line.count;
    while (left > 0 && hopper) {
      const count = Math.min(left, MAX_COINS_PER_DISPENSE);
      const chunk = { ...line, count };
      await this.options.beforeDispense?.(chunk);
      let result: PayoutStep;
      try {
        const r = await hopper.payout(count, this.options.payout);
        // Coins neither paid nor reported unpaid were not paid either.
        result = { ...chunk, requested: count, paid: r.paid, unpaid: Math.max(r.unpaid, count - r.paid) };
      } catch (e) {
        result = { ...chunk, requested: count, paid: 0, unpaid: count, error: (e as { code?: string }).code ?? 'UNKNOWN' };
      }
      await this.options.afterDispense?.(result);
      step.paid += result.paid;
      left -= count;
      if (result.error !== undefined) step.error = result.error;
      if (result.unpaid > 0) {
        step.unpaid += result.unpaid + left; // the chunks not sent are unpaid too
        break;
      }
    }
    return step;
  }
}

function addTo(perHopper: Map<number, PayoutStep>, step: PayoutStep): void {
  const seen = perHopper.get(step.id);
  if (!seen) {
    perHopper.set(step.id, { ...step });
    return;
  }
  seen.requested += step.requested;
  seen.paid += step.paid;
  seen.unpaid += step.unpaid;
  if (step.error !== undefined) seen.error = step.error;
}

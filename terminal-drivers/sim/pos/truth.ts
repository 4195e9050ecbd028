/**
 * What the simulated terminal did, counted on its side of the line: the truth a crash test holds
 * the kiosk's records against (every approval that stands is a cardholder charged).
 */
import type { SimPayment, SimPaymentState } from './journal.ts';
import type { SimOutcome } from './plans.ts';

export interface PosTransactionTruth {
  /** The sale's transaction id, as the payment request carried it. */
  transactionId: string;
  amountCents: number;
  /** What the terminal was set to do with it. */
  planned: SimOutcome;
  /**
   * How it ended: approved, declined, cancelled (by the cardholder), timeout (PIN entry), aborted
   * (by the sale system), or still in progress.
   */
  state: SimPaymentState;
  /** Whether its answer reached the sale system; false when lost (the line dropped, the host gone); null in progress. */
  answered: boolean | null;
  /** An approval given back to the card. */
  reversed: boolean;
  /** Approved and not reversed: what the cardholder is charged. */
  chargedCents: number;
}

/** A payment request refused before any payment started: nothing was charged. */
export interface PosRefusal {
  transactionId: string;
  amountCents: number | null;
  reason: 'busy' | 'duplicate' | 'bad-amount';
}

export interface PosTruth {
  poiId: string;
  online: boolean;
  /** Every payment the terminal started, in order. */
  transactions: PosTransactionTruth[];
  refused: PosRefusal[];
  /** Requests answered, by nexo category. */
  served: Record<string, number>;
}

export function transactionTruth(p: SimPayment, planned: SimOutcome): PosTransactionTruth {
  const reversed = p.reversal !== undefined;
  return {
    transactionId: p.transactionId,
    amountCents: p.amountCents,
    planned,
    state: p.state,
    answered: p.state === 'in-progress' ? null : p.answered === true,
    reversed,
    chargedCents: p.state === 'approved' && !reversed ? p.amountCents : 0,
  };
}

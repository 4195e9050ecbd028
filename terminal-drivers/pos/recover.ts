/**
 * Settling a payment whose outcome we do not know: after POS_OUTCOME_UNKNOWN, or at start-up for
 * each payment intent the outbox holds without an outcome. The terminal's journal is the truth:
 * we ask it, wait while the payment is still in progress (aborting it once it has taken too long),
 * and then either keep the approval or reverse it, when the kiosk has already told the citizen the
 * card was not taken. The result is final, so the caller records it once.
 */
import type { ApprovedPayment, PaymentTerminal, TransactionStatus } from './contract.ts';

export interface RecoverOptions {
  /**
   * Whether an approval found is kept (the payment completes) or reversed (the kiosk moved on,
   * for example it already gave the cash back). Default true.
   */
  keepApproval?: boolean;
  /** Pause between two status queries while the payment is in progress, ms. Default 1000. */
  pollMs?: number;
  /** How long a payment may stay in progress before we abort it, ms. Default 180000. */
  abortAfterMs?: number;
}

export type Settlement =
  /** The card was charged and the approval stands: record the payment. */
  | { settled: 'paid'; payment: ApprovedPayment }
  /** The card was charged and the money given back: record nothing owed by the card. */
  | { settled: 'reversed'; transactionId: string; amountCents: number; reversalPoiTransactionId: string }
  /** Nothing was charged. */
  | { settled: 'not-paid'; transactionId: string; status: 'declined' | 'cancelled' | 'timeout' | 'not-found' };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Brings `transactionId` to a final state. Typed errors from the terminal propagate (offline,
 * unreachable, an unknown reversal outcome); calling again later is always safe, since status
 * changes nothing and reversal is idempotent.
 */
export async function recoverPayment(terminal: PaymentTerminal, transactionId: string, options: RecoverOptions = {}): Promise<Settlement> {
  const keep = options.keepApproval ?? true;
  const pollMs = options.pollMs ?? 1000;
  const abortAt = Date.now() + (options.abortAfterMs ?? 180_000);
  let aborted = false;
  let s: TransactionStatus = await terminal.status(transactionId);
  while (s.outcome === 'in-progress') {
    if (!aborted && Date.now() >= abortAt) {
      await terminal.abort(transactionId);
      aborted = true;
    }
    await sleep(pollMs);
    s = await terminal.status(transactionId);
  }
  switch (s.outcome) {
    case 'approved': {
      if (keep) return { settled: 'paid', payment: s };
      const r = await terminal.reverse(transactionId);
      if (r.outcome === 'reversed') return { settled: 'reversed', transactionId, amountCents: r.reversedCents, reversalPoiTransactionId: r.reversalPoiTransactionId };
      return { settled: 'not-paid', transactionId, status: r.status };
    }
    case 'reversed':
      return { settled: 'reversed', transactionId, amountCents: s.amountCents, reversalPoiTransactionId: s.reversalPoiTransactionId };
    default:
      return { settled: 'not-paid', transactionId, status: s.outcome };
  }
}

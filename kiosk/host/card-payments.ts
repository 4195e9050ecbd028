import { recoverPayment, type ApprovedPayment, type PaymentTerminal } from '@cup-kiosk/terminal-drivers/pos';
import type { CardPartOutcome, CardPartRow, PaymentStore } from './payment-store.ts';

/** How a card part ended, as recorded in the store. */
export type CardPartResult =
  | { kind: 'approved'; part: CardPartRow; outcome: CardPartOutcome | null }
  | {
      kind: 'not-taken';
      part: CardPartRow;
      outcome: CardPartOutcome | null;
      reason: 'declined' | 'cancelled' | 'timeout' | 'failed';
      code: string;
      message: string;
      /** It had been approved, and was given back to the card just now. */
      reversed?: boolean;
    }
  /** The POS could not be asked: the part stays recorded as unknown and is settled at the next start. */
  | { kind: 'unknown'; part: CardPartRow; code: string; message: string };

export type ReversalResult = 'reversed' | 'not-charged' | 'pending';

const codeOf = (e: unknown, fallback: string): string => (e as { code?: string }).code ?? fallback;

/**
 * Card parts of payments through the separate POS terminal (the card and PIN never reach us).
 * Each part's row is on disk before its request goes out, its id is the POS transaction id,
 * and an outcome that never came back is asked for again: a card is charged once or not at
 * all, and an approval is never left unrecorded.
 */
export class CardPayments {
  constructor(
    private readonly pos: PaymentTerminal,
    private readonly store: PaymentStore,
    /** Pause between status queries while the POS still has a part in progress, ms. Default 500. */
    private readonly pollMs = 500,
  ) {}

  /** Runs a part on the POS and records how it ended. Never rejects. */
  async run(part: CardPartRow): Promise<CardPartResult> {
    let outcome;
    try {
      outcome = await this.pos.pay({ transactionId: part.part_id, amountCents: part.amount_cents, currency: 'EUR' });
    } catch (e) {
      const code = codeOf(e, 'POS_FAILED');
      // Sent and unanswered, or a terminal that knows the id already: only its journal can tell.
      if (code === 'POS_OUTCOME_UNKNOWN' || code === 'POS_DUPLICATE_TRANSACTION') return this.settle(part, true);
      // Refused before it reached the card (busy, offline, unreachable): nothing was charged.
      return this.notTaken(part, 'failed', code, (e as Error).message);
    }
    if (outcome.outcome === 'approved') return this.approved(part, outcome);
    return this.notTaken(part, outcome.outcome, `POS_${outcome.outcome.toUpperCase()}`, outcome.reason);
  }

  /** Asks the POS to stop a part the citizen gave up; `run` then settles it. */
  async abort(part: Pick<CardPartRow, 'part_id'>): Promise<void> {
    await this.pos.abort(part.part_id).catch(() => {});
  }

  /**
   * Asks the POS how a part ended whose answer never came. `keepApproval`: an approval found is
   * recorded (the payment may complete); otherwise it is reversed (the payment is over).
   */
  async settle(part: CardPartRow, keepApproval: boolean): Promise<CardPartResult> {
    try {
      const s = await recoverPayment(this.pos, part.part_id, { keepApproval, pollMs: this.pollMs });
      if (s.settled === 'paid') return this.approved(part, s.payment);
      const reversed = s.settled === 'reversed';
      const outcome = await this.store.declineCardPart(part.part_id, reversed ? 'reversed' : 'declined');
      return { kind: 'not-taken', part, outcome, reason: 'failed', code: 'POS_NOT_TAKEN', message: 'the card payment was not taken', reversed };
    } catch (e) {
      await this.store.markCardPartUnknown(part.part_id);
      return { kind: 'unknown', part, code: codeOf(e, 'POS_UNREACHABLE'), message: (e as Error).message };
    }
  }

  /**
   * Gives an approved part back to the card. A POS that does not answer leaves the part
   * approved with its reversal pending, to be asked again at the next start.
   */
  async reverse(part: Pick<CardPartRow, 'part_id'>): Promise<ReversalResult> {
    try {
      const r = await this.pos.reverse(part.part_id);
      await this.store.markReversed(part.part_id, r.outcome === 'reversed');
      return r.outcome === 'reversed' ? 'reversed' : 'not-charged';
    } catch {
      return 'pending';
    }
  }

  private async approved(part: CardPartRow, a: ApprovedPayment): Promise<CardPartResult> {
    const approval = { authorisationCode: a.authorisationCode, maskedPan: a.maskedPan, acquirerReference: a.acquirerReference, cardholderReceipt: a.cardholderReceipt };
    // What the POS charged is what counts (a status answer names the amount itself).
    const outcome = await this.store.approveCardPart(part.part_id, approval, a.amountCents);
    return { kind: 'approved', part: { ...part, amount_cents: a.amountCents }, outcome };
  }

  private async notTaken(part: CardPartRow, reason: 'declined' | 'cancelled' | 'timeout' | 'failed', code: string, message: string): Promise<CardPartResult> {
    const outcome = await this.store.declineCardPart(part.part_id);
    return { kind: 'not-taken', part, outcome, reason, code, message };
  }
}

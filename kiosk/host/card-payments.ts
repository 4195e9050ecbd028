import { PosOutcomeUnknownError, recoverPayment, type PaymentOutcome, type PaymentTerminal } from '@cup-kiosk/terminal-drivers/pos';
import type { TerminalEvent } from '../bridge/terminal-api.ts';
import type { PaymentStore } from './payment-store.ts';

/**
 * Card payments through the separate POS terminal (the card and PIN never reach us). The open
 * payment is on disk before the request goes out, its id is the POS transaction id, and an
 * outcome that never came back is asked for again, so a card is charged once or not at all.
 */
export class CardPayments {
  constructor(
    private readonly pos: PaymentTerminal,
    private readonly store: PaymentStore,
    private readonly publish: (e: TerminalEvent) => void,
    private readonly committed: (paymentId: string) => void,
  ) {}

  /** Runs the payment on the POS; resolves when it is settled either way. Never rejects. */
  async run(paymentId: string, amountCents: number): Promise<void> {
    let outcome: PaymentOutcome | null = null;
    try {
      outcome = await this.pos.pay({ transactionId: paymentId, amountCents, currency: 'EUR' });
    } catch (e) {
      if (e instanceof PosOutcomeUnknownError || (e as { code?: string }).code === 'POS_OUTCOME_UNKNOWN') {
        await this.settleUnknown(paymentId);
        return;
      }
      // Refused before it reached the card (busy, offline, unreachable): nothing was charged.
      await this.notTaken(paymentId, 'failed', (e as { code?: string }).code ?? 'POS_FAILED', (e as Error).message);
      return;
    }
    if (outcome.outcome === 'approved') await this.approved(paymentId, outcome);
    else await this.notTaken(paymentId, outcome.outcome, `POS_${outcome.outcome.toUpperCase()}`, outcome.reason);
  }

  /** Asks the POS to stop a payment the citizen gave up; `run` then settles it. */
  async abort(paymentId: string): Promise<void> {
    await this.pos.abort(paymentId).catch(() => {});
  }

  /**
   * After a restart: each card payment left open is asked for at the POS. An approval is kept
   * and committed (the money was taken, the booking is paid); anything else is not taken.
   */
  async recover(): Promise<string[]> {
    const committed: string[] = [];
    for (const p of await this.store.openPayments('card')) {
      if (await this.settleUnknown(p.payment_id)) committed.push(p.payment_id);
    }
    return committed;
  }

  private async settleUnknown(paymentId: string): Promise<boolean> {
    try {
      const s = await recoverPayment(this.pos, paymentId, { keepApproval: true, pollMs: 500 });
      if (s.settled === 'paid') return this.approved(paymentId, s.payment);
      await this.notTaken(paymentId, 'failed', 'POS_NOT_TAKEN', 'the payment was not taken');
    } catch (e) {
      // The POS cannot be asked now: the payment stays open and is settled at the next start.
      this.publish({ type: 'pos.declined', paymentId, outcome: 'failed', code: (e as { code?: string }).code ?? 'POS_UNREACHABLE', message: (e as Error).message });
    }
    return false;
  }

  private async approved(paymentId: string, a: Extract<PaymentOutcome, { outcome: 'approved' }>): Promise<boolean> {
    const done = await this.store.commitCard(paymentId, {
      authorisationCode: a.authorisationCode,
      maskedPan: a.maskedPan,
      acquirerReference: a.acquirerReference,
      cardholderReceipt: a.cardholderReceipt,
    });
    if (!done) return false;
    this.publish({ type: 'payment.committed', paymentId, transactionId: done.transactionId, paidCents: a.amountCents, changeDueCents: 0 });
    this.committed(paymentId);
    return true;
  }

  private async notTaken(paymentId: string, outcome: 'declined' | 'cancelled' | 'timeout' | 'failed', code: string, message: string) {
    await this.store.cancel(paymentId);
    this.publish({ type: 'pos.declined', paymentId, outcome, code, message });
  }
}

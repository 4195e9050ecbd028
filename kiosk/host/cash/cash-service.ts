import { acceptancePlan, escrowDecision, type HopperLevel, type PayoutStep } from '@cup-kiosk/terminal-drivers/cash';
import type { CashDeskPort } from '../devices/cash-desk.ts';
import type { PaymentStore } from '../payment-store.ts';
import { hopperDevice } from './cash-config.ts';
import type { CashLedger } from './cash-ledger.ts';

export interface ChangeOutcome {
  paidCents: number;
  voucherCents: number;
}

/** Money owed to a citizen that the kiosk must hand over as a printed voucher. */
export interface VoucherDue {
  key: string;
  paymentId: string;
  amountCents: number;
  reason: 'change-not-given' | 'payment-not-completed';
}

/**
 * The cash side of a payment: which coins and bills the kiosk can take without owing change it
 * cannot give, the payout of change with an intent before every hopper moves and a result after,
 * and what is left owed as a voucher. Everything goes through the ledger first.
 */
export class CashService {
  private readonly paused = new Set<string>();

  constructor(
    private readonly desk: CashDeskPort,
    private readonly store: PaymentStore,
    private readonly ledger: CashLedger,
    /** Hears each hopper's part of a payout once the ledger has it (the terminal's health); default nobody. */
    private readonly onPayoutStep: (step: PayoutStep) => void = () => {},
  ) {}

  async hopperLevels(): Promise<HopperLevel[]> {
    const { hoppers } = await this.ledger.levels();
    return Object.entries(hoppers).map(([device, h]) => ({ id: Number(device.split(':')[1]), valueCents: h.valueCents, count: Math.max(0, h.count) }));
  }

  /** What cash may still be taken for: none while a card part is on the POS or cash is paused. */
  private async state(paymentId: string) {
    if (this.paused.has(paymentId)) return null;
    const s = await this.store.state(paymentId);
    if (!s || s.status !== 'open' || s.cardRunning) return null;
    const hopperStock: Record<number, number> = {};
    for (const h of await this.hopperLevels()) hopperStock[h.valueCents] = (hopperStock[h.valueCents] ?? 0) + h.count;
    return { dueCents: s.cashDueCents, creditedCents: s.creditedCents, hopperStock };
  }

  /**
   * Stops taking cash for a payment and resolves once what the devices took before has been
   * credited, so the rest computed after it is final. Bills in escrow go back meanwhile.
   */
  async pause(paymentId: string): Promise<void> {
    this.paused.add(paymentId);
    await this.desk.disable();
    await this.desk.settle();
  }

  /** Takes cash again for what is due (`refresh` false: stays off, the payment is closing). */
  async resume(paymentId: string, refresh = true): Promise<void> {
    this.paused.delete(paymentId);
    if (refresh) await this.refreshAcceptance(paymentId);
  }

  /** Sets the inhibits for what can be accepted now (nothing once the payment is closed). */
  async refreshAcceptance(paymentId: string): Promise<void> {
    const state = await this.state(paymentId);
    if (!state) return this.desk.disable();
    await this.desk.accept(acceptancePlan(state, { coinValuesCents: [...this.desk.coinValues], billValuesCents: [...this.desk.billValues] }));
  }

  /** A bill in escrow is stacked only for an open payment whose change the hoppers can give. */
  async decideEscrow(valueCents: number): Promise<'stack' | 'return'> {
    const open = await this.store.openPaymentRow();
    const state = open ? await this.state(open.payment_id) : null;
    return state ? escrowDecision(state, valueCents) : 'return';
  }

  disable(): Promise<void> {
    return this.desk.disable();
  }

  /** Pays the change of a committed payment; what cannot be paid is recorded as a voucher. */
  async payChange(paymentId: string, owedCents: number): Promise<ChangeOutcome> {
    let line = await this.ledger.countFor(paymentId, 'payout-intent');
    await this.desk.payout(owedCents, await this.hopperLevels(), {
      beforeDispense: async (l, status) => {
        line += 1;
        await this.ledger.appendNow({
          kind: 'payout-intent',
          key: `payout:${paymentId}:${line}`,
          device: hopperDevice(l.id),
          valueCents: l.valueCents,
          count: l.count,
          paymentId,
          detail: { counterBefore: status.eventCounter },
        });
      },
      afterDispense: async (step) => {
        await this.ledger.appendNow({
          kind: 'payout-result',
          key: `payout-result:${paymentId}:${line}`,
          device: hopperDevice(step.id),
          valueCents: step.valueCents,
          count: step.paid,
          paymentId,
          detail: { unpaid: step.unpaid, ...(step.error ? { error: step.error } : {}) },
        });
        this.onPayoutStep(step);
      },
    });
    return this.settleChange(paymentId, owedCents);
  }

  /**
   * Closes the change of a payment from what the ledger says was paid out: the rest is a
   * voucher. Idempotent, so recovery can call it again after a crash.
   */
  async settleChange(paymentId: string, owedCents: number): Promise<ChangeOutcome> {
    const paidCents = await this.ledger.paidOutFor(paymentId);
    const voucherCents = Math.max(0, owedCents - paidCents);
    await this.store.db.transaction(async (tx) => {
      if (voucherCents > 0) {
        await this.ledger.append(tx, { kind: 'voucher', key: `voucher:${paymentId}:change`, device: 'kiosk', valueCents: voucherCents, count: 1, paymentId, detail: { reason: 'change-not-given' } });
      }
      await this.store.recordChange(tx, paymentId, paidCents, voucherCents);
    });
    return { paidCents, voucherCents };
  }

  /**
   * After a restart: a payout step that has an intent and no result is settled from the
   * hopper's own counters; change never settled becomes a voucher; a payment left open is
   * cancelled and what was credited to it is owed back. Returns the vouchers to print.
   */
  async recover(): Promise<VoucherDue[]> {
    for (const intent of await this.ledger.unfinishedPayouts()) {
      const address = Number(intent.device.split(':')[1]);
      const before = (JSON.parse(intent.detail) as { counterBefore?: number }).counterBefore;
      let status = await this.desk.hopperStatus(address);
      for (let i = 0; i < 100 && status.remaining > 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = await this.desk.hopperStatus(address);
      }
      // The counter moved only if the hopper took the dispense command; then its last payout is ours.
      const paid = status.eventCounter !== before ? status.lastPaid : 0;
      await this.ledger.appendNow({
        kind: 'payout-result',
        key: intent.key.replace(/^payout:/, 'payout-result:'),
        device: intent.device,
        valueCents: intent.valueCents,
        count: paid,
        paymentId: intent.paymentId,
        detail: { unpaid: intent.count - paid, recovered: true },
      });
    }
    // The citizen of a payment left open has gone with the screen: what they put in is owed.
    const open = await this.store.openPaymentRow();
    if (open) await this.store.cancel(open.payment_id);
    const vouchers: VoucherDue[] = [];
    for (const p of await this.store.unsettledChange()) {
      const { voucherCents } = await this.settleChange(p.payment_id, p.change_due_cents ?? 0);
      const reason = p.status === 'cancelled' ? 'payment-not-completed' : 'change-not-given';
      if (voucherCents > 0) vouchers.push({ key: `voucher:${p.payment_id}:change`, paymentId: p.payment_id, amountCents: voucherCents, reason });
    }
    return vouchers;
  }
}

/**
 * The steps every transaction of the payment store shares: where a payment stands (its card
 * parts and cash credited), and its commit with transaction number and outbox entry. Each runs
 * inside the caller's transaction.
 */
import type { Outbox, Transaction } from '@cup-kiosk/sync-service/outbox';
import type { CashLedger } from './cash/cash-ledger.ts';
import { paymentPayload } from './payment-payload.ts';
import type { Committed, PaymentItemRow, PaymentRow, PaymentState } from './payment-schema.ts';
import { cashDueCents, type PaidInFull, type PaymentTotals } from './payment-sums.ts';

export type RunningTotals = PaymentTotals & { cardRunning: boolean };

/** Card parts approved (a reversal pending does not count), one still on the POS, and the cash credited. */
export async function paymentTotals(tx: Transaction, ledger: CashLedger, p: PaymentRow): Promise<RunningTotals> {
  const card = await tx.get<{ approved: number | null; running: number | null }>(
    `SELECT SUM(CASE WHEN status = 'approved' AND reversal_pending = 0 THEN amount_cents ELSE 0 END) AS approved,
            SUM(CASE WHEN status IN ('open', 'unknown') THEN 1 ELSE 0 END) AS running
     FROM card_parts WHERE payment_id = ?`,
    [p.payment_id],
  );
  return {
    amountDueCents: p.amount_due_cents,
    approvedCardCents: card?.approved ?? 0,
    creditedCents: await ledger.creditedTo(tx, p.payment_id),
    cardRunning: (card?.running ?? 0) > 0,
  };
}

export function paymentState(status: PaymentRow['status'], t: RunningTotals): PaymentState {
  return { status, ...t, cashDueCents: cashDueCents(t) };
}

/** Records what the hoppers paid of a payment's change (or refund), and what is owed on a voucher; once. */
export async function recordChange(tx: Transaction, paymentId: string, paidCents: number, voucherCents: number): Promise<void> {
  await tx.run(`UPDATE payments SET change_paid_cents = ?, voucher_cents = ? WHERE payment_id = ? AND change_paid_cents IS NULL`, [paidCents, voucherCents, paymentId]);
}

export interface CommitContext {
  outbox: Outbox;
  terminalId: string;
  now: () => Date;
}

/** Commits a paid payment: its status, how it was paid, its transaction number and its outbox entry. */
export async function commitPayment(tx: Transaction, ctx: CommitContext, p: PaymentRow, paid: PaidInFull, approvedCardCents: number): Promise<Committed> {
  const transactionId = `${ctx.terminalId}-${String(p.n).padStart(6, '0')}`;
  const paidAt = ctx.now().toISOString();
  await tx.run(
    `UPDATE payments SET status = 'committed', method = ?, transaction_id = ?, paid_cents = ?, change_due_cents = ?, cash_rounding_cents = ?, closed_at = ? WHERE payment_id = ?`,
    [paid.method, transactionId, paid.paidCents, paid.changeDueCents, paid.cashRoundingCents, paidAt, p.payment_id],
  );
  // Nothing to give back: the change is settled now, and the receipt need not wait for a payout.
  if (paid.changeDueCents === 0) await recordChange(tx, p.payment_id, 0, 0);
  const items = await tx.all<PaymentItemRow>(`SELECT * FROM payment_items WHERE payment_id = ? ORDER BY position`, [p.payment_id]);
  await ctx.outbox.enqueue(tx, {
    kind: 'payment',
    key: `payment:${p.payment_id}`,
    payload: paymentPayload({ payment: p, items, paid, approvedCardCents, transactionId, paidAt, terminalId: ctx.terminalId }),
  });
  return { transactionId, paidCents: paid.paidCents, changeDueCents: paid.changeDueCents };
}

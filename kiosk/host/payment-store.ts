import { CupError, roundCashTotal } from '@cup-kiosk/sync-service/domain';
import { migrate, type Database, type Outbox, type Transaction } from '@cup-kiosk/sync-service/outbox';
import type { CashLedger } from './cash/cash-ledger.ts';
import { commitPayment, paymentState, paymentTotals, recordChange, type CommitContext } from './payment-commit.ts';
import {
  itemAmountCents,
  PAYMENT_MIGRATIONS,
  type CardApproval,
  type CardPartOutcome,
  type CardPartRow,
  type Committed,
  type CreditOutcome,
  type NewPaymentItem,
  type PaymentItemRow,
  type PaymentRow,
  type PaymentState,
} from './payment-schema.ts';
import { cashDueCents, paidInFull } from './payment-sums.ts';
import type { CashCredit } from './ports.ts';

export { itemAmountCents, PAYMENT_MIGRATIONS };
export type { CardApproval, CardPartOutcome, CardPartRow, Committed, CreditOutcome, NewPaymentItem, PaymentItemRow, PaymentRow, PaymentState };

const itemBookingCode = (i: NewPaymentItem): string => (i.kind === 'booking' ? i.booking.code : i.notice.bookingCode);

/**
 * The terminal's record of payments: items, cash credits (in the cash ledger) and card parts, in
 * the same SQLite file as the outbox. Whatever completes a payment (a coin, a card approval)
 * commits it with its transaction number and outbox entry in the transaction that records it.
 */
export class PaymentStore {
  private readonly ctx: CommitContext;

  private constructor(
    readonly db: Database,
    outbox: Outbox,
    readonly ledger: CashLedger,
    terminalId: string,
    private readonly now: () => Date,
  ) {
    this.ctx = { outbox, terminalId, now };
  }

  static async open(db: Database, outbox: Outbox, ledger: CashLedger, terminalId: string, now: () => Date = () => new Date()): Promise<PaymentStore> {
    await migrate(db, PAYMENT_MIGRATIONS, { scope: 'payments' });
    return new PaymentStore(db, outbox, ledger, terminalId, now);
  }

  /**
   * Records an open payment with its items and, for a card, its first card part (status open):
   * both on disk before the POS is asked anything. Returns that card part.
   */
  async openPayment(p: {
    paymentId: string;
    items: NewPaymentItem[];
    taxCode: string;
    method: 'cash' | 'card';
    ruleVersion: string;
    cardPartCents?: number;
    /** Writes what else belongs to the payment (the counter's operator) in the same transaction. */
    onOpen?: (tx: Transaction) => Promise<void>;
  }): Promise<CardPartRow | null> {
    const amountCents = p.items.reduce((s, i) => s + itemAmountCents(i), 0);
    const first = p.items[0]!;
    const at = this.now().toISOString();
    return this.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO payments (payment_id, booking_code, tax_code, method, amount_due_cents, cash_rounding_cents, rule_version, booking_json, quote_json, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
        [
          p.paymentId,
          itemBookingCode(first),
          p.taxCode,
          p.method,
          amountCents,
          // What cash would round to now; the rounding recorded at commit is the one paid.
          p.method === 'cash' ? roundCashTotal(amountCents) - amountCents : 0,
          p.ruleVersion,
          JSON.stringify(first.kind === 'booking' ? first.booking : first.notice),
          JSON.stringify(first.kind === 'booking' ? first.quote : first.notice),
          at,
        ],
      );
      for (const [position, i] of p.items.entries()) {
        await tx.run(`INSERT INTO payment_items (payment_id, position, kind, booking_code, notice_code, amount_cents, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
          p.paymentId,
          position,
          i.kind,
          itemBookingCode(i),
          i.kind === 'notice' ? i.notice.noticeCode : null,
          itemAmountCents(i),
          JSON.stringify(i.kind === 'booking' ? { booking: i.booking, quote: i.quote } : { notice: i.notice }),
        ]);
      }
      await p.onOpen?.(tx);
      if (p.cardPartCents === undefined) return null;
      return this.insertCardPart(tx, p.paymentId, 1, p.cardPartCents);
    });
  }

  /**
   * Opens a card part for exactly what is still due (after the cash credited), on disk before
   * the POS request. Null when the payment is no longer open or nothing is left to pay.
   * Rejects CARD_PART_RUNNING while another part of the payment is on the POS.
   */
  async openRestCardPart(paymentId: string): Promise<CardPartRow | null> {
    return this.db.transaction(async (tx) => {
      const p = await tx.get<PaymentRow>(`SELECT * FROM payments WHERE payment_id = ? AND status = 'open'`, [paymentId]);
      if (!p) return null;
      const t = await paymentTotals(tx, this.ledger, p);
      if (t.cardRunning) throw new CupError('CARD_PART_RUNNING', `a card part of ${paymentId} is still on the POS`);
      const rest = t.amountDueCents - t.approvedCardCents - t.creditedCents;
      if (rest <= 0) return null;
      const n = (await tx.get<{ n: number | null }>(`SELECT MAX(n) AS n FROM card_parts WHERE payment_id = ?`, [paymentId]))?.n ?? 0;
      return this.insertCardPart(tx, paymentId, n + 1, rest);
    });
  }

  /**
   * Records an approval. For an open payment that the approval completes (with the cash
   * credited), the payment commits in the same transaction; for a payment no longer open it is
   * kept with a reversal pending. Idempotent: an approval recorded before changes nothing.
   * `amountCents` is what the POS says it charged, which counts (it is the part's amount).
   */
  async approveCardPart(partId: string, approval: CardApproval, amountCents: number): Promise<CardPartOutcome | null> {
    return this.db.transaction(async (tx) => {
      const part = await tx.get<CardPartRow>(`SELECT * FROM card_parts WHERE part_id = ?`, [partId]);
      if (!part || (part.status !== 'open' && part.status !== 'unknown')) return null;
      const p = (await tx.get<PaymentRow>(`SELECT * FROM payments WHERE payment_id = ?`, [part.payment_id]))!;
      const unwanted = p.status !== 'open';
      await tx.run(`UPDATE card_parts SET status = 'approved', amount_cents = ?, approval_json = ?, reversal_pending = ?, settled_at = ? WHERE part_id = ?`, [
        amountCents,
        JSON.stringify(approval),
        unwanted ? 1 : 0,
        this.now().toISOString(),
        partId,
      ]);
      const t = await paymentTotals(tx, this.ledger, p);
      const paid = unwanted || t.cardRunning ? null : paidInFull(t, 'card');
      const committed = paid ? await commitPayment(tx, this.ctx, p, paid, t.approvedCardCents) : null;
      return { paymentId: p.payment_id, committed, cancelled: false, unwanted, state: paymentState(committed ? 'committed' : p.status, t) };
    });
  }

  /**
   * Records a card part the POS did not take (`reversed`: approved, then given back). The
   * payment then goes on if cash was credited or another part approved (and commits if the cash
   * alone covers it now); otherwise it is over.
   */
  async declineCardPart(partId: string, status: 'declined' | 'reversed' = 'declined'): Promise<CardPartOutcome | null> {
    return this.db.transaction(async (tx) => {
      const part = await tx.get<CardPartRow>(`SELECT * FROM card_parts WHERE part_id = ?`, [partId]);
      if (!part || (part.status !== 'open' && part.status !== 'unknown')) return null;
      await tx.run(`UPDATE card_parts SET status = ?, settled_at = ? WHERE part_id = ?`, [status, this.now().toISOString(), partId]);
      const p = (await tx.get<PaymentRow>(`SELECT * FROM payments WHERE payment_id = ?`, [part.payment_id]))!;
      const t = await paymentTotals(tx, this.ledger, p);
      if (p.status !== 'open' || t.cardRunning) return { paymentId: p.payment_id, committed: null, cancelled: false, unwanted: false, state: paymentState(p.status, t) };
      const paid = t.creditedCents > 0 ? paidInFull(t, 'cash') : null;
      if (paid) {
        const committed = await commitPayment(tx, this.ctx, p, paid, t.approvedCardCents);
        return { paymentId: p.payment_id, committed, cancelled: false, unwanted: false, state: paymentState('committed', t) };
      }
      if (t.creditedCents > 0 || t.approvedCardCents > 0) return { paymentId: p.payment_id, committed: null, cancelled: false, unwanted: false, state: paymentState('open', t) };
      await tx.run(`UPDATE payments SET status = 'cancelled', closed_at = ?, change_due_cents = 0 WHERE payment_id = ?`, [this.now().toISOString(), p.payment_id]);
      return { paymentId: p.payment_id, committed: null, cancelled: true, unwanted: false, state: paymentState('cancelled', t) };
    });
  }

  /** The POS could not be asked about a part that went out: it stays to be settled later. */
  async markCardPartUnknown(partId: string): Promise<void> {
    await this.db.run(`UPDATE card_parts SET status = 'unknown' WHERE part_id = ? AND status = 'open'`, [partId]);
  }

  /** The POS gave an approval back (or says it never charged it): the part no longer counts. */
  async markReversed(partId: string, charged: boolean): Promise<void> {
    await this.db.run(`UPDATE card_parts SET status = ?, reversal_pending = 0, settled_at = ? WHERE part_id = ? AND status = 'approved'`, [
      charged ? 'reversed' : 'declined',
      this.now().toISOString(),
      partId,
    ]);
  }

  /**
   * Commits an open payment that its approved card parts and credited cash cover (an approval
   * found after a restart). Null when they do not, or a part is still unsettled.
   */
  async commitIfCovered(paymentId: string): Promise<Committed | null> {
    return this.db.transaction(async (tx) => {
      const p = await tx.get<PaymentRow>(`SELECT * FROM payments WHERE payment_id = ? AND status = 'open'`, [paymentId]);
      if (!p) return null;
      const t = await paymentTotals(tx, this.ledger, p);
      const paid = t.cardRunning ? null : paidInFull(t, 'card');
      return paid ? commitPayment(tx, this.ctx, p, paid, t.approvedCardCents) : null;
    });
  }

  async openPaymentRow(): Promise<PaymentRow | undefined> {
    return this.db.get<PaymentRow>(`SELECT * FROM payments WHERE status = 'open'`);
  }

  async payment(paymentId: string): Promise<PaymentRow | undefined> {
    return this.db.get<PaymentRow>(`SELECT * FROM payments WHERE payment_id = ?`, [paymentId]);
  }

  async byTransaction(transactionId: string): Promise<PaymentRow | undefined> {
    return this.db.get<PaymentRow>(`SELECT * FROM payments WHERE transaction_id = ?`, [transactionId]);
  }

  async items(paymentId: string): Promise<PaymentItemRow[]> {
    return this.db.all<PaymentItemRow>(`SELECT * FROM payment_items WHERE payment_id = ? ORDER BY position`, [paymentId]);
  }

  async cardParts(paymentId: string): Promise<CardPartRow[]> {
    return this.db.all<CardPartRow>(`SELECT * FROM card_parts WHERE payment_id = ? ORDER BY n`, [paymentId]);
  }

  /** Card parts sent to the POS whose outcome is not recorded, with their payment's status. */
  async unsettledCardParts(): Promise<(CardPartRow & { payment_status: PaymentRow['status'] })[]> {
    return this.db.all(
      `SELECT c.*, p.status AS payment_status FROM card_parts c JOIN payments p ON p.payment_id = c.payment_id WHERE c.status IN ('open', 'unknown') ORDER BY p.n, c.n`,
    );
  }

  /** Approvals waiting for the POS to confirm their reversal. */
  async pendingReversals(): Promise<CardPartRow[]> {
    return this.db.all<CardPartRow>(`SELECT * FROM card_parts WHERE reversal_pending = 1 ORDER BY created_at`);
  }

  /** Open payments that have card parts (a cash-only one is the cash recovery's). */
  async openPaymentsWithCard(): Promise<PaymentRow[]> {
    return this.db.all<PaymentRow>(`SELECT * FROM payments p WHERE status = 'open' AND EXISTS (SELECT 1 FROM card_parts c WHERE c.payment_id = p.payment_id) ORDER BY n`);
  }

  /** Where a payment stands now; undefined for no such payment. */
  async state(paymentId: string): Promise<PaymentState | undefined> {
    return this.db.transaction(async (tx) => {
      const p = await tx.get<PaymentRow>(`SELECT * FROM payments WHERE payment_id = ?`, [paymentId]);
      return p ? paymentState(p.status, await paymentTotals(tx, this.ledger, p)) : undefined;
    }, 'DEFERRED');
  }

  /**
   * Records a coin against the open payment, and when the cash reaches what is due commits the
   * payment and its outbox entry, all in one transaction. A credit key seen before changes
   * nothing. While a card part is on the POS the coin is only credited: the card decides.
   */
  async recordCredit(credit: CashCredit): Promise<CreditOutcome> {
    return this.db.transaction(async (tx) => {
      const open = await tx.get<PaymentRow>(`SELECT * FROM payments WHERE status = 'open'`);
      const fresh = await this.ledger.append(tx, {
        kind: 'credit',
        key: credit.key,
        device: credit.device,
        valueCents: credit.valueCents,
        count: 1,
        paymentId: open?.payment_id ?? null,
        detail: { eventCounter: credit.eventCounter },
      });
      if (!open) {
        // Money that came in with no payment to take it is the citizen's: a voucher at once.
        if (fresh) await this.ledger.append(tx, { kind: 'voucher', key: `voucher:${credit.key}`, device: 'kiosk', valueCents: credit.valueCents, count: 1, detail: { reason: 'no-payment-open' } });
        return { fresh, paymentId: null, creditedCents: 0, amountDueCents: 0, committed: null };
      }
      const t = await paymentTotals(tx, this.ledger, open);
      const paid = fresh && !t.cardRunning ? paidInFull(t, 'cash') : null;
      const committed = paid ? await commitPayment(tx, this.ctx, open, paid, t.approvedCardCents) : null;
      return { fresh, paymentId: open.payment_id, creditedCents: t.creditedCents, amountDueCents: cashDueCents(t), committed };
    });
  }

  /**
   * Closes an open payment without taking it. Returns what was credited (owed back) and the
   * approved card parts, now recorded with a reversal pending.
   */
  async cancel(paymentId: string): Promise<{ creditedCents: number; cancelled: boolean; reversals: CardPartRow[] }> {
    return this.db.transaction(async (tx) => {
      const creditedCents = await this.ledger.creditedTo(tx, paymentId);
      // What was credited is owed back: the refund is settled like change.
      const r = await tx.run(`UPDATE payments SET status = 'cancelled', closed_at = ?, change_due_cents = ? WHERE payment_id = ? AND status = 'open'`, [
        this.now().toISOString(),
        creditedCents,
        paymentId,
      ]);
      if (r.changes !== 1) return { creditedCents, cancelled: false, reversals: [] };
      await tx.run(`UPDATE card_parts SET reversal_pending = 1 WHERE payment_id = ? AND status = 'approved'`, [paymentId]);
      const reversals = await tx.all<CardPartRow>(`SELECT * FROM card_parts WHERE payment_id = ? AND reversal_pending = 1 ORDER BY n`, [paymentId]);
      return { creditedCents, cancelled: true, reversals };
    });
  }

  /** Where a device left off: its current epoch and the last event counter recorded in it. */
  async resumePoint(device: string): Promise<{ epoch: number; counter: number | undefined }> {
    const epoch = (await this.db.get<{ epoch: number }>(`SELECT epoch FROM device_epochs WHERE device = ?`, [device]))?.epoch ?? 0;
    return { epoch, counter: await this.ledger.lastCounter(device, epoch) };
  }

  /** Records that the device was reset (its counter starts again) and returns the new epoch. */
  async newEpoch(device: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.run(`INSERT INTO device_epochs (device, epoch) VALUES (?, 1) ON CONFLICT (device) DO UPDATE SET epoch = epoch + 1`, [device]);
      return (await tx.get<{ epoch: number }>(`SELECT epoch FROM device_epochs WHERE device = ?`, [device]))!.epoch;
    });
  }

  /** True when this terminal already took the money for the booking (synced or not), itself or through its notice. */
  async isPaidHere(bookingCode: string): Promise<boolean> {
    const row = await this.db.get(`SELECT 1 FROM payment_items i JOIN payments p ON p.payment_id = i.payment_id WHERE i.booking_code = ? AND p.status = 'committed'`, [bookingCode]);
    return row !== undefined;
  }

  /** True when this terminal already took the money for the notice (synced or not). */
  async isNoticePaidHere(noticeCode: string): Promise<boolean> {
    const row = await this.db.get(`SELECT 1 FROM payment_items i JOIN payments p ON p.payment_id = i.payment_id WHERE i.notice_code = ? AND p.status = 'committed'`, [noticeCode]);
    return row !== undefined;
  }

  async creditedTo(paymentId: string): Promise<number> {
    return this.db.transaction((tx) => this.ledger.creditedTo(tx, paymentId));
  }

  recordChange(tx: Transaction, paymentId: string, paidCents: number, voucherCents: number): Promise<void> {
    return recordChange(tx, paymentId, paidCents, voucherCents);
  }

  /** Closed payments that owe change or a refund not yet settled (paid out or vouchered). */
  async unsettledChange(): Promise<PaymentRow[]> {
    return this.db.all<PaymentRow>(`SELECT * FROM payments WHERE status IN ('committed', 'cancelled') AND change_due_cents > 0 AND change_paid_cents IS NULL ORDER BY n`);
  }

  async markPrinted(transactionId: string): Promise<void> {
    await this.db.run(`UPDATE payments SET printed_at = ? WHERE transaction_id = ?`, [this.now().toISOString(), transactionId]);
  }

  private async insertCardPart(tx: Transaction, paymentId: string, n: number, amountCents: number): Promise<CardPartRow> {
    const row: CardPartRow = {
      // The POS transaction id: ours, unique, and what the POS is asked about after a crash.
      part_id: `${paymentId}:${n}`,
      payment_id: paymentId,
      n,
      amount_cents: amountCents,
      status: 'open',
      approval_json: null,
      reversal_pending: 0,
      created_at: this.now().toISOString(),
      settled_at: null,
    };
    await tx.run(`INSERT INTO card_parts (part_id, payment_id, n, amount_cents, status, created_at) VALUES (?, ?, ?, ?, 'open', ?)`, [row.part_id, paymentId, n, amountCents, row.created_at]);
    return row;
  }
}

import type { Database, Migration, Outbox, Transaction } from '@cup-kiosk/sync-service/outbox';
import { migrate } from '@cup-kiosk/sync-service/outbox';
import type { PayableBooking } from '../bridge/terminal-api.ts';
import type { Booking } from '@cup-kiosk/sync-service/domain';
import type { CashLedger } from './cash/cash-ledger.ts';
import type { CashCredit } from './ports.ts';

/**
 * The terminal's record of payments, in the same SQLite file as the cash ledger and the outbox,
 * so a payment, the coins credited to it and its outbox entry commit in one transaction.
 */
export const PAYMENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'payments and cash credits',
    up: `
      CREATE TABLE payments (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        payment_id TEXT NOT NULL UNIQUE,
        booking_code TEXT NOT NULL,
        tax_code TEXT NOT NULL,
        method TEXT NOT NULL,
        amount_due_cents INTEGER NOT NULL CHECK (amount_due_cents > 0),
        -- The legal rounding of a cash total to 5 cents: the citizen pays amount + rounding.
        cash_rounding_cents INTEGER NOT NULL DEFAULT 0,
        rule_version TEXT NOT NULL,
        booking_json TEXT NOT NULL,
        quote_json TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'committed', 'cancelled')),
        transaction_id TEXT UNIQUE,
        paid_cents INTEGER,
        change_due_cents INTEGER,
        -- What the hoppers paid of the change (or of the refund of a cancelled payment), and
        -- what was left owed on a voucher; null until the payout was settled.
        change_paid_cents INTEGER,
        voucher_cents INTEGER,
        -- A card payment's approval as the POS gave it (authorisation, masked PAN, receipt lines).
        card_json TEXT,
        created_at TEXT NOT NULL,
        closed_at TEXT,
        printed_at TEXT
      );
      -- At most one payment takes money at a time on a terminal.
      CREATE UNIQUE INDEX one_open_payment ON payments (status) WHERE status = 'open';
      -- A device's event counter restarts at power-up; the epoch tells the runs apart.
      CREATE TABLE device_epochs (
        device TEXT PRIMARY KEY,
        epoch INTEGER NOT NULL
      );
    `,
  },
];

export interface PaymentRow {
  n: number;
  payment_id: string;
  booking_code: string;
  tax_code: string;
  method: string;
  amount_due_cents: number;
  cash_rounding_cents: number;
  rule_version: string;
  booking_json: string;
  quote_json: string;
  status: 'open' | 'committed' | 'cancelled';
  transaction_id: string | null;
  paid_cents: number | null;
  change_due_cents: number | null;
  change_paid_cents: number | null;
  voucher_cents: number | null;
  card_json: string | null;
  created_at: string;
  closed_at: string | null;
}

export interface CreditOutcome {
  /** False when this credit key was recorded before: a replayed device event. */
  fresh: boolean;
  paymentId: string | null;
  creditedCents: number;
  amountDueCents: number;
  committed: { transactionId: string; paidCents: number; changeDueCents: number } | null;
}

export class PaymentStore {
  private constructor(
    readonly db: Database,
    private readonly outbox: Outbox,
    readonly ledger: CashLedger,
    private readonly terminalId: string,
    private readonly now: () => Date,
  ) {}

  static async open(db: Database, outbox: Outbox, ledger: CashLedger, terminalId: string, now: () => Date = () => new Date()): Promise<PaymentStore> {
    await migrate(db, PAYMENT_MIGRATIONS, { scope: 'payments' });
    return new PaymentStore(db, outbox, ledger, terminalId, now);
  }

  /** Open payments by method, oldest first (at most one is open at a time, by the index). */
  async openPayments(method: string): Promise<PaymentRow[]> {
    return this.db.all<PaymentRow>(`SELECT * FROM payments WHERE status = 'open' AND method = ? ORDER BY n`, [method]);
  }

  /** Commits a card payment the POS approved, with its outbox entry, in one transaction. */
  async commitCard(paymentId: string, card: { authorisationCode: string; maskedPan: string; acquirerReference: string; cardholderReceipt: string[] }): Promise<{ transactionId: string } | null> {
    return this.db.transaction(async (tx) => {
      const p = await tx.get<PaymentRow>(`SELECT * FROM payments WHERE payment_id = ? AND status = 'open' AND method = 'card'`, [paymentId]);
      if (!p) return null;
      await tx.run(`UPDATE payments SET card_json = ? WHERE payment_id = ?`, [JSON.stringify(card), paymentId]);
      const { transactionId } = await this.commit(tx, p, p.amount_due_cents);
      await this.recordChange(tx, paymentId, 0, 0);
      return { transactionId };
    });
  }

  async openPayment(p: { paymentId: string; booking: Booking; quote: PayableBooking; taxCode: string; method: string }): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO payments (payment_id, booking_code, tax_code, method, amount_due_cents, cash_rounding_cents, rule_version, booking_json, quote_json, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
        [
          p.paymentId,
          p.booking.code,
          p.taxCode,
          p.method,
          p.quote.amountDueCents,
          // Only a payment made entirely in cash is rounded to 5 cents.
          p.method === 'cash' ? p.quote.cashDueCents - p.quote.amountDueCents : 0,
          p.quote.ruleVersion,
          JSON.stringify(p.booking),
          JSON.stringify(p.quote),
          this.now().toISOString(),
        ],
      );
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

  /**
   * Records a coin against the open payment, and when the amount is reached commits the payment
   * and its outbox entry, all in one transaction. A credit key seen before changes nothing.
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
      const creditedCents = await this.ledger.creditedTo(tx, open.payment_id);
      const dueCents = open.amount_due_cents + open.cash_rounding_cents;
      let committed: CreditOutcome['committed'] = null;
      if (fresh && creditedCents >= dueCents) {
        committed = await this.commit(tx, open, creditedCents);
      }
      return { fresh, paymentId: open.payment_id, creditedCents, amountDueCents: dueCents, committed };
    });
  }

  /** Closes an open payment without taking it; returns what was credited (owed back). */
  async cancel(paymentId: string): Promise<{ creditedCents: number; cancelled: boolean }> {
    return this.db.transaction(async (tx) => {
      const creditedCents = await this.ledger.creditedTo(tx, paymentId);
      // What was credited is owed back: the refund is settled like change.
      const r = await tx.run(`UPDATE payments SET status = 'cancelled', closed_at = ?, change_due_cents = ? WHERE payment_id = ? AND status = 'open'`, [
        this.now().toISOString(),
        creditedCents,
        paymentId,
      ]);
      return { creditedCents, cancelled: r.changes === 1 };
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

  /** True when this terminal already took the money for the booking (synced or not). */
  async isPaidHere(bookingCode: string): Promise<boolean> {
    return (await this.db.get(`SELECT 1 FROM payments WHERE booking_code = ? AND status = 'committed'`, [bookingCode])) !== undefined;
  }

  async creditedTo(paymentId: string): Promise<number> {
    return this.db.transaction((tx) => this.ledger.creditedTo(tx, paymentId));
  }

  async recordChange(tx: Transaction, paymentId: string, paidCents: number, voucherCents: number): Promise<void> {
    await tx.run(`UPDATE payments SET change_paid_cents = ?, voucher_cents = ? WHERE payment_id = ? AND change_paid_cents IS NULL`, [paidCents, voucherCents, paymentId]);
  }

  /** Closed payments that owe change or a refund not yet settled (paid out or vouchered). */
  async unsettledChange(): Promise<PaymentRow[]> {
    return this.db.all<PaymentRow>(`SELECT * FROM payments WHERE status IN ('committed', 'cancelled') AND change_due_cents > 0 AND change_paid_cents IS NULL ORDER BY n`);
  }

  async markPrinted(transactionId: string): Promise<void> {
    await this.db.run(`UPDATE payments SET printed_at = ? WHERE transaction_id = ?`, [this.now().toISOString(), transactionId]);
  }

  private async commit(tx: Transaction, p: PaymentRow, paidCents: number) {
    const transactionId = `${this.terminalId}-${String(p.n).padStart(6, '0')}`;
    const changeDueCents = paidCents - p.amount_due_cents - p.cash_rounding_cents;
    const paidAt = this.now().toISOString();
    await tx.run(
      `UPDATE payments SET status = 'committed', transaction_id = ?, paid_cents = ?, change_due_cents = ?, closed_at = ? WHERE payment_id = ?`,
      [transactionId, paidCents, changeDueCents, paidAt, p.payment_id],
    );
    await this.outbox.enqueue(tx, {
      kind: 'payment',
      key: `payment:${p.payment_id}`,
      payload: {
        paymentId: p.payment_id,
        transactionId,
        bookingCode: p.booking_code,
        taxCode: p.tax_code,
        amountCents: p.amount_due_cents,
        paidCents,
        changeCents: changeDueCents,
        cashRoundingCents: p.cash_rounding_cents,
        method: p.method,
        ruleVersion: p.rule_version,
        paidAt,
        terminalId: this.terminalId,
      },
    });
    return { transactionId, paidCents, changeDueCents };
  }
}

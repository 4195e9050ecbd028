import type { Database, Migration, Transaction } from '@cup-kiosk/sync-service/outbox';
import { migrate } from '@cup-kiosk/sync-service/outbox';
import type { PinLock } from '../service/service-pin.ts';

export const COUNTER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'counter operators, their payments and daily closes',
    up: `
      -- Local accounts of this terminal: the PIN only as its scrypt hash, the lockout on disk.
      CREATE TABLE counter_operators (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        pin_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        disabled_at TEXT,
        failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
        locked_until TEXT
      );
      -- Who took each payment at the counter, and the cash they counted (null for a card).
      CREATE TABLE counter_payments (
        payment_id TEXT PRIMARY KEY REFERENCES payments (payment_id),
        operator TEXT NOT NULL REFERENCES counter_operators (code),
        opened_at TEXT NOT NULL,
        tendered_cents INTEGER CHECK (tendered_cents >= 0),
        change_cents INTEGER CHECK (change_cents >= 0)
      );
      CREATE INDEX counter_payments_operator ON counter_payments (operator, opened_at);
      -- One close per operator and day: a second is answered with the first.
      CREATE TABLE counter_closes (
        operator TEXT NOT NULL REFERENCES counter_operators (code),
        day TEXT NOT NULL,
        close_id TEXT NOT NULL UNIQUE,
        closed_at TEXT NOT NULL,
        totals_json TEXT NOT NULL,
        PRIMARY KEY (operator, day)
      );
    `,
  },
];

export interface OperatorRecord {
  code: string;
  name: string;
  pinHash: string;
  createdAt: string;
  disabledAt: string | null;
  lock: PinLock;
}

interface OperatorRow {
  code: string;
  name: string;
  pin_hash: string;
  created_at: string;
  disabled_at: string | null;
  failures: number;
  locked_until: string | null;
}

/** A committed counter payment, as the close sums it. */
export interface CounterPaymentRow {
  payment_id: string;
  amount_due_cents: number;
  paid_cents: number;
  change_due_cents: number;
  cash_rounding_cents: number;
  closed_at: string;
  card_cents: number;
}

export interface CounterItemRow {
  payment_id: string;
  kind: 'booking' | 'notice';
  amount_cents: number;
  detail_json: string;
}

export interface CloseRecord {
  closeId: string;
  closedAt: string;
  totalsJson: string;
}

const operatorRecord = (r: OperatorRow): OperatorRecord => ({
  code: r.code,
  name: r.name,
  pinHash: r.pin_hash,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
  lock: { failures: r.failures, lockedUntil: r.locked_until },
});

/** The counter's own tables in the terminal's SQLite (after the payment tables it refers to). */
export class CounterStore {
  private constructor(
    readonly db: Database,
    private readonly now: () => Date,
  ) {}

  static async open(db: Database, now: () => Date = () => new Date()): Promise<CounterStore> {
    await migrate(db, COUNTER_MIGRATIONS, { scope: 'counter' });
    return new CounterStore(db, now);
  }

  async operator(code: string): Promise<OperatorRecord | null> {
    const r = await this.db.get<OperatorRow>(`SELECT * FROM counter_operators WHERE code = ?`, [code]);
    return r ? operatorRecord(r) : null;
  }

  async operators(): Promise<OperatorRecord[]> {
    return (await this.db.all<OperatorRow>(`SELECT * FROM counter_operators ORDER BY code`)).map(operatorRecord);
  }

  /** Adds an operator; false when the code is taken (nothing changes then). */
  async addOperator(o: { code: string; name: string; pinHash: string }): Promise<boolean> {
    const r = await this.db.run(`INSERT INTO counter_operators (code, name, pin_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`, [
      o.code,
      o.name,
      o.pinHash,
      this.now().toISOString(),
    ]);
    return r.changes === 1;
  }

  /** Disables an operator (kept, for the payments they took); false when unknown or disabled already. */
  async disableOperator(code: string): Promise<boolean> {
    const r = await this.db.run(`UPDATE counter_operators SET disabled_at = ? WHERE code = ? AND disabled_at IS NULL`, [this.now().toISOString(), code]);
    return r.changes === 1;
  }

  async saveLock(code: string, lock: PinLock, tx?: Transaction): Promise<void> {
    await (tx ?? this.db).run(`UPDATE counter_operators SET failures = ?, locked_until = ? WHERE code = ?`, [lock.failures, lock.lockedUntil, code]);
  }

  /** Inside the transaction that opens the payment: who takes it. */
  async recordPaymentOperator(tx: Transaction, paymentId: string, operator: string): Promise<void> {
    await tx.run(`INSERT INTO counter_payments (payment_id, operator, opened_at) VALUES (?, ?, ?)`, [paymentId, operator, this.now().toISOString()]);
  }

  async paymentOperator(tx: Transaction, paymentId: string): Promise<string | null> {
    return (await tx.get<{ operator: string }>(`SELECT operator FROM counter_payments WHERE payment_id = ?`, [paymentId]))?.operator ?? null;
  }

  async recordCash(tx: Transaction, paymentId: string, tenderedCents: number, changeCents: number): Promise<void> {
    await tx.run(`UPDATE counter_payments SET tendered_cents = ?, change_cents = ? WHERE payment_id = ?`, [tenderedCents, changeCents, paymentId]);
  }

  /** The operator's committed payments whose commit falls in [from, to), with their approved card parts. */
  /** The operator's payments committed after `since` (ISO 8601, exclusive; '' for all), with their items. */
  async committed(operator: string, since: string): Promise<{ payments: CounterPaymentRow[]; items: CounterItemRow[] }> {
    const payments = await this.db.all<CounterPaymentRow>(
      `SELECT p.payment_id, p.amount_due_cents, p.paid_cents, p.change_due_cents, p.cash_rounding_cents, p.closed_at,
              COALESCE((SELECT SUM(c.amount_cents) FROM card_parts c WHERE c.payment_id = p.payment_id AND c.status = 'approved' AND c.reversal_pending = 0), 0) AS card_cents
       FROM counter_payments o JOIN payments p ON p.payment_id = o.payment_id
       WHERE o.operator = ? AND p.status = 'committed' AND p.closed_at > ?
       ORDER BY p.closed_at`,
      [operator, since],
    );
    const items = await this.db.all<CounterItemRow>(
      `SELECT i.payment_id, i.kind, i.amount_cents, i.detail_json
       FROM counter_payments o JOIN payments p ON p.payment_id = o.payment_id JOIN payment_items i ON i.payment_id = p.payment_id
       WHERE o.operator = ? AND p.status = 'committed' AND p.closed_at > ?
       ORDER BY i.payment_id, i.position`,
      [operator, since],
    );
    return { payments, items };
  }

  /** When the operator last closed (ISO 8601), or null before their first close. */
  async lastCloseAt(operator: string): Promise<string | null> {
    const r = await this.db.get<{ at: string | null }>(`SELECT MAX(closed_at) AS at FROM counter_closes WHERE operator = ?`, [operator]);
    return r?.at ?? null;
  }

  async close(operator: string, day: string): Promise<CloseRecord | null> {
    const r = await this.db.get<{ close_id: string; closed_at: string; totals_json: string }>(`SELECT close_id, closed_at, totals_json FROM counter_closes WHERE operator = ? AND day = ?`, [operator, day]);
    return r ? { closeId: r.close_id, closedAt: r.closed_at, totalsJson: r.totals_json } : null;
  }

  /** Records a close inside the caller's transaction (with its outbox entry); false when the day was closed already. */
  async recordClose(tx: Transaction, operator: string, day: string, close: CloseRecord): Promise<boolean> {
    const r = await tx.run(`INSERT INTO counter_closes (operator, day, close_id, closed_at, totals_json) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, [
      operator,
      day,
      close.closeId,
      close.closedAt,
      close.totalsJson,
    ]);
    return r.changes === 1;
  }
}

import type { Database, Migration, Outbox, Transaction } from '@cup-kiosk/sync-service/outbox';
import { migrate } from '@cup-kiosk/sync-service/outbox';
import { GENESIS, levelsFrom, rowHash, verifyChain, type CashLevels, type ChainCheck, type LedgerKind, type LedgerRow } from './ledger-chain.ts';

export const CASH_LEDGER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cash ledger',
    up: `
      CREATE TABLE cash_ledger (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('credit', 'payout-intent', 'payout-result', 'voucher', 'cashbox-empty', 'hopper-refill')),
        key TEXT NOT NULL UNIQUE,
        device TEXT NOT NULL,
        value_cents INTEGER NOT NULL CHECK (value_cents >= 0),
        count INTEGER NOT NULL CHECK (count >= 0),
        amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
        payment_id TEXT,
        detail TEXT NOT NULL,
        at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX cash_ledger_payment ON cash_ledger (payment_id) WHERE payment_id IS NOT NULL;
      CREATE INDEX cash_ledger_device ON cash_ledger (device, seq);
    `,
  },
];

/** What a caller appends; seq, time and hashes are the ledger's business. */
export interface LedgerEntry {
  kind: LedgerKind;
  /** Unique for the fact it records (a device event, a payout step): a replay appends nothing. */
  key: string;
  device: string;
  valueCents: number;
  count: number;
  paymentId?: string | null;
  detail?: Record<string, unknown>;
}

/** A ledger row as SQLite stores it. */
export interface StoredLedgerRow {
  seq: number;
  kind: LedgerKind;
  key: string;
  device: string;
  value_cents: number;
  count: number;
  amount_cents: number;
  payment_id: string | null;
  detail: string;
  at: string;
  prev_hash: string;
  hash: string;
}

/** The stored row in the shape the chain is computed on. */
export const toLedgerRow = (r: StoredLedgerRow): LedgerRow => ({
  seq: r.seq,
  kind: r.kind,
  key: r.key,
  device: r.device,
  valueCents: r.value_cents,
  count: r.count,
  amountCents: r.amount_cents,
  paymentId: r.payment_id,
  detail: r.detail,
  at: r.at,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * The terminal's cash ledger: append-only, hash-chained, in the terminal's SQLite. A row is
 * written inside the caller's transaction, with its outbox entry, so the money, the payment
 * and the sync commit together. Levels (cash box, hoppers) are derived from the rows alone.
 */
export class CashLedger {
  private constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    private readonly now: () => Date,
  ) {}

  static async open(db: Database, outbox: Outbox, now: () => Date = () => new Date()): Promise<CashLedger> {
    await migrate(db, CASH_LEDGER_MIGRATIONS, { scope: 'cash-ledger' });
    return new CashLedger(db, outbox, now);
  }

  /** Appends inside `tx`; returns false, changing nothing, when the key is already there. */
  async append(tx: Transaction, e: LedgerEntry): Promise<boolean> {
    if (await tx.get(`SELECT 1 FROM cash_ledger WHERE key = ?`, [e.key])) return false;
    const last = await tx.get<{ seq: number; hash: string }>(`SELECT seq, hash FROM cash_ledger ORDER BY seq DESC LIMIT 1`);
    const base = {
      seq: (last?.seq ?? 0) + 1,
      kind: e.kind,
      key: e.key,
      device: e.device,
      valueCents: e.valueCents,
      count: e.count,
      amountCents: e.valueCents * e.count,
      paymentId: e.paymentId ?? null,
      detail: JSON.stringify(e.detail ?? {}),
      at: this.now().toISOString(),
    };
    const prevHash = last?.hash ?? GENESIS;
    const hash = rowHash(prevHash, base);
    await tx.run(
      `INSERT INTO cash_ledger (seq, kind, key, device, value_cents, count, amount_cents, payment_id, detail, at, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [base.seq, base.kind, base.key, base.device, base.valueCents, base.count, base.amountCents, base.paymentId, base.detail, base.at, prevHash, hash],
    );
    await this.outbox.enqueue(tx, { kind: 'cash-ledger', key: `cash:${e.key}`, payload: { ...base, prevHash, hash } });
    return true;
  }

  /** Appends one entry in its own transaction (technician counts, payout steps). */
  appendNow(e: LedgerEntry): Promise<boolean> {
    return this.db.transaction((tx) => this.append(tx, e));
  }

  async rows(): Promise<LedgerRow[]> {
    return (await this.db.all<StoredLedgerRow>(`SELECT * FROM cash_ledger ORDER BY seq`)).map(toLedgerRow);
  }

  /** The last `limit` rows, newest first (the technician's event log). */
  latestRows(limit: number): Promise<StoredLedgerRow[]> {
    return this.db.all<StoredLedgerRow>(`SELECT * FROM cash_ledger ORDER BY seq DESC LIMIT ?`, [limit]);
  }

  async verify(): Promise<ChainCheck> {
    return verifyChain(await this.rows());
  }

  async levels(): Promise<CashLevels> {
    return levelsFrom(await this.rows());
  }

  /** Levels as of inside `tx`: what a count written in the same transaction starts from. */
  async levelsIn(tx: Transaction): Promise<CashLevels> {
    return levelsFrom((await tx.all<StoredLedgerRow>(`SELECT * FROM cash_ledger ORDER BY seq`)).map(toLedgerRow));
  }

  /** Money credited to a payment so far. */
  async creditedTo(tx: Transaction, paymentId: string): Promise<number> {
    const r = await tx.get<{ total: number | null }>(`SELECT SUM(amount_cents) AS total FROM cash_ledger WHERE kind = 'credit' AND payment_id = ?`, [paymentId]);
    return r?.total ?? 0;
  }

  async countFor(paymentId: string, kind: LedgerKind): Promise<number> {
    return (await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM cash_ledger WHERE payment_id = ? AND kind = ?`, [paymentId, kind]))?.n ?? 0;
  }

  /** Change and refunds the hoppers reported paid for a payment. */
  async paidOutFor(paymentId: string): Promise<number> {
    const r = await this.db.get<{ total: number | null }>(`SELECT SUM(amount_cents) AS total FROM cash_ledger WHERE kind = 'payout-result' AND payment_id = ?`, [paymentId]);
    return r?.total ?? 0;
  }

  /** Payout steps written as an intent whose result never came (the host stopped in between). */
  async unfinishedPayouts(): Promise<LedgerRow[]> {
    const rows = await this.db.all<StoredLedgerRow>(
      `SELECT i.* FROM cash_ledger i WHERE i.kind = 'payout-intent'
         AND NOT EXISTS (SELECT 1 FROM cash_ledger r WHERE r.key = 'payout-result:' || substr(i.key, 8)) ORDER BY i.seq`,
    );
    return rows.map(toLedgerRow);
  }

  /** The last event counter recorded for a device in an epoch (credit keys carry both). */
  async lastCounter(device: string, epoch: number): Promise<number | undefined> {
    const r = await this.db.get<{ detail: string }>(
      `SELECT detail FROM cash_ledger WHERE kind = 'credit' AND device = ? AND key LIKE ? ORDER BY seq DESC LIMIT 1`,
      [device, `${device}:${epoch}:%`],
    );
    return r ? (JSON.parse(r.detail) as { eventCounter?: number }).eventCounter : undefined;
  }
}

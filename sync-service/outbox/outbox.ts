import { CupError } from '../domain/errors.ts';
import { migrate, type Migration } from './migrate.ts';
import type { Database, Transaction } from './sqlite.ts';

/** What a terminal syncs. Payments first; the rest follow as their producers land. */
export type OutboxKind = 'payment' | 'booking' | 'cash-ledger' | 'income-band' | 'waiting-list' | 'refund-request' | 'counter-close' | 'booking-cancel' | 'booking-move' | 'campaign-booking' | 'invitation-declined';

export interface OutboxEntry {
  kind: OutboxKind;
  /** Idempotency key made on the terminal (a UUID or a device-derived id); unique. */
  key: string;
  /** A JSON object of at most MAX_PAYLOAD_BYTES; its schema depends on `kind`. */
  payload: Record<string, unknown>;
}

export type OutboxStatus = 'pending' | 'acked' | 'conflict';

export interface OutboxItem {
  /** Per-terminal sequence number, given at enqueue in commit order, never reused. */
  seq: number;
  key: string;
  kind: OutboxKind;
  payload: Record<string, unknown>;
  /** ISO 8601 instant of the enqueue. */
  createdAt: string;
  status: OutboxStatus;
  ackedAt: string | null;
  conflictReason: string | null;
}

export interface OutboxOptions {
  /** Clock for `createdAt`; default `() => new Date()`. */
  now?: () => Date;
}

export const OUTBOX_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'outbox',
    // AUTOINCREMENT so a seq is never handed out twice, even after acked rows are pruned:
    // the central refuses a reused (terminal, seq).
    up: `
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'acked', 'conflict')),
        acked_at TEXT,
        conflict_reason TEXT
      );
      CREATE INDEX outbox_pending ON outbox (seq) WHERE status = 'pending';
      CREATE INDEX outbox_acked_at ON outbox (acked_at);
    `,
  },
  {
    version: 2,
    name: 'acked-at index without pending rows',
    // Every pending row sat in the acked_at index under NULL, one more page written (and
    // fsync'd) by every enqueue; only answered rows are ever looked up by acked_at.
    up: `
      DROP INDEX outbox_acked_at;
      CREATE INDEX outbox_acked_at ON outbox (acked_at) WHERE acked_at IS NOT NULL;
    `,
  },
];

const MAX_KEY_LENGTH = 128;
const PRUNE_BATCH = 1_000;
/** How long a terminal keeps the items the central stored: a quarter's history for a technician. */
export const OUTBOX_RETENTION_DAYS = 90;
const ACK_CHUNK = 500;
/**
 * Largest payload accepted. An item the central would refuse as too large could never be
 * sent, and would hold back every item after it, so it is refused here, at the source.
 */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

interface Row {
  seq: number;
  key: string;
  kind: OutboxKind;
  payload: string;
  created_at: string;
  status: OutboxStatus;
  acked_at: string | null;
  conflict_reason: string | null;
}

/**
 * The terminal's queue of committed transactions waiting for the central. A caller enqueues
 * inside its own transaction, so the payment, its cash rows and the outbox entry commit
 * together or not at all.
 */
export class Outbox {
  private readonly now: () => Date;

  private constructor(
    readonly db: Database,
    options: OutboxOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Migrates the outbox tables of `db` (scope 'outbox') and returns the outbox. */
  static async open(db: Database, options: OutboxOptions = {}): Promise<Outbox> {
    await migrate(db, OUTBOX_MIGRATIONS, { scope: 'outbox', now: options.now });
    return new Outbox(db, options);
  }

  /**
   * Adds an entry inside the caller's transaction. Enqueuing a key again with the same kind and
   * payload returns the existing item (a replayed device event adds nothing twice); with a
   * different kind or payload it throws OUTBOX_KEY_REUSED.
   */
  async enqueue(tx: Transaction, entry: OutboxEntry): Promise<OutboxItem> {
    if (typeof entry.key !== 'string' || entry.key.length === 0 || entry.key.length > MAX_KEY_LENGTH) {
      throw new CupError('OUTBOX_KEY_INVALID', `idempotency key must be 1..${MAX_KEY_LENGTH} characters`);
    }
    // The wire carries payloads as JSON objects; anything else would be refused by the central.
    if (typeof entry.payload !== 'object' || entry.payload === null || Array.isArray(entry.payload)) {
      throw new CupError('OUTBOX_PAYLOAD_INVALID', 'payload must be a JSON object');
    }
    const payload = JSON.stringify(entry.payload);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      throw new CupError('OUTBOX_PAYLOAD_INVALID', `payload is larger than ${MAX_PAYLOAD_BYTES} bytes`, { bytes: Buffer.byteLength(payload) });
    }
    const createdAt = this.now().toISOString();
    // Insert first and look only when the key exists: one statement on the common path.
    const { changes, lastID } = await tx.run('INSERT INTO outbox (key, kind, payload, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING', [entry.key, entry.kind, payload, createdAt]);
    if (changes === 0) {
      const existing = (await tx.get<Row>('SELECT * FROM outbox WHERE key = ?', [entry.key]))!;
      if (existing.kind !== entry.kind || existing.payload !== payload) {
        throw new CupError('OUTBOX_KEY_REUSED', `key ${entry.key} was enqueued with another ${existing.kind === entry.kind ? 'payload' : 'kind'}`, { key: entry.key, seq: existing.seq });
      }
      return toItem(existing);
    }
    return { seq: lastID, key: entry.key, kind: entry.kind, payload: JSON.parse(payload) as Record<string, unknown>, createdAt, status: 'pending', ackedAt: null, conflictReason: null };
  }

  /** Up to `limit` pending items, oldest first: the order the central must see them in. */
  async pending(limit = 100): Promise<OutboxItem[]> {
    const rows = await this.db.all<Row>("SELECT * FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT ?", [Math.max(0, Math.floor(limit))]);
    return rows.map(toItem);
  }

  /** Marks items the central stored (or had already stored). Unknown or settled keys are left alone. */
  async markAcked(keys: readonly string[], ackedAt: Date = this.now()): Promise<number> {
    if (keys.length === 0) return 0;
    const at = ackedAt.toISOString();
    return this.db.transaction(async (tx) => {
      let changed = 0;
      // One statement per chunk: SQLite allows 32,766 parameters, a batch is at most 500 keys.
      for (let i = 0; i < keys.length; i += ACK_CHUNK) {
        const chunk = keys.slice(i, i + ACK_CHUNK);
        const r = await tx.run(`UPDATE outbox SET status = 'acked', acked_at = ? WHERE status = 'pending' AND key IN (${chunk.map(() => '?').join(',')})`, [at, ...chunk]);
        changed += r.changes;
      }
      return changed;
    });
  }

  /**
   * Records that the central answered a key with a conflict. The item is settled (not resent:
   * the central keeps the same answer for that key) and listed by `conflicts()` for the citizen
   * and the desk.
   */
  async markConflict(key: string, reason: string, at: Date = this.now()): Promise<boolean> {
    const r = await this.db.run("UPDATE outbox SET status = 'conflict', acked_at = ?, conflict_reason = ? WHERE key = ? AND status = 'pending'", [at.toISOString(), reason, key]);
    return r.changes > 0;
  }

  /** Items the central answered with a conflict, oldest first. */
  async conflicts(limit = 100): Promise<OutboxItem[]> {
    const rows = await this.db.all<Row>("SELECT * FROM outbox WHERE status = 'conflict' ORDER BY seq LIMIT ?", [limit]);
    return rows.map(toItem);
  }

  /** Number of items the central answered with a conflict. */
  async conflictCount(): Promise<number> {
    const row = await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE status = 'conflict'");
    return row?.n ?? 0;
  }

  async get(key: string): Promise<OutboxItem | undefined> {
    const row = await this.db.get<Row>('SELECT * FROM outbox WHERE key = ?', [key]);
    return row ? toItem(row) : undefined;
  }

  /** Number of items not yet answered by the central. */
  async backlog(): Promise<number> {
    const row = await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'");
    return row?.n ?? 0;
  }

  /** When the central last answered an item (stored, duplicate or conflict); null if never. */
  async lastAckAt(): Promise<string | null> {
    const row = await this.db.get<{ at: string | null }>('SELECT MAX(acked_at) AS at FROM outbox WHERE acked_at IS NOT NULL');
    return row?.at ?? null;
  }

  /**
   * Deletes items the central stored (acked) before `before`; pending items and conflicts stay.
   * The central keeps every item, and the terminal's own records (payments, cash, bookings) are
   * in their own tables: acked items are only the queue's past. A batch at a time, so an enqueue
   * never waits behind one long delete. AUTOINCREMENT keeps their seqs from being handed out again.
   */
  async prune(before: Date, batch = PRUNE_BATCH): Promise<number> {
    let deleted = 0;
    for (;;) {
      const r = await this.db.run(
        "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE acked_at < ? AND status = 'acked' LIMIT ?)",
        [before.toISOString(), batch],
      );
      deleted += r.changes;
      if (r.changes < batch) return deleted;
    }
  }

  /** Creation time of the oldest pending item (sync lag = now - this); null when drained. */
  async oldestPendingAt(): Promise<string | null> {
    const row = await this.db.get<{ at: string | null }>("SELECT created_at AS at FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT 1");
    return row?.at ?? null;
  }
}

function toItem(row: Row): OutboxItem {
  return {
    seq: row.seq,
    key: row.key,
    kind: row.kind,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    createdAt: row.created_at,
    status: row.status,
    ackedAt: row.acked_at,
    conflictReason: row.conflict_reason,
  };
}

import { migrate, type Migration } from '../outbox/migrate.ts';
import { openDatabase, type Database, type Transaction } from '../outbox/sqlite.ts';
import type { Booking, BookingStatus } from '../domain/types.ts';
import type { PaymentPayload, StoredTransaction } from '../protocol/index.ts';
import type { CentralStore, CentralTx, ListOptions, TerminalRecord, TransactionRecord } from './store.ts';

export const CENTRAL_SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'bookings, transactions, payments',
    up: `
      CREATE TABLE bookings (
        code TEXT PRIMARY KEY,
        tax_code TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('booked', 'paid', 'cancelled')),
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX bookings_tax_code ON bookings (tax_code);
      -- One row per idempotency key, whatever its outcome; (terminal, seq) is the terminal's order.
      CREATE TABLE transactions (
        key TEXT PRIMARY KEY,
        terminal_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        digest TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('stored', 'conflict')),
        reason TEXT,
        created_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        UNIQUE (terminal_id, seq)
      );
      CREATE TABLE payments (
        payment_id TEXT PRIMARY KEY,
        transaction_key TEXT NOT NULL UNIQUE REFERENCES transactions (key),
        booking_code TEXT NOT NULL REFERENCES bookings (code),
        terminal_id TEXT NOT NULL,
        transaction_id TEXT NOT NULL,
        tax_code TEXT NOT NULL,
        amount_cents INTEGER NOT NULL,
        paid_cents INTEGER NOT NULL,
        change_cents INTEGER NOT NULL,
        method TEXT NOT NULL,
        rule_version TEXT NOT NULL,
        paid_at TEXT NOT NULL
      );
      CREATE INDEX payments_booking ON payments (booking_code);
      CREATE INDEX payments_terminal_day ON payments (terminal_id, paid_at);
    `,
  },
  {
    version: 2,
    name: 'terminals, enrolment codes, nonces',
    up: `
      CREATE TABLE terminals (
        terminal_id TEXT PRIMARY KEY,
        public_key TEXT NOT NULL,
        enrolled_at TEXT NOT NULL,
        revoked_at TEXT
      );
      -- Only the hash of a code is kept: a copy of the database enrols no one.
      CREATE TABLE enrolment_codes (
        code_hash TEXT PRIMARY KEY,
        terminal_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE TABLE nonces (
        terminal_id TEXT NOT NULL,
        nonce TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        PRIMARY KEY (terminal_id, nonce)
      );
      CREATE INDEX nonces_expires_at ON nonces (expires_at);
    `,
  },
];

/** Prune expired nonces once every this many remembered ones: cheap, and the table stays small. */
const NONCE_PRUNE_EVERY = 256;

interface TransactionRow {
  key: string;
  terminal_id: string;
  seq: number;
  kind: string;
  payload: string;
  digest: string;
  status: 'stored' | 'conflict';
  reason: string | null;
  created_at: string;
  received_at: string;
}

/** The embedded central store: one SQLite file, WAL, one connection (writes are serialised). */
export class SqliteCentralStore implements CentralStore {
  private noncesSincePrune = 0;

  private constructor(readonly db: Database) {}

  static async open(file: string): Promise<SqliteCentralStore> {
    const db = await openDatabase(file);
    try {
      await migrate(db, CENTRAL_SQLITE_MIGRATIONS, { scope: 'central' });
    } catch (e) {
      await db.close();
      throw e;
    }
    return new SqliteCentralStore(db);
  }

  transaction<T>(fn: (tx: CentralTx) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new SqliteCentralTx(tx)));
  }

  async getBooking(code: string): Promise<Booking | undefined> {
    return readBooking(this.db, code);
  }

  addBookings(bookings: readonly Booking[]): Promise<number> {
    const at = new Date().toISOString();
    return this.db.transaction(async (tx) => {
      let added = 0;
      for (const b of bookings) {
        const r = await tx.run('INSERT INTO bookings (code, tax_code, status, data, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING', [b.code, b.taxCode, b.status, JSON.stringify(b), at]);
        added += r.changes;
      }
      return added;
    });
  }

  async listTransactions(terminalId: string, options: ListOptions = {}): Promise<StoredTransaction[]> {
    const rows = await this.db.all<TransactionRow>('SELECT * FROM transactions WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?', [terminalId, options.afterSeq ?? 0, options.limit ?? 1000]);
    return rows.map((r) => {
      const { digest: _digest, ...wire } = toRecord(r);
      return wire;
    });
  }

  async putEnrolmentCode(terminalId: string, codeHash: string, createdAt: string, expiresAt: string): Promise<void> {
    await this.db.run('INSERT INTO enrolment_codes (code_hash, terminal_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [codeHash, terminalId, createdAt, expiresAt]);
  }

  enrolTerminal(terminalId: string, codeHash: string, publicKey: string, at: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const spent = await tx.run('UPDATE enrolment_codes SET used_at = ? WHERE code_hash = ? AND terminal_id = ? AND used_at IS NULL AND expires_at > ?', [at, codeHash, terminalId, at]);
      if (spent.changes !== 1) return false;
      await tx.run(
        `INSERT INTO terminals (terminal_id, public_key, enrolled_at, revoked_at) VALUES (?, ?, ?, NULL)
         ON CONFLICT (terminal_id) DO UPDATE SET public_key = excluded.public_key, enrolled_at = excluded.enrolled_at, revoked_at = NULL`,
        [terminalId, publicKey, at],
      );
      return true;
    });
  }

  async getTerminal(terminalId: string): Promise<TerminalRecord | undefined> {
    const row = await this.db.get<{ terminal_id: string; public_key: string; enrolled_at: string; revoked_at: string | null }>('SELECT * FROM terminals WHERE terminal_id = ?', [terminalId]);
    return row && { terminalId: row.terminal_id, publicKey: row.public_key, enrolledAt: row.enrolled_at, revokedAt: row.revoked_at };
  }

  async revokeTerminal(terminalId: string, at: string): Promise<boolean> {
    const r = await this.db.run('UPDATE terminals SET revoked_at = ? WHERE terminal_id = ? AND revoked_at IS NULL', [at, terminalId]);
    return r.changes === 1;
  }

  async rememberNonce(terminalId: string, nonce: string, expiresAt: string, now: string): Promise<boolean> {
    if (++this.noncesSincePrune >= NONCE_PRUNE_EVERY) {
      this.noncesSincePrune = 0;
      await this.db.run('DELETE FROM nonces WHERE expires_at < ?', [now]);
    }
    const r = await this.db.run('INSERT INTO nonces (terminal_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [terminalId, nonce, expiresAt]);
    return r.changes === 1;
  }

  async ping(): Promise<boolean> {
    return (await this.db.get<{ ok: number }>('SELECT 1 AS ok'))?.ok === 1;
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

class SqliteCentralTx implements CentralTx {
  constructor(private readonly tx: Transaction) {}

  async findTransactions(keys: readonly string[]): Promise<Map<string, TransactionRecord>> {
    const found = new Map<string, TransactionRecord>();
    for (const chunk of chunks(keys)) {
      const rows = await this.tx.all<TransactionRow>(`SELECT * FROM transactions WHERE key IN (${marks(chunk)})`, chunk);
      for (const row of rows) found.set(row.key, toRecord(row));
    }
    return found;
  }

  async usedSeqs(terminalId: string, seqs: readonly number[]): Promise<Set<number>> {
    const used = new Set<number>();
    for (const chunk of chunks(seqs)) {
      const rows = await this.tx.all<{ seq: number }>(`SELECT seq FROM transactions WHERE terminal_id = ? AND seq IN (${marks(chunk)})`, [terminalId, ...chunk]);
      for (const row of rows) used.add(row.seq);
    }
    return used;
  }

  async insertTransaction(r: TransactionRecord): Promise<void> {
    await this.tx.run(
      'INSERT INTO transactions (key, terminal_id, seq, kind, payload, digest, status, reason, created_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [r.key, r.terminalId, r.seq, r.kind, JSON.stringify(r.payload), r.digest, r.status, r.reason ?? null, r.createdAt, r.receivedAt],
    );
  }

  getBooking(code: string): Promise<Booking | undefined> {
    return readBooking(this.tx, code);
  }

  async setBookingStatus(code: string, status: BookingStatus, at: string): Promise<void> {
    await this.tx.run('UPDATE bookings SET status = ?, updated_at = ? WHERE code = ?', [status, at, code]);
  }

  async findPayment(paymentId: string): Promise<{ paymentId: string; transactionKey: string } | undefined> {
    const row = await this.tx.get<{ payment_id: string; transaction_key: string }>('SELECT payment_id, transaction_key FROM payments WHERE payment_id = ?', [paymentId]);
    return row && { paymentId: row.payment_id, transactionKey: row.transaction_key };
  }

  async insertPayment(p: PaymentPayload, transactionKey: string): Promise<void> {
    await this.tx.run(
      `INSERT INTO payments (payment_id, transaction_key, booking_code, terminal_id, transaction_id, tax_code,
        amount_cents, paid_cents, change_cents, method, rule_version, paid_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [p.paymentId, transactionKey, p.bookingCode, p.terminalId, p.transactionId, p.taxCode, p.amountCents, p.paidCents, p.changeCents, p.method, p.ruleVersion, p.paidAt],
    );
  }
}

async function readBooking(q: Pick<Transaction, 'get'>, code: string): Promise<Booking | undefined> {
  const row = await q.get<{ data: string; status: BookingStatus }>('SELECT data, status FROM bookings WHERE code = ?', [code]);
  // The status column is the truth; the JSON keeps the booking as it was issued.
  return row && { ...(JSON.parse(row.data) as Booking), status: row.status };
}

// Well under SQLite's parameter limit (32,766) whatever the batch size.
const CHUNK = 500;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

const marks = (values: readonly unknown[]) => values.map(() => '?').join(',');

function toRecord(r: TransactionRow): TransactionRecord {
  return {
    terminalId: r.terminal_id,
    seq: r.seq,
    key: r.key,
    kind: r.kind,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    status: r.status,
    ...(r.reason === null ? {} : { reason: r.reason }),
    createdAt: r.created_at,
    receivedAt: r.received_at,
    digest: r.digest,
  };
}

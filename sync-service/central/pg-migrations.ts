import type { PoolClient } from 'pg';
import { CupError } from '../domain/errors.ts';
import { AGENDA_PG_MIGRATION } from './agenda-migrations.ts';
import { MONEY_PG_MIGRATION } from './money-migrations.ts';
import { BOOKING_CHANGE_PG_MIGRATION } from './booking-change-migrations.ts';

/** One numbered step of the central's PostgreSQL schema. */
export interface PgMigration {
  version: number;
  name: string;
  up: string;
}

/**
 * The central's PostgreSQL schema: the SQLite one (sqlite-migrations.ts) table for table, so the
 * two stores answer alike. Times stay ISO 8601 text as on SQLite: the wire's own spelling, and
 * UTC text sorts in time order. Unique constraints are what keep two centrals from storing one
 * key twice: an insert that meets a row another central took meanwhile fails, and ingest runs
 * the batch again. Since migrations 7 and 8 the payments carry no foreign keys and three fewer indexes.
 */
export const CENTRAL_PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'bookings, transactions, payments, terminals, enrolment codes, nonces, rule sets, income bands',
    up: `
      CREATE TABLE bookings (
        code TEXT PRIMARY KEY,
        tax_code TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('booked', 'paid', 'cancelled')),
        data JSONB NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX bookings_tax_code ON bookings (tax_code);
      -- One row per idempotency key, whatever its outcome; (terminal, seq) is the terminal's order.
      CREATE TABLE transactions (
        key TEXT PRIMARY KEY,
        terminal_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        kind TEXT NOT NULL,
        payload JSONB NOT NULL,
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
      -- Numbers come from a sequence, never reused; publication holds a lock so they commit in order.
      CREATE TABLE rule_sets (
        snapshot BIGSERIAL PRIMARY KEY,
        version TEXT NOT NULL UNIQUE,
        effective_from TEXT NOT NULL,
        document TEXT NOT NULL,
        digest TEXT NOT NULL,
        published_at TEXT NOT NULL
      );
      -- arrival orders two declarations of one instant, as rowid does on SQLite.
      CREATE TABLE income_bands (
        declaration_id TEXT PRIMARY KEY,
        arrival BIGSERIAL NOT NULL,
        transaction_key TEXT NOT NULL UNIQUE REFERENCES transactions (key),
        tax_code TEXT NOT NULL,
        band INTEGER NOT NULL CHECK (band BETWEEN 1 AND 4),
        declared_on TEXT NOT NULL,
        declared_at TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        statement TEXT NOT NULL
      );
      CREATE INDEX income_bands_in_force ON income_bands (tax_code, declared_on, declared_at);
    `,
  },
  {
    version: 2,
    name: 'pagoPA notices, payment items, card part',
    up: `
      -- One notice per booking at most (UNIQUE), whichever central issues it.
      CREATE TABLE notices (
        notice_code TEXT PRIMARY KEY,
        iuv TEXT NOT NULL UNIQUE,
        creditor_fiscal_code TEXT NOT NULL,
        creditor_name TEXT NOT NULL,
        booking_code TEXT NOT NULL UNIQUE REFERENCES bookings (code),
        tax_code TEXT NOT NULL,
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        subject TEXT NOT NULL,
        due_date TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('payable', 'paid', 'cancelled')),
        paid_at TEXT,
        paid_by TEXT REFERENCES transactions (key),
        lock_terminal_id TEXT,
        lock_payment_id TEXT,
        locked_until TEXT
      );
      CREATE INDEX notices_debtor ON notices (tax_code, status);
      -- IUV bases: a sequence is never rolled back, so a number is never handed out twice.
      CREATE SEQUENCE notice_iuv_base MINVALUE 1 MAXVALUE 9999999999999;
      ALTER TABLE payments ADD COLUMN card_cents INTEGER NOT NULL DEFAULT 0;
      -- What each payment paid. Written only by ingest, with its payment, in one transaction:
      -- no foreign keys to check on the hot path of every batch.
      CREATE TABLE payment_items (
        payment_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        booking_code TEXT NOT NULL,
        amount_cents INTEGER NOT NULL,
        notice_code TEXT,
        PRIMARY KEY (payment_id, position)
      );
      -- Payments kept before items existed paid their one booking.
      INSERT INTO payment_items (payment_id, position, booking_code, amount_cents, notice_code)
        SELECT payment_id, 0, booking_code, amount_cents, NULL FROM payments;
    `,
  },
  {
    version: 3,
    name: 'terminal heartbeats',
    up: `
      -- The latest heartbeat of each terminal: what the health list reads.
      CREATE TABLE heartbeats (
        terminal_id TEXT PRIMARY KEY,
        received_at TEXT NOT NULL,
        body JSONB NOT NULL
      );
      -- History for charts: one row per terminal per UTC minute, kept a week, pruned by minute.
      CREATE TABLE heartbeat_minutes (
        terminal_id TEXT NOT NULL,
        minute TEXT NOT NULL,
        received_at TEXT NOT NULL,
        body JSONB NOT NULL,
        PRIMARY KEY (terminal_id, minute)
      );
      CREATE INDEX heartbeat_minutes_minute ON heartbeat_minutes (minute);
    `,
  },
  AGENDA_PG_MIGRATION,
  MONEY_PG_MIGRATION,
  BOOKING_CHANGE_PG_MIGRATION,
  {
    version: 7,
    name: 'lighter payment writes',
    up: `
      -- Never read: a booking's payments are found through payment_items, days summed by hour.
      DROP INDEX IF EXISTS payments_booking;
      DROP INDEX IF EXISTS payments_terminal_day;
      -- As for payment_items: ingest writes a payment with its transaction row, in the
      -- transaction holding its booking's row lock, and neither row is ever deleted; the keys
      -- cost a lookup and a row lock per payment on the hot path of every batch.
      ALTER TABLE payments DROP CONSTRAINT IF EXISTS payments_transaction_key_fkey;
      ALTER TABLE payments DROP CONSTRAINT IF EXISTS payments_booking_code_fkey;
      -- Room on each page for a booking's next version when it is paid or cancelled: the update
      -- then stays on its page and touches no index (HOT). Pages written from now on.
      ALTER TABLE bookings SET (fillfactor = 85);
    `,
  },
  {
    version: 8,
    name: 'one index less per payment',
    up: `
      -- A payment is written only with its transaction row, whose key is the transactions'
      -- primary key, and payment_id is the payments' own: a second payment for one key cannot
      -- be stored either way. Nothing looks payments up by transaction key; the index cost a
      -- B-tree insert (and 6% of ingest's WAL) per payment.
      ALTER TABLE payments DROP CONSTRAINT IF EXISTS payments_transaction_key_key;
    `,
  },
];

/** Any constant will do: it names the lock two centrals starting at once take to migrate. */
const MIGRATION_LOCK = 0x63_75_70_6b; // 'cupk'

/**
 * Brings the database to the latest version, each step committed with its version row. Two
 * centrals starting on one database take turns (an advisory lock), so neither sees half a
 * schema; a database newer than the code is refused.
 */
export async function migratePg(client: PoolClient, migrations: readonly PgMigration[] = CENTRAL_PG_MIGRATIONS, scope = 'central'): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
      scope TEXT NOT NULL,
      version INTEGER NOT NULL,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL,
      PRIMARY KEY (scope, version)
    )`);
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version WHERE scope = $1', [scope]);
    const current = rows[0]?.v ?? 0;
    if (current > migrations.length) {
      throw new CupError('DB_SCHEMA_TOO_NEW', `database has ${scope} schema ${current}, this code knows ${migrations.length}`, { scope, current, latest: migrations.length });
    }
    for (const m of migrations.slice(current)) {
      await client.query('BEGIN');
      try {
        await client.query(m.up);
        await client.query('INSERT INTO schema_version (scope, version, name, applied_at) VALUES ($1, $2, $3, $4)', [scope, m.version, m.name, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    }
    return migrations.length;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

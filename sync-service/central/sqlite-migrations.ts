import type { Migration } from '../outbox/migrate.ts';
import { backfillIncomeBands } from './sqlite-income-bands.ts';
import { AGENDA_SQLITE_MIGRATION } from './agenda-migrations.ts';
import { MONEY_SQLITE_MIGRATION } from './money-migrations.ts';
import { BOOKING_CHANGE_SQLITE_MIGRATION } from './booking-change-migrations.ts';

/** The central's SQLite schema, one numbered step per change (scope 'central'). */
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
  {
    version: 3,
    name: 'rule sets',
    // AUTOINCREMENT: a snapshot number is never handed out twice, so a terminal's "since" holds.
    up: `
      CREATE TABLE rule_sets (
        snapshot INTEGER PRIMARY KEY AUTOINCREMENT,
        version TEXT NOT NULL UNIQUE,
        effective_from TEXT NOT NULL,
        document TEXT NOT NULL,
        digest TEXT NOT NULL,
        published_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'income bands',
    // One row per declaration; the index serves "latest declared on or before a date".
    up: async (tx) => {
      await tx.exec(`
        CREATE TABLE income_bands (
          declaration_id TEXT PRIMARY KEY,
          transaction_key TEXT NOT NULL UNIQUE REFERENCES transactions (key),
          tax_code TEXT NOT NULL,
          band INTEGER NOT NULL CHECK (band BETWEEN 1 AND 4),
          declared_on TEXT NOT NULL,
          declared_at TEXT NOT NULL,
          terminal_id TEXT NOT NULL,
          statement TEXT NOT NULL
        );
        CREATE INDEX income_bands_in_force ON income_bands (tax_code, declared_on, declared_at);
      `);
      await backfillIncomeBands(tx);
    },
  },
  {
    version: 5,
    name: 'pagoPA notices, payment items, card part',
    up: `
      -- One notice per booking at most (UNIQUE), whoever issues it.
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
      -- The IUV base sequence: the last number handed out.
      CREATE TABLE notice_numbers (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL);
      INSERT INTO notice_numbers (id, last) VALUES (1, 0);
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
    version: 6,
    name: 'terminal heartbeats',
    up: `
      -- The latest heartbeat of each terminal: what the health list reads.
      CREATE TABLE heartbeats (
        terminal_id TEXT PRIMARY KEY,
        received_at TEXT NOT NULL,
        body TEXT NOT NULL
      );
      -- History for charts: one row per terminal per UTC minute, kept a week, pruned by minute.
      CREATE TABLE heartbeat_minutes (
        terminal_id TEXT NOT NULL,
        minute TEXT NOT NULL,
        received_at TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (terminal_id, minute)
      );
      CREATE INDEX heartbeat_minutes_minute ON heartbeat_minutes (minute);
    `,
  },
  AGENDA_SQLITE_MIGRATION,
  MONEY_SQLITE_MIGRATION,
  BOOKING_CHANGE_SQLITE_MIGRATION,
];

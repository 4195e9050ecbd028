import type { Migration } from '../outbox/migrate.ts';
import type { PgMigration } from './pg-migrations.ts';

/**
 * The schema step of cancelling and moving bookings, on both stores: one cancellation per
 * booking (in time or late), and the refund requests of paid bookings cancelled in time. A move
 * needs no table of its own: it rewrites the booking and its slots, and its item stays in
 * `transactions`.
 */

const NAME = 'booking cancellations and refund requests';

const TABLES = `
  CREATE TABLE booking_cancellations (
    booking_code TEXT PRIMARY KEY REFERENCES bookings (code),
    transaction_key TEXT NOT NULL UNIQUE REFERENCES transactions (key),
    terminal_id TEXT NOT NULL,
    cancelled_at TEXT NOT NULL,
    timing TEXT NOT NULL CHECK (timing IN ('in-time', 'late')),
    received_at TEXT NOT NULL
  );
  -- At most one refund per booking; amount and payment are null when the central kept no payment of it.
  CREATE TABLE refund_requests (
    refund_id TEXT PRIMARY KEY,
    booking_code TEXT NOT NULL UNIQUE REFERENCES bookings (code),
    tax_code TEXT NOT NULL,
    amount_cents INTEGER,
    payment_id TEXT,
    terminal_id TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    transaction_key TEXT NOT NULL UNIQUE REFERENCES transactions (key)
  );
  CREATE INDEX refund_requests_received ON refund_requests (received_at);
  -- What paid a booking, for its refund: one more index entry per payment item.
  CREATE INDEX payment_items_booking ON payment_items (booking_code);
`;

export const BOOKING_CHANGE_SQLITE_MIGRATION: Migration = { version: 9, name: NAME, up: TABLES };
export const BOOKING_CHANGE_PG_MIGRATION: PgMigration = { version: 6, name: NAME, up: TABLES };

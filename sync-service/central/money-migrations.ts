import type { Migration } from '../outbox/migrate.ts';
import type { PgMigration } from './pg-migrations.ts';
import { romeHourOf } from './reconciliation.ts';

/**
 * The schema step of money reconciliation and dashboard staff accounts, on both stores: the
 * Rome hour of each payment (a payment's own `paidAt` may carry any offset, so text order is not
 * time order), the indexes the reconciliation reads by, and the staff accounts and sessions.
 */

const STAFF_TABLES = `
  CREATE TABLE staff_accounts (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('staff', 'admin')),
    created_at TEXT NOT NULL,
    disabled_at TEXT,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
  );
  -- Only the sha256 of a session id: a copy of the database opens no session.
  CREATE TABLE staff_sessions (
    id_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES staff_accounts (username) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX staff_sessions_expires_at ON staff_sessions (expires_at);
`;

const NAME = 'payment hours, reconciliation indexes, staff accounts and sessions';

export const MONEY_SQLITE_MIGRATION: Migration = {
  version: 8,
  name: NAME,
  up: async (tx) => {
    await tx.exec(`
      ALTER TABLE payments ADD COLUMN paid_hour TEXT;
      CREATE INDEX payments_paid_hour ON payments (paid_hour);
      -- The appointment day, as noticeCandidates and the reconciliation spell it.
      CREATE INDEX bookings_appointment_day ON bookings (substr(json_extract(data, '$.startsAt'), 1, 10));
      CREATE INDEX transactions_conflicts ON transactions (received_at) WHERE status = 'conflict';
      ${STAFF_TABLES}
    `);
    // SQLite knows no time zones: the Rome hour of the payments kept so far is computed here.
    const rows = await tx.all<{ payment_id: string; paid_at: string }>('SELECT payment_id, paid_at FROM payments');
    for (const r of rows) {
      // A time that does not parse stays without an hour: counted on no day rather than on a wrong one.
      if (Number.isNaN(Date.parse(r.paid_at))) continue;
      await tx.run('UPDATE payments SET paid_hour = ? WHERE payment_id = ?', [romeHourOf(r.paid_at), r.payment_id]);
    }
  },
};

export const MONEY_PG_MIGRATION: PgMigration = {
  version: 5,
  name: NAME,
  up: `
    ALTER TABLE payments ADD COLUMN paid_hour TEXT;
    UPDATE payments SET paid_hour = to_char((paid_at::timestamptz) AT TIME ZONE 'Europe/Rome', 'YYYY-MM-DD"T"HH24');
    -- The day's money of every terminal read from the index alone.
    CREATE INDEX payments_paid_hour ON payments (paid_hour) INCLUDE (terminal_id, payment_id, paid_cents, change_cents, card_cents, amount_cents, method);
    -- On the JSON, not the status: paying a booking leaves it untouched (a HOT update).
    CREATE INDEX bookings_appointment_day ON bookings ((left(data->>'startsAt', 10)));
    CREATE INDEX transactions_conflicts ON transactions (received_at) WHERE status = 'conflict';
    ${STAFF_TABLES}
  `,
};

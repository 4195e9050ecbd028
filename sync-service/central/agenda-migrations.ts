import type { Migration } from '../outbox/migrate.ts';
import type { PgMigration } from './pg-migrations.ts';

/**
 * The schema step of booking at the central, on both stores: prescriptions, agenda slots with
 * their holds and bookings, the waiting list, and the numbers of the booking codes issued at
 * hold time (a counter row on SQLite, a sequence on PostgreSQL).
 */

const NAME = 'prescriptions, agenda slots and holds, waiting list';

const tables = (json: 'TEXT' | 'JSONB') => `
      -- Prescriptions from the national system; booked once a booking of them is ingested.
      CREATE TABLE prescriptions (
        nre TEXT PRIMARY KEY,
        tax_code TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        data ${json} NOT NULL,
        booking_code TEXT,
        booked_at TEXT
      );
      CREATE INDEX prescriptions_citizen ON prescriptions (tax_code, issued_on);
      -- One row per agenda slot; its latest hold stays until replaced, booking_code once booked.
      CREATE TABLE slots (
        slot_id TEXT PRIMARY KEY,
        service_code TEXT NOT NULL,
        starts_utc TEXT NOT NULL,
        provider_id TEXT NOT NULL,
        data ${json} NOT NULL,
        hold_id TEXT UNIQUE,
        held_by TEXT,
        held_nre TEXT,
        held_until TEXT,
        hold_code TEXT,
        booking_code TEXT UNIQUE
      );
      CREATE INDEX slots_search ON slots (service_code, starts_utc, provider_id);
      -- One request per prescription: a later one replaces it.
      CREATE TABLE waiting_list (
        nre TEXT PRIMARY KEY,
        request_id TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        tax_code TEXT NOT NULL,
        service_code TEXT NOT NULL,
        priority TEXT NOT NULL,
        phone TEXT NOT NULL,
        deadline TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('waiting', 'booked')),
        transaction_key TEXT NOT NULL REFERENCES transactions (key)
      );
      CREATE INDEX waiting_list_status ON waiting_list (status, requested_at);
`;

export const AGENDA_SQLITE_MIGRATION: Migration = {
  version: 7,
  name: NAME,
  up: `${tables('TEXT')}
      -- Booking codes issued at hold time: the last number handed out.
      CREATE TABLE booking_numbers (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL);
      INSERT INTO booking_numbers (id, last) VALUES (1, 0);
  `,
};

export const AGENDA_PG_MIGRATION: PgMigration = {
  version: 4,
  name: NAME,
  up: `${tables('JSONB')}
      -- Booking codes issued at hold time: a sequence is never rolled back, so never reused.
      CREATE SEQUENCE booking_number MINVALUE 1 MAXVALUE 999999999;
  `,
};

import type { Migration } from '../outbox/migrate.ts';
import type { PgMigration } from './pg-migrations.ts';

/**
 * The campaign tables, in their own migration scope ('campaigns') on both stores: campaigns and
 * the invitations they sent, each with what became of it (booked under a code, or declined) and
 * the sync item that said so.
 */
const tables = (json: 'TEXT' | 'JSONB') => `
      CREATE TABLE campaigns (
        code TEXT PRIMARY KEY,
        data ${json} NOT NULL
      );
      CREATE TABLE invitations (
        invitation_id TEXT PRIMARY KEY,
        campaign_code TEXT NOT NULL REFERENCES campaigns (code),
        tax_code TEXT NOT NULL,
        invited_on TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'booked', 'declined')),
        booking_code TEXT,
        changed_at TEXT,
        transaction_key TEXT
      );
      CREATE INDEX invitations_citizen ON invitations (tax_code, invited_on);
      CREATE INDEX invitations_campaign ON invitations (campaign_code, status);
`;

export const CAMPAIGN_SCOPE = 'campaigns';
const NAME = 'campaigns and their invitations';

export const CAMPAIGN_SQLITE_MIGRATIONS: readonly Migration[] = [{ version: 1, name: NAME, up: tables('TEXT') }];
export const CAMPAIGN_PG_MIGRATIONS: readonly PgMigration[] = [{ version: 1, name: NAME, up: tables('JSONB') }];

import type pg from 'pg';
import { CampaignRows } from './campaign-sql.ts';

/** `?` placeholders, numbered for PostgreSQL. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/**
 * The campaign statements on PostgreSQL. Ingest reads the invitations FOR UPDATE (after the
 * slots, the order every writer keeps), so two centrals booking one invitation queue up.
 */
export const pgCampaigns = (q: Pick<pg.PoolClient, 'query'>): CampaignRows =>
  new CampaignRows({
    all: async <T>(sql: string, params: readonly unknown[]) => (await q.query(numbered(sql), [...params])).rows as T[],
    run: async (sql, params) => (await q.query(numbered(sql), [...params])).rowCount ?? 0,
    marks: (n) => Array.from({ length: n }, () => '?').join(','),
    lock: ' FOR UPDATE OF i',
  });

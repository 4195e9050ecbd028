import type { Queryable, SqlValue } from '../outbox/sqlite.ts';
import { CampaignRows } from './campaign-sql.ts';

/** The campaign statements on SQLite: one connection, IMMEDIATE transactions, so nothing to lock. */
export const sqliteCampaigns = (q: Queryable): CampaignRows =>
  new CampaignRows({
    all: (sql, params) => q.all(sql, params as SqlValue[]),
    run: async (sql, params) => (await q.run(sql, params as SqlValue[])).changes,
    marks: (n) => Array.from({ length: n }, () => '?').join(','),
    lock: '',
  });

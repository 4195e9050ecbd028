import type pg from 'pg';
import { toStaffAccount, type StaffRow } from './sqlite-staff.ts';
import type { StaffAccount, StaffRole, StaffSession } from './store.ts';

/** The staff accounts and sessions on PostgreSQL; each write is one statement. */

type Pg = Pick<pg.Pool, 'query'>;

export async function putStaffAccount(q: Pg, a: StaffAccount, replace: boolean): Promise<boolean> {
  const onConflict = replace
    ? 'DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, disabled_at = excluded.disabled_at, failed_logins = 0, locked_until = NULL'
    : 'DO NOTHING';
  const r = await q.query(
    `INSERT INTO staff_accounts (username, password_hash, role, created_at, disabled_at, failed_logins, locked_until) VALUES ($1, $2, $3, $4, $5, 0, NULL) ON CONFLICT (username) ${onConflict}`,
    [a.username, a.passwordHash, a.role, a.createdAt, a.disabledAt],
  );
  return r.rowCount === 1;
}

export async function getStaffAccount(q: Pg, username: string): Promise<StaffAccount | undefined> {
  const { rows } = await q.query<StaffRow>('SELECT * FROM staff_accounts WHERE username = $1', [username]);
  return rows[0] && toStaffAccount(rows[0]);
}

export async function listStaffAccounts(q: Pg): Promise<StaffAccount[]> {
  return (await q.query<StaffRow>('SELECT * FROM staff_accounts ORDER BY username COLLATE "C"')).rows.map(toStaffAccount);
}

export async function setStaffDisabled(q: Pg, username: string, at: string | null): Promise<boolean> {
  // One statement: the account and its sessions change together.
  const { rows } = await q.query<{ n: string }>(
    `WITH changed AS (UPDATE staff_accounts SET disabled_at = $2 WHERE username = $1 RETURNING username),
     ended AS (DELETE FROM staff_sessions WHERE username IN (SELECT username FROM changed) AND $2::text IS NOT NULL)
     SELECT COUNT(*) AS n FROM changed`,
    [username, at],
  );
  return Number(rows[0]?.n ?? 0) === 1;
}

export async function staffLoginFailed(q: Pg, username: string, lockAfter: number, lockUntil: string): Promise<number> {
  const { rows } = await q.query<{ failed_logins: number }>(
    'UPDATE staff_accounts SET failed_logins = failed_logins + 1, locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END WHERE username = $3 RETURNING failed_logins',
    [lockAfter, lockUntil, username],
  );
  return rows[0]?.failed_logins ?? 0;
}

export async function staffLoginSucceeded(q: Pg, username: string): Promise<void> {
  await q.query('UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL WHERE username = $1', [username]);
}

export async function createStaffSession(q: Pg, s: Omit<StaffSession, 'role'>): Promise<void> {
  await q.query(
    `WITH pruned AS (DELETE FROM staff_sessions WHERE expires_at <= $3)
     INSERT INTO staff_sessions (id_hash, username, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
    [s.idHash, s.username, s.createdAt, s.expiresAt],
  );
}

export async function staffSession(q: Pg, idHash: string, now: string): Promise<StaffSession | undefined> {
  const { rows } = await q.query<{ id_hash: string; username: string; role: StaffRole; created_at: string; expires_at: string }>(
    `SELECT s.id_hash, s.username, a.role, s.created_at, s.expires_at FROM staff_sessions s JOIN staff_accounts a ON a.username = s.username
     WHERE s.id_hash = $1 AND s.expires_at > $2 AND a.disabled_at IS NULL`,
    [idHash, now],
  );
  const row = rows[0];
  return row && { idHash: row.id_hash, username: row.username, role: row.role, createdAt: row.created_at, expiresAt: row.expires_at };
}

export async function deleteStaffSession(q: Pg, idHash: string): Promise<void> {
  await q.query('DELETE FROM staff_sessions WHERE id_hash = $1', [idHash]);
}

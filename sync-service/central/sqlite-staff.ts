import type { Database, Queryable } from '../outbox/sqlite.ts';
import type { StaffAccount, StaffRole, StaffSession } from './store.ts';

/** The staff accounts and sessions on SQLite (see store.ts for what each promises). */

export interface StaffRow {
  username: string;
  password_hash: string;
  role: StaffRole;
  created_at: string;
  disabled_at: string | null;
  failed_logins: number | string;
  locked_until: string | null;
}

export const toStaffAccount = (r: StaffRow): StaffAccount => ({
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
  failedLogins: Number(r.failed_logins),
  lockedUntil: r.locked_until,
});

export async function putStaffAccount(q: Queryable, a: StaffAccount, replace: boolean): Promise<boolean> {
  const onConflict = replace
    ? 'DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, disabled_at = excluded.disabled_at, failed_logins = 0, locked_until = NULL'
    : 'DO NOTHING';
  const r = await q.run(
    `INSERT INTO staff_accounts (username, password_hash, role, created_at, disabled_at, failed_logins, locked_until) VALUES (?, ?, ?, ?, ?, 0, NULL) ON CONFLICT (username) ${onConflict}`,
    [a.username, a.passwordHash, a.role, a.createdAt, a.disabledAt],
  );
  return r.changes === 1;
}

export async function getStaffAccount(q: Queryable, username: string): Promise<StaffAccount | undefined> {
  const row = await q.get<StaffRow>('SELECT * FROM staff_accounts WHERE username = ?', [username]);
  return row && toStaffAccount(row);
}

export async function listStaffAccounts(q: Queryable): Promise<StaffAccount[]> {
  return (await q.all<StaffRow>('SELECT * FROM staff_accounts ORDER BY username')).map(toStaffAccount);
}

export function setStaffDisabled(db: Database, username: string, at: string | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const r = await tx.run('UPDATE staff_accounts SET disabled_at = ? WHERE username = ?', [at, username]);
    if (at !== null) await tx.run('DELETE FROM staff_sessions WHERE username = ?', [username]);
    return r.changes === 1;
  });
}

export async function staffLoginFailed(q: Queryable, username: string, lockAfter: number, lockUntil: string): Promise<number> {
  const row = await q.get<{ failed_logins: number }>(
    'UPDATE staff_accounts SET failed_logins = failed_logins + 1, locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END WHERE username = ? RETURNING failed_logins',
    [lockAfter, lockUntil, username],
  );
  return row?.failed_logins ?? 0;
}

export async function staffLoginSucceeded(q: Queryable, username: string): Promise<void> {
  await q.run('UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL WHERE username = ?', [username]);
}

export function createStaffSession(db: Database, s: Omit<StaffSession, 'role'>): Promise<void> {
  return db.transaction(async (tx) => {
    await tx.run('DELETE FROM staff_sessions WHERE expires_at <= ?', [s.createdAt]);
    await tx.run('INSERT INTO staff_sessions (id_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)', [s.idHash, s.username, s.createdAt, s.expiresAt]);
  });
}

export async function staffSession(q: Queryable, idHash: string, now: string): Promise<StaffSession | undefined> {
  const row = await q.get<{ id_hash: string; username: string; role: StaffRole; created_at: string; expires_at: string }>(
    `SELECT s.id_hash, s.username, a.role, s.created_at, s.expires_at FROM staff_sessions s JOIN staff_accounts a ON a.username = s.username
     WHERE s.id_hash = ? AND s.expires_at > ? AND a.disabled_at IS NULL`,
    [idHash, now],
  );
  return row && { idHash: row.id_hash, username: row.username, role: row.role, createdAt: row.created_at, expiresAt: row.expires_at };
}

export async function deleteStaffSession(q: Queryable, idHash: string): Promise<void> {
  await q.run('DELETE FROM staff_sessions WHERE id_hash = ?', [idHash]);
}

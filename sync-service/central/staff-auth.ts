import { createHash, randomBytes } from 'node:crypto';
import { CupError } from '../domain/errors.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './staff-passwords.ts';
import type { CentralStore, StaffRole, StaffSession } from './store.ts';

/**
 * Staff logins of the dashboard: password check with lockout after repeated failures, and
 * server-side sessions whose random id travels only in the cookie (the store keeps its sha256).
 */

export interface StaffAuthOptions {
  store: CentralStore;
  now: () => Date;
  /** Failed logins in a row that lock an account; default 5. */
  lockAfter?: number;
  /** How long a lock lasts; default 15 minutes. */
  lockMs?: number;
  /** How long a session lasts from login; default 8 hours (a working day). */
  sessionMs?: number;
}

export type LoginOutcome = { ok: true; sessionId: string; session: StaffSession } | { ok: false; reason: 'STAFF_LOGIN_INVALID' | 'STAFF_LOCKED' };

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const STAFF_ROLES: readonly StaffRole[] = ['staff', 'admin'];

export const sessionHash = (id: string): string => createHash('sha256').update(id).digest('hex');

/** @throws CupError STAFF_USERNAME_INVALID. */
export function checkUsername(username: string): string {
  if (!USERNAME.test(username)) throw new CupError('STAFF_USERNAME_INVALID', 'a user name is 2-64 lowercase letters, digits, dot, dash, underscore', { username });
  return username;
}

/**
 * Creates an account (or, with `replace`, sets its password and role afresh).
 * @throws CupError STAFF_USERNAME_INVALID, STAFF_ROLE_INVALID, STAFF_PASSWORD_WEAK, STAFF_EXISTS.
 */
export async function addStaffAccount(store: CentralStore, a: { username: string; password: string; role: string }, at: Date, replace = false): Promise<void> {
  const username = checkUsername(a.username);
  if (!STAFF_ROLES.includes(a.role as StaffRole)) throw new CupError('STAFF_ROLE_INVALID', `a role is one of ${STAFF_ROLES.join(', ')}`, { role: a.role });
  const passwordHash = await hashPassword(a.password);
  const account = { username, passwordHash, role: a.role as StaffRole, createdAt: at.toISOString(), disabledAt: null, failedLogins: 0, lockedUntil: null };
  if (!(await store.putStaffAccount(account, replace))) throw new CupError('STAFF_EXISTS', `there is already an account ${username}`, { username });
}

export class StaffAuth {
  private readonly lockAfter: number;
  private readonly lockMs: number;
  readonly sessionMs: number;

  constructor(private readonly o: StaffAuthOptions) {
    this.lockAfter = o.lockAfter ?? 5;
    this.lockMs = o.lockMs ?? 15 * 60_000;
    this.sessionMs = o.sessionMs ?? 8 * 3_600_000;
  }

  /**
   * One login attempt. Unknown user, wrong password and disabled account answer alike; a locked
   * account is refused without its password being tried, so guessing on stops counting.
   */
  async login(username: string, password: string): Promise<LoginOutcome> {
    const now = this.o.now();
    const account = USERNAME.test(username) ? await this.o.store.getStaffAccount(username) : undefined;
    if (account?.lockedUntil && account.lockedUntil > now.toISOString()) return { ok: false, reason: 'STAFF_LOCKED' };
    const matches = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || account.disabledAt !== null) return { ok: false, reason: 'STAFF_LOGIN_INVALID' };
    if (!matches) {
      const failures = await this.o.store.staffLoginFailed(account.username, this.lockAfter, new Date(now.getTime() + this.lockMs).toISOString());
      return { ok: false, reason: failures >= this.lockAfter ? 'STAFF_LOCKED' : 'STAFF_LOGIN_INVALID' };
    }
    await this.o.store.staffLoginSucceeded(account.username);
    const sessionId = randomBytes(32).toString('base64url');
    const session = { idHash: sessionHash(sessionId), username: account.username, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + this.sessionMs).toISOString() };
    await this.o.store.createStaffSession(session);
    return { ok: true, sessionId, session: { ...session, role: account.role } };
  }

  /** The session of a cookie's id, when it is valid now. */
  session(sessionId: string | undefined): Promise<StaffSession | undefined> {
    if (!sessionId || sessionId.length > 128) return Promise.resolve(undefined);
    return this.o.store.staffSession(sessionHash(sessionId), this.o.now().toISOString());
  }

  logout(sessionId: string): Promise<void> {
    return this.o.store.deleteStaffSession(sessionHash(sessionId));
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCentralApp } from './app.ts';
import { seedMoneyDay } from './money-fixtures.ts';
import { SqliteCentralStore } from './sqlite-store.ts';
import { addStaffAccount, StaffAuth } from './staff-auth.ts';

// The dashboard's door: sessions from the login form only, lockout, logout, cookie flags, and
// the admin routes of reconciliation beside it.

const PASSWORD = 'correct horse battery';
const TOKEN = 'dashboard-admin-token-0123';
const ORIGIN = 'http://localhost:80';
let dir: string;
let store: SqliteCentralStore;
let app: FastifyInstance;
let clock = Date.parse('2026-03-02T12:00:00.000Z');

const form = (username: string, password: string, headers: Record<string, string> = { origin: ORIGIN }) =>
  app.inject({ method: 'POST', url: '/dashboard/login', headers: { host: 'localhost:80', 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams({ username, password }).toString() });
const cookieOf = (setCookie: string | string[] | undefined) => String(setCookie).split(';')[0]!;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-dashboard-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  await seedMoneyDay(store);
  const now = () => new Date(clock);
  await addStaffAccount(store, { username: 'anna', password: PASSWORD, role: 'staff' }, now());
  await addStaffAccount(store, { username: 'bruno', password: PASSWORD, role: 'admin' }, now());
  app = buildCentralApp(store, { now, adminToken: TOKEN, staffAuth: new StaffAuth({ store, now, lockAfter: 3, lockMs: 60_000, sessionMs: 3_600_000 }) });
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dashboard staff sessions', () => {
  it('sends every page to the login form and refuses data without a session', async () => {
    for (const url of ['/dashboard', '/dashboard/assets/dashboard.js', '/dashboard/assets/uPlot.esm.js']) {
      const res = await app.inject({ url });
      expect([url, res.statusCode, res.headers.location]).toEqual([url, 302, '/dashboard/login']);
    }
    for (const url of ['/dashboard/api/terminals', '/dashboard/api/reconciliation', '/dashboard/api/unpaid', '/dashboard/api/conflicts', '/dashboard/api/me']) {
      const res = await app.inject({ url, headers: { cookie: 'cupk_staff=forged-session-id' } });
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 401, 'STAFF_SESSION_REQUIRED']);
    }
    const login = await app.inject({ url: '/dashboard/login' });
    expect(login.statusCode).toBe(200);
    expect(login.body).toContain('<form method="post" action="/dashboard/login">');
    expect(login.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('logs in with the right password: an HttpOnly SameSite=Strict cookie, then the page and its data', async () => {
    const res = await form('anna', PASSWORD);
    expect([res.statusCode, res.headers.location]).toEqual([303, '/dashboard']);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^cupk_staff=[\w-]{43}; Path=\/dashboard; Max-Age=3600; HttpOnly; SameSite=Strict$/);
    const cookie = cookieOf(res.headers['set-cookie']);
    const page = await app.inject({ url: '/dashboard', headers: { cookie } });
    expect([page.statusCode, page.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect((await app.inject({ url: '/dashboard/api/me', headers: { cookie } })).json()).toMatchObject({ username: 'anna', role: 'staff' });
    const rec = await app.inject({ url: '/dashboard/api/reconciliation?from=2026-03-02', headers: { cookie } });
    expect(rec.json().days[0].totals.collectedCents).toBe(9745);
    expect((await app.inject({ url: '/dashboard/api/reconciliation?from=2026-02-31', headers: { cookie } })).json().error.code).toBe('DATE_INVALID');
    expect((await app.inject({ url: '/dashboard/api/conflicts', headers: { cookie } })).json().conflicts).toHaveLength(1);
    expect((await app.inject({ url: '/dashboard/api/payments-per-hour?day=2026-03-02', headers: { cookie } })).json().hours).toHaveLength(3);
    expect((await app.inject({ url: '/dashboard/assets/uPlot.esm.js', headers: { cookie } })).body).toContain('uPlot');
    // The store keeps only a hash of the id.
    const id = cookie.split('=')[1]!;
    expect(await store.db.get('SELECT 1 FROM staff_sessions WHERE id_hash = ?', [id])).toBeUndefined();
  });

  it('marks the cookie Secure behind TLS', async () => {
    const secureApp = buildCentralApp(store, { dashboardSecureCookie: true });
    try {
      const res = await secureApp.inject({ method: 'POST', url: '/dashboard/login', headers: { host: 'localhost:80', origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, payload: `username=bruno&password=${encodeURIComponent(PASSWORD)}` });
      expect(String(res.headers['set-cookie'])).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      await secureApp.close();
    }
  });

  it('refuses a login posted from another site, or with no origin at all', async () => {
    expect((await form('anna', PASSWORD, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await form('anna', PASSWORD, {})).statusCode).toBe(403);
    expect((await form('anna', PASSWORD, { origin: ORIGIN, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await form('anna', PASSWORD, { referer: `${ORIGIN}/dashboard/login` })).statusCode).toBe(303);
  });

  it('answers a wrong password and an unknown user alike, and locks after repeated failures', async () => {
    const wrong = await form('bruno', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Wrong user name or password.');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect((await form('nobody', PASSWORD)).body).toContain('Wrong user name or password.');
    await form('bruno', 'still not it, sorry');
    const third = await form('bruno', 'third wrong password');
    expect(third.body).toContain('locked');
    // Locked: even the right password is refused until the lock ends.
    const locked = await form('bruno', PASSWORD);
    expect([locked.statusCode, locked.body.includes('locked')]).toEqual([401, true]);
    clock += 61_000;
    expect((await form('bruno', PASSWORD)).statusCode).toBe(303);
    expect(await store.getStaffAccount('bruno')).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('ends the session at logout, at expiry, and when the account is disabled', async () => {
    const login = async () => cookieOf((await form('anna', PASSWORD)).headers['set-cookie']);
    const me = (cookie: string) => app.inject({ url: '/dashboard/api/me', headers: { cookie } });

    const a = await login();
    expect((await app.inject({ method: 'POST', url: '/dashboard/logout', headers: { cookie: a, host: 'localhost:80', origin: 'https://evil.example' } })).statusCode).toBe(403);
    const out = await app.inject({ method: 'POST', url: '/dashboard/logout', headers: { cookie: a, host: 'localhost:80', origin: ORIGIN } });
    expect([out.statusCode, out.headers.location, String(out.headers['set-cookie'])]).toEqual([303, '/dashboard/login', expect.stringMatching(/^cupk_staff=; Path=\/dashboard; Max-Age=0; HttpOnly; SameSite=Strict$/)]);
    expect((await me(a)).statusCode).toBe(401);

    const b = await login();
    clock += 3_600_001;
    expect((await me(b)).statusCode).toBe(401);

    const c = await login();
    expect((await me(c)).statusCode).toBe(200);
    expect(await store.setStaffDisabled('anna', new Date(clock).toISOString())).toBe(true);
    expect((await me(c)).statusCode).toBe(401);
    expect((await form('anna', PASSWORD)).statusCode).toBe(401);
    await store.setStaffDisabled('anna', null);
  });

  it('refuses weak passwords, bad names and a name taken', async () => {
    const at = new Date(clock);
    await expect(addStaffAccount(store, { username: 'carla', password: 'short', role: 'staff' }, at)).rejects.toMatchObject({ code: 'STAFF_PASSWORD_WEAK' });
    await expect(addStaffAccount(store, { username: 'Carla!', password: PASSWORD, role: 'staff' }, at)).rejects.toMatchObject({ code: 'STAFF_USERNAME_INVALID' });
    await expect(addStaffAccount(store, { username: 'carla', password: PASSWORD, role: 'boss' }, at)).rejects.toMatchObject({ code: 'STAFF_ROLE_INVALID' });
    await expect(addStaffAccount(store, { username: 'anna', password: PASSWORD, role: 'staff' }, at)).rejects.toMatchObject({ code: 'STAFF_EXISTS' });
  });
});

describe('reconciliation admin routes', () => {
  const admin = { authorization: `Bearer ${TOKEN}` };
  it('answers the reconciliation of a range and the unpaid tickets with the admin token only', async () => {
    expect((await app.inject({ url: '/v1/admin/reconciliation?from=2026-03-02' })).statusCode).toBe(401);
    const res = await app.inject({ url: '/v1/admin/reconciliation?from=2026-03-01&to=2026-03-03', headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json().days.map((d: { day: string }) => d.day)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect((await app.inject({ url: '/v1/admin/reconciliation?from=2026-03-03&to=2026-03-01', headers: admin })).json().error.code).toBe('DATE_RANGE_INVALID');
    const unpaid = (await app.inject({ url: '/v1/admin/unpaid?asOf=2026-03-04', headers: admin })).json();
    expect([unpaid.count, unpaid.withNotice, unpaid.noticeCents, unpaid.truncated]).toEqual([2, 1, 2066, false]);
    // No rule sets held here: the ticket without a notice cannot be quoted.
    expect(unpaid.tickets.map((t: { amountCents: number | null; amountFrom: string }) => [t.amountCents, t.amountFrom])).toEqual([[2066, 'notice'], [null, 'unquoted']]);
  });
});

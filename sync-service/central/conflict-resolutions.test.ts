import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCentralApp } from './app.ts';
import { seedMoneyDay } from './money-fixtures.ts';
import { SqliteCentralStore } from './sqlite-store.ts';
import { addStaffAccount, StaffAuth } from './staff-auth.ts';

// CUP staff mark a conflict resolved on the dashboard, saying what they did: recorded once, with
// who and when, from the dashboard's own page only, and the conflict leaves the open list.

const PASSWORD = 'correct horse battery';
const ORIGIN = 'http://localhost:80';
let dir: string;
let store: SqliteCentralStore;
let app: FastifyInstance;
let cookie: string;
const at = Date.parse('2026-03-04T10:00:00.000Z');

const conflicts = async () => (await app.inject({ url: '/dashboard/api/conflicts', headers: { cookie } })).json().conflicts as Record<string, unknown>[];
const resolve = (key: string, payload: unknown, headers: Record<string, string> = { origin: ORIGIN }) =>
  app.inject({ method: 'POST', url: `/dashboard/api/conflicts/${encodeURIComponent(key)}/resolve`, headers: { host: 'localhost:80', cookie, ...headers }, payload: payload as object });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-resolve-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  await seedMoneyDay(store);
  const now = () => new Date(at);
  await addStaffAccount(store, { username: 'anna', password: PASSWORD, role: 'staff' }, now());
  app = buildCentralApp(store, { now, staffAuth: new StaffAuth({ store, now, lockAfter: 3, lockMs: 60_000, sessionMs: 3_600_000 }) });
  const login = await app.inject({ method: 'POST', url: '/dashboard/login', headers: { host: 'localhost:80', origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ username: 'anna', password: PASSWORD }).toString() });
  cookie = String(login.headers['set-cookie']).split(';')[0]!;
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('resolving a conflict on the dashboard', () => {
  it('lists the conflict with whom and which booking it is about, until it is marked resolved once', async () => {
    const [conflict] = await conflicts();
    expect(conflict).toMatchObject({ reason: 'BOOKING_ALREADY_PAID', taxCode: 'RSSMRA80A01D969P', bookingCode: expect.stringMatching(/^\d{12}$/) });
    const key = String(conflict!.key);

    // From another site, without a note, or with only spaces: nothing is recorded.
    expect((await resolve(key, { note: 'Rimborsato' }, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await resolve(key, {})).statusCode).toBe(400);
    expect((await resolve(key, { note: '   ' })).statusCode).toBe(400);
    expect(await conflicts()).toHaveLength(1);

    const done = await resolve(key, { note: ' Cittadino chiamato: rimborso allo sportello ' });
    expect([done.statusCode, done.json()]).toEqual([200, { resolution: { key, resolvedBy: 'anna', resolvedAt: new Date(at).toISOString(), note: 'Cittadino chiamato: rimborso allo sportello' } }]);
    expect(await conflicts()).toEqual([]);
    expect(await store.db.get('SELECT resolved_by AS who, note FROM conflict_resolutions WHERE key = ?', [key])).toEqual({ who: 'anna', note: 'Cittadino chiamato: rimborso allo sportello' });

    const again = await resolve(key, { note: 'di nuovo' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'CONFLICT_ALREADY_RESOLVED']);
  });

  it('refuses a key that is no conflict, and anyone without a staff session', async () => {
    const stored = await store.db.get<{ key: string }>("SELECT key FROM transactions WHERE status = 'stored' LIMIT 1");
    for (const key of ['no-such-key', stored!.key]) {
      const r = await resolve(key, { note: 'x' });
      expect([key, r.statusCode, r.json().error.code]).toEqual([key, 404, 'CONFLICT_UNKNOWN']);
    }
    const anonymous = await app.inject({ method: 'POST', url: '/dashboard/api/conflicts/k/resolve', headers: { host: 'localhost:80', origin: ORIGIN }, payload: { note: 'x' } });
    expect(anonymous.statusCode).toBe(401);
  });
});

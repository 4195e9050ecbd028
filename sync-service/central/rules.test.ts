import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_RULE_SETS } from '../domain/index.ts';
import { buildCentralApp } from './app.ts';
import { FIXTURE_BOOKINGS } from './fixtures.ts';
import { CentralRules } from './rules.ts';
import { SqliteCentralStore } from './sqlite-store.ts';

let dir: string;
let store: SqliteCentralStore;
let rules: CentralRules;
let app: FastifyInstance;

const demo5 = { ...DEMO_RULE_SETS[3]!, version: 'demo-5', effectiveFrom: '2031-03-03', fixedQuotaCents: 200 };
const TOKEN = 'token-of-the-region';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-rules-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  await store.addBookings(FIXTURE_BOOKINGS);
  rules = new CentralRules(store);
  await rules.seed(DEMO_RULE_SETS);
  app = buildCentralApp(store, { requireSignatures: false, adminToken: TOKEN, rules, ruleVersions: 'held' });
});

afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const publish = (body: unknown, token = TOKEN) =>
  app.inject({ method: 'POST', url: '/v1/admin/rule-sets', headers: { authorization: `Bearer ${token}` }, payload: body as object });

describe('rule sets at the central', () => {
  it('is seeded with the demo sets under snapshots 1-4, once however often it is seeded', async () => {
    expect(await rules.seed(DEMO_RULE_SETS)).toBe(0);
    const all = (await app.inject('/v1/snapshots/rules')).json();
    expect(all.snapshot).toBe(4);
    expect(all.ruleSets.map((s: { version: string; snapshot: number }) => [s.version, s.snapshot])).toEqual([['demo-1', 1], ['demo-2', 2], ['demo-3', 3], ['demo-4', 4]]);
    const { $schema: _editorHint, ...demo3 } = DEMO_RULE_SETS[2]!;
    expect(all.ruleSets[2].ruleSet).toEqual(demo3);
  });

  it('publishes a new set under the next snapshot, and the same set again without a new one', async () => {
    const first = await publish(demo5);
    expect([first.statusCode, first.json()]).toEqual([201, { version: 'demo-5', effectiveFrom: '2031-03-03', snapshot: 5, created: true }]);
    const again = await publish({ ...demo5, $schema: './rule-set.schema.json' });
    expect([again.statusCode, again.json().snapshot, again.json().created]).toEqual([200, 5, false]);
    const since = (await app.inject('/v1/snapshots/rules?since=4')).json();
    expect(since).toMatchObject({ snapshot: 5, ruleSets: [{ version: 'demo-5', snapshot: 5, ruleSet: { fixedQuotaCents: 200 } }] });
    expect((await app.inject('/v1/snapshots/rules?since=5')).json()).toEqual({ snapshot: 5, ruleSets: [] });
  });

  it('refuses an invalid set with every problem listed, and keeps what it holds', async () => {
    const bad = { ...demo5, capCents: -1, effectiveFrom: '2031-02-30', exemptions: [{ code: 'e', description: '', covers: 'all' }] };
    const res = await publish(bad);
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'RULES_INVALID']);
    const problems = res.json().error.details.problems as string[];
    expect(problems.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['$.capCents', '$.effectiveFrom', '$.exemptions[0].code', '$.exemptions[0].description']));
    expect((await app.inject('/v1/snapshots/rules')).json().snapshot).toBe(4);
  });

  it('refuses a known version with other content (409)', async () => {
    const res = await publish({ ...DEMO_RULE_SETS[3], capCents: 5000 });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'RULES_VERSION_EXISTS']);
    expect((await app.inject('/v1/snapshots/rules')).json().ruleSets[3].ruleSet.capCents).toBe(3615);
  });

  it('wants the bearer token, and has no admin route without one', async () => {
    expect((await publish(demo5, 'wrong')).json().error.code).toBe('ADMIN_AUTH_INVALID');
    expect((await app.inject({ method: 'POST', url: '/v1/admin/rule-sets', payload: demo5 })).statusCode).toBe(401);
    const closed = buildCentralApp(store, { requireSignatures: false });
    const res = await closed.inject({ method: 'POST', url: '/v1/admin/rule-sets', headers: { authorization: `Bearer ${TOKEN}` }, payload: demo5 });
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    await closed.close();
  });

  it('takes payments quoted under a version as soon as it is published', async () => {
    const pay = (key: string, seq: number, ruleVersion: string, bookingCode: string) => ({
      seq, key, kind: 'payment', createdAt: '2031-03-03T08:00:00.000Z',
      payload: { paymentId: `pay-${key}`, transactionId: `T-${seq}`, bookingCode, taxCode: 'RSSMRA80A01D969P', amountCents: 2066, paidCents: 2100, changeCents: 34, method: 'cash', ruleVersion, paidAt: '2031-03-03T08:00:00.000Z', terminalId: 'kiosk-1' },
    });
    const send = (item: unknown) => app.inject({ method: 'POST', url: '/v1/sync/batches', payload: { terminalId: 'kiosk-1', items: [item] } }).then((r) => r.json().results[0]);
    expect(await send(pay('a', 1, 'demo-5', '100000000190'))).toEqual({ key: 'a', status: 'conflict', reason: 'RULE_VERSION_UNKNOWN' });
    // Published by another instance on the same store: the cache misses and reloads.
    await new CentralRules(store).publish(demo5);
    expect(await send(pay('b', 2, 'demo-5', '100000000287'))).toEqual({ key: 'b', status: 'stored' });
  });

  it('documents the rule routes in the OpenAPI document', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/snapshots/rules', '/v1/admin/rule-sets']));
    expect(doc.components.schemas.RuleSnapshot.type).toBe('object');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoAgenda } from '../domain/demo/agenda.ts';
import { demoPrescriptions } from '../domain/demo/prescriptions.ts';
import { migrate } from '../outbox/migrate.ts';
import { openDatabase } from '../outbox/sqlite.ts';
import type { SnapshotResponse } from '../protocol/index.ts';
import { AGENDA_NOW, AGENDA_TODAY } from './agenda-fixtures.ts';
import { buildCentralApp } from './app.ts';
import { SNAPSHOT_SQLITE_MIGRATIONS } from './snapshot-migrations.ts';
import { SqliteSnapshotStore } from './sqlite-snapshots.ts';
import { SqliteCentralStore } from './sqlite-store.ts';

// GET /v1/snapshots/:kind over HTTP: compressed when the client asks, and tied to the epoch of
// the store its versions were counted in. (Deltas themselves: tests/integration/pg/snapshot-routes.)

let dir: string;
let store: SqliteCentralStore;
let app: FastifyInstance;
let clock: number;

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const snapshot = async (url: string) => {
  const res = await get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SnapshotResponse;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-snapshot-routes-'));
  clock = AGENDA_NOW;
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  await store.addPrescriptions(demoPrescriptions(AGENDA_TODAY));
  // The demo central's agendas: some 600 free slots in the 30 days an agenda snapshot carries.
  await store.addSlots(demoAgenda(AGENDA_TODAY, 130));
  app = buildCentralApp(store, { now: () => new Date(clock), requireSignatures: false });
});

afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('snapshot answers, compressed', () => {
  it('gzips a full agenda for a client that accepts gzip: the same JSON, a fraction of the bytes', async () => {
    const plain = await get('/v1/snapshots/agenda');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const json = plain.json() as SnapshotResponse;
    expect(json.items.length).toBeGreaterThan(500);

    const gzipped = await get('/v1/snapshots/agenda', { 'accept-encoding': 'gzip' });
    expect(gzipped.statusCode).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    expect(gzipped.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(gunzipSync(gzipped.rawPayload).toString('utf8'))).toEqual(json);
    // ~250 KiB of JSON in ~10 KiB: what a terminal on a slow line downloads.
    expect(gzipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 10);

    const brotli = await get('/v1/snapshots/agenda', { 'accept-encoding': 'br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(brotli.rawPayload).toString('utf8'))).toEqual(json);
  });

  it('leaves small answers, refusals of compression and non-JSON pages as they are', async () => {
    const version = (await snapshot('/v1/snapshots/agenda')).version;
    // A delta with nothing in it is under the 1 KiB threshold.
    const small = await get(`/v1/snapshots/agenda?since=${version}`, { 'accept-encoding': 'gzip' });
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toMatchObject({ full: false, items: [] });

    const identity = await get('/v1/snapshots/agenda', { 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect((identity.json() as SnapshotResponse).full).toBe(true);

    const login = await get('/dashboard/login', { 'accept-encoding': 'gzip' });
    expect(login.statusCode).toBe(200);
    expect(login.headers['content-encoding']).toBeUndefined();
    expect(login.body).toMatch(/<html/i);
  });
});

describe('snapshot epoch', () => {
  it('answers the store epoch; the same epoch keeps deltas, another one gets the whole snapshot, none keeps deltas as before', async () => {
    const first = await snapshot('/v1/snapshots/catalogue');
    expect(first.epoch).toMatch(/^[0-9a-f]{32}$/);
    expect(first.full).toBe(true);

    const same = await snapshot(`/v1/snapshots/catalogue?since=${first.version}&epoch=${first.epoch}`);
    expect(same).toMatchObject({ full: false, items: [], version: first.version, epoch: first.epoch });

    const other = await snapshot(`/v1/snapshots/catalogue?since=${first.version}&epoch=${'0'.repeat(32)}`);
    expect(other).toMatchObject({ full: true, version: first.version, epoch: first.epoch });
    expect(other.items).toHaveLength(first.items.length);

    // A terminal from before epochs sends none: its version is taken as it always was.
    expect(await snapshot(`/v1/snapshots/catalogue?since=${first.version}`)).toMatchObject({ full: false, items: [], epoch: first.epoch });

    const bad = await get(`/v1/snapshots/catalogue?since=1&epoch=${'x'.repeat(65)}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'REQUEST_INVALID' } });
  });

  it('keeps one epoch per database: the same after a restart, another for a new database, one added to a database from before epochs', async () => {
    const epoch = (await snapshot('/v1/snapshots/config')).epoch;
    expect(await new SqliteSnapshotStore(store.db).epoch()).toBe(epoch);

    const reopened = await SqliteCentralStore.open(join(dir, 'central.db'));
    const fresh = await SqliteCentralStore.open(join(dir, 'fresh.db'));
    try {
      expect(await new SqliteSnapshotStore(reopened.db).epoch()).toBe(epoch);
      const freshEpoch = await new SqliteSnapshotStore(fresh.db).epoch();
      expect(freshEpoch).toMatch(/^[0-9a-f]{32}$/);
      expect(freshEpoch).not.toBe(epoch);
    } finally {
      await reopened.close();
      await fresh.close();
    }

    // Snapshot tables made before the epoch step: the step adds one, and keeps the versions.
    const old = await openDatabase(join(dir, 'old.db'));
    try {
      await migrate(old, SNAPSHOT_SQLITE_MIGRATIONS.slice(0, 1), { scope: 'snapshots' });
      await old.run("INSERT INTO snapshot_kinds (kind, version, floor, taken_at) VALUES ('config', 7, 0, '2026-06-01T06:00:00.000Z')");
      const upgraded = new SqliteSnapshotStore(old);
      expect(await upgraded.epoch()).toMatch(/^[0-9a-f]{32}$/);
      expect(await upgraded.state('config')).toEqual({ version: 7, floor: 0 });
    } finally {
      await old.close();
    }
  });
});

import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENDA_NOW, AGENDA_PRESCRIPTIONS, AGENDA_SLOTS, bookingItem, NRE, VISIT_B_ORDER } from '../../../sync-service/central/agenda-fixtures.ts';
import { buildCentralApp, PgCentralStore, snapshotStoreOf, SqliteCentralStore, type CentralStore } from '../../../sync-service/central/index.ts';
import { migratePg } from '../../../sync-service/central/pg-migrations.ts';
import { SNAPSHOT_PG_MIGRATIONS, SNAPSHOT_SQLITE_MIGRATIONS } from '../../../sync-service/central/snapshot-migrations.ts';
import { migrate } from '../../../sync-service/outbox/migrate.ts';
import { DEMO_CATALOGUE } from '../../../sync-service/domain/catalogue/demo-catalogue.ts';
import { romeWallTimeToInstant } from '../../../sync-service/domain/rome-time.ts';
import type { SlotHoldResponse, SnapshotResponse } from '../../../sync-service/protocol/index.ts';
import { bothStores, type OpenedStore } from './both-stores.ts';

// GET /v1/snapshots/:kind on both stores: a full snapshot, then deltas as slots are held,
// released, lapse and are booked, and the whole snapshot again for a version the central does not know.

const MINUTE = 60_000;
const DAY = 86_400_000;
const STORES = bothStores('cupk-snapshot-routes-');

describe.each(STORES)('snapshot routes on %s', (_name, open) => {
  let opened: OpenedStore;
  let store: CentralStore;
  let app: FastifyInstance;
  let clock: number;
  const get = async (kind: string, since?: number) => {
    const res = await app.inject({ method: 'GET', url: `/v1/snapshots/${kind}${since === undefined ? '' : `?since=${since}`}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as SnapshotResponse;
  };
  // Past the 2 s a computation serves, so the next request sees what changed.
  const later = (ms = 3_000) => (clock += ms);

  beforeEach(async () => {
    opened = await open();
    store = opened.store;
    clock = AGENDA_NOW;
    await store.addPrescriptions(AGENDA_PRESCRIPTIONS);
    await store.addSlots(AGENDA_SLOTS);
    app = buildCentralApp(store, { now: () => new Date(clock), requireSignatures: false });
  });

  afterEach(async () => {
    await app.close();
    await opened.cleanup();
  });

  it('answers the free slots of the next 30 days, then what changed as slots are held, released, lapse and are booked', async () => {
    const first = await get('agenda');
    const inWindow = AGENDA_SLOTS.filter((s) => {
      const t = romeWallTimeToInstant(s.startsAt).getTime();
      return t >= clock && t <= clock + 30 * DAY;
    });
    expect(first.full).toBe(true);
    expect(first.items.map((i) => i.id).sort()).toEqual(inWindow.map((s) => s.slotId).sort());
    expect(first.items.find((i) => i.id === VISIT_B_ORDER[0])?.data).toEqual(AGENDA_SLOTS.find((s) => s.slotId === VISIT_B_ORDER[0]));

    later();
    const same = await get('agenda', first.version);
    expect(same).toMatchObject({ version: first.version, full: false, items: [], removed: [] });

    const held = await app.inject({ method: 'POST', url: `/v1/slots/${encodeURIComponent(VISIT_B_ORDER[0]!)}/hold`, payload: { nre: NRE.visitB, taxCode: AGENDA_PRESCRIPTIONS.find((p) => p.nre === NRE.visitB)!.taxCode } });
    expect(held.statusCode, held.body).toBe(200);
    later();
    const afterHold = await get('agenda', first.version);
    expect(afterHold.version).toBeGreaterThan(first.version);
    expect(afterHold).toMatchObject({ full: false, items: [], removed: [VISIT_B_ORDER[0]] });

    const released = await app.inject({ method: 'POST', url: `/v1/holds/${(held.json() as SlotHoldResponse).holdId}/release` });
    expect(released.json()).toEqual({ released: true });
    later();
    const afterRelease = await get('agenda', afterHold.version);
    expect(afterRelease.version).toBeGreaterThan(afterHold.version);
    expect(afterRelease.items.map((i) => i.id)).toEqual([VISIT_B_ORDER[0]]);
    // A terminal still at the first version sees no net change of that slot, only the newer version.
    expect((await get('agenda', first.version)).removed).toEqual([]);

    // A hold that lapses frees its slot without any write: the next computation sees it.
    const held2 = await app.inject({ method: 'POST', url: `/v1/slots/${encodeURIComponent(VISIT_B_ORDER[1]!)}/hold`, payload: { nre: NRE.visitB, taxCode: AGENDA_PRESCRIPTIONS.find((p) => p.nre === NRE.visitB)!.taxCode } });
    expect(held2.statusCode).toBe(200);
    later();
    const whileHeld = await get('agenda', afterRelease.version);
    expect(whileHeld.removed).toEqual([VISIT_B_ORDER[1]]);
    later(11 * MINUTE);
    const lapsed = await get('agenda', whileHeld.version);
    expect(lapsed.items.map((i) => i.id)).toContain(VISIT_B_ORDER[1]);

    // Booked at ingest: gone for good.
    const held3 = (await app.inject({ method: 'POST', url: `/v1/slots/${encodeURIComponent(VISIT_B_ORDER[2]!)}/hold`, payload: { nre: NRE.visitB, taxCode: AGENDA_PRESCRIPTIONS.find((p) => p.nre === NRE.visitB)!.taxCode } })).json() as SlotHoldResponse;
    const sync = await app.inject({ method: 'POST', url: '/v1/sync/batches', payload: { terminalId: 'unsigned', items: [bookingItem('unsigned', 'booking:1', 1, held3)] } });
    expect(sync.json()).toMatchObject({ results: [{ status: 'stored' }] });
    later();
    const booked = await get('agenda', lapsed.version);
    expect(booked.removed).toContain(VISIT_B_ORDER[2]);
    const whole = await get('agenda');
    expect(whole.items.map((i) => i.id)).not.toContain(VISIT_B_ORDER[2]);
    expect(whole.version).toBe(booked.version);
  });

  it('answers the whole snapshot for a version it does not know, and keeps versions per kind', async () => {
    const catalogue = await get('catalogue');
    expect(catalogue.items).toHaveLength(DEMO_CATALOGUE.length);
    expect(catalogue.items.find((i) => i.id === DEMO_CATALOGUE[0]!.code)?.data).toMatchObject({ description: DEMO_CATALOGUE[0]!.description, tariffCents: DEMO_CATALOGUE[0]!.tariffCents });
    const unknown = await get('catalogue', catalogue.version + 40);
    expect(unknown).toMatchObject({ full: true, version: catalogue.version });
    expect(unknown.items).toHaveLength(DEMO_CATALOGUE.length);

    const config = await get('config');
    expect(Object.fromEntries(config.items.map((i) => [i.id, i.data.value]))).toMatchObject({ holdMinutes: 10, agendaDays: 30 });
    later();
    expect(await get('config', config.version)).toMatchObject({ full: false, items: [], removed: [] });

    const bad = await app.inject({ method: 'GET', url: '/v1/snapshots/patients' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'REQUEST_INVALID' } });
  });

  it('ties versions to the store epoch: another epoch gets the whole snapshot, a new database has another epoch', async () => {
    const first = await get('agenda');
    expect(first.epoch).toMatch(/^[0-9a-f]{32}$/);
    later();
    const at = (query: string) => app.inject({ method: 'GET', url: `/v1/snapshots/agenda?${query}` }).then((r) => r.json() as SnapshotResponse);
    expect(await at(`since=${first.version}&epoch=${first.epoch}`)).toMatchObject({ full: false, items: [], epoch: first.epoch });
    expect(await at(`since=${first.version}`)).toMatchObject({ full: false, items: [] });
    const other = await at(`since=${first.version}&epoch=ffffffffffffffffffffffffffffffff`);
    expect(other).toMatchObject({ full: true, version: first.version, epoch: first.epoch });
    expect(other.items).toHaveLength(first.items.length);

    const second = await open();
    try {
      const otherStore = snapshotStoreOf(second.store)!;
      expect(await otherStore.epoch()).toMatch(/^[0-9a-f]{32}$/);
      expect(await otherStore.epoch()).not.toBe(first.epoch);
      expect(await snapshotStoreOf(store)!.epoch()).toBe(first.epoch);
    } finally {
      await second.cleanup();
    }
  });

  it('renews the epoch for a database restored from a backup: a central started on it answers a terminal of the old epoch in whole', async () => {
    const first = await get('agenda');
    const renewed = await snapshotStoreOf(store)!.renewEpoch(new Date(clock).toISOString());
    expect(renewed.previous).toBe(first.epoch);
    expect(renewed.epoch).toMatch(/^[0-9a-f]{32}$/);
    expect(renewed.epoch).not.toBe(first.epoch);
    expect(await snapshotStoreOf(store)!.epoch()).toBe(renewed.epoch);
    // The central restarted on the restored database.
    await app.close();
    app = buildCentralApp(store, { now: () => new Date(clock), requireSignatures: false });
    later();
    const res = await app.inject({ method: 'GET', url: `/v1/snapshots/agenda?since=${first.version}&epoch=${first.epoch}` });
    const answer = res.json() as SnapshotResponse;
    expect(answer).toMatchObject({ full: true, epoch: renewed.epoch });
    expect(answer.items).toHaveLength(first.items.length);
  });

  it('gives an epoch to snapshot tables made before epochs, keeping their versions', async () => {
    const old = await open();
    try {
      if (old.store instanceof PgCentralStore) {
        const client = await old.store.pool.connect();
        try {
          await migratePg(client, SNAPSHOT_PG_MIGRATIONS.slice(0, 1), 'snapshots');
        } finally {
          client.release();
        }
        await old.store.pool.query("INSERT INTO snapshot_kinds (kind, version, floor, taken_at) VALUES ('config', 7, 0, '2026-06-01T06:00:00.000Z')");
      } else if (old.store instanceof SqliteCentralStore) {
        await migrate(old.store.db, SNAPSHOT_SQLITE_MIGRATIONS.slice(0, 1), { scope: 'snapshots' });
        await old.store.db.run("INSERT INTO snapshot_kinds (kind, version, floor, taken_at) VALUES ('config', 7, 0, '2026-06-01T06:00:00.000Z')");
      }
      const upgraded = snapshotStoreOf(old.store)!;
      expect(await upgraded.epoch()).toMatch(/^[0-9a-f]{32}$/);
      expect(await upgraded.state('config')).toEqual({ version: 7, floor: 0 });
    } finally {
      await old.cleanup();
    }
  });
});

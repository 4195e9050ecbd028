import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE, type CatalogueService } from '../domain/catalogue/demo-catalogue.ts';
import { CentralSnapshots } from './snapshots.ts';
import { SqliteCentralStore } from './sqlite-store.ts';
import { SqliteSnapshotStore } from './sqlite-snapshots.ts';

let dir: string;
let store: SqliteCentralStore;
let catalogue: CatalogueService[];
let clock: number;

const snapshots = (o: { keepVersions?: number; refreshMs?: number } = {}) => new CentralSnapshots({ store: new SqliteSnapshotStore(store.db), now: () => new Date(clock), catalogue, refreshMs: 0, ...o });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-snapshots-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  catalogue = DEMO_CATALOGUE.slice(0, 3).map((s) => ({ ...s }));
  clock = Date.parse('2026-06-01T06:00:00Z');
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CentralSnapshots', () => {
  it('moves the version only when an item changes, and answers the change and the removal', async () => {
    const s = snapshots();
    const first = await s.since('catalogue');
    expect(first.items.map((i) => i.id)).toEqual(catalogue.map((c) => c.code).sort());
    expect((await s.since('catalogue', first.version)).version).toBe(first.version);
    catalogue[0]!.tariffCents += 100;
    const gone = catalogue.pop()!;
    const delta = await s.since('catalogue', first.version);
    expect(delta).toMatchObject({ version: first.version + 1, full: false, removed: [gone.code] });
    expect(delta.items).toEqual([{ id: catalogue[0]!.code, data: { ...catalogue[0] } }]);
  });

  it('answers the whole snapshot to a terminal older than the removals it remembers', async () => {
    const s = snapshots({ keepVersions: 2 });
    const first = await s.since('catalogue');
    for (let i = 0; i < 3; i++) {
      catalogue[0]!.tariffCents += 1;
      await s.since('catalogue');
    }
    catalogue.pop();
    const latest = await s.since('catalogue');
    // Four versions later, two kept: the removal a delta from `first` would need may be forgotten.
    const old = await s.since('catalogue', first.version);
    expect(old).toMatchObject({ full: true, version: latest.version, removed: [] });
    expect(old.items.map((i) => i.id)).toEqual(catalogue.map((c) => c.code).sort());
    expect(await s.since('catalogue', latest.version - 1)).toMatchObject({ full: false });
  });

  it('serves one computation to the requests within refreshMs', async () => {
    const s = snapshots({ refreshMs: 2_000 });
    const first = await s.since('catalogue');
    catalogue[0]!.tariffCents += 1;
    expect((await s.since('catalogue', first.version)).version).toBe(first.version);
    clock += 2_000;
    expect((await s.since('catalogue', first.version)).version).toBe(first.version + 1);
  });
});

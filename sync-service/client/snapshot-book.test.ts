import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENDA_NOW, AGENDA_PRESCRIPTIONS, AGENDA_SLOTS, NRE, ROSSI, VISIT_B_ORDER } from '../central/agenda-fixtures.ts';
import { buildCentralApp } from '../central/app.ts';
import { hashEnrolmentCode } from '../central/auth.ts';
import { SqliteCentralStore } from '../central/sqlite-store.ts';
import { Outbox, openDatabase, type Database } from '../outbox/index.ts';
import { migrate } from '../outbox/migrate.ts';
import type { SnapshotKind, SnapshotResponse } from '../protocol/index.ts';
import { generateTerminalKey, terminalSigner } from './signer.ts';
import { heldSnapshots, SNAPSHOT_BOOK_MIGRATIONS, SnapshotBook, type SnapshotSource } from './snapshot-book.ts';
import { SyncClient } from './sync-client.ts';

const quiet = { info: () => undefined, warn: () => undefined };
let dir: string;
let central: SqliteCentralStore;
let app: FastifyInstance;
let db: Database;
let client: SyncClient;
let clock: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-snapshot-book-'));
  clock = AGENDA_NOW;
  central = await SqliteCentralStore.open(join(dir, 'central.db'));
  await central.addPrescriptions(AGENDA_PRESCRIPTIONS);
  await central.addSlots(AGENDA_SLOTS);
  const keys = generateTerminalKey();
  const at = new Date(clock).toISOString();
  await central.putEnrolmentCode('kiosk-1', hashEnrolmentCode('code'), at, new Date(clock + 60_000).toISOString());
  await central.enrolTerminal('kiosk-1', hashEnrolmentCode('code'), keys.publicKey, at);
  app = buildCentralApp(central, { now: () => new Date(clock) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  db = await openDatabase(join(dir, 'terminal.sqlite'));
  client = new SyncClient({ outbox: await Outbox.open(db), centralUrl: `http://127.0.0.1:${address.port}`, terminalId: 'kiosk-1', sign: terminalSigner({ terminalId: 'kiosk-1', privateKey: keys.privateKey, now: () => new Date(clock) }) });
});

afterEach(async () => {
  await app.close();
  await db.close();
  await central.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Records what the book asked (kind, version, epoch), passing each call to the real client. */
function recording(through: () => SyncClient = () => client): SnapshotSource & { asked: [SnapshotKind, number | undefined, string | undefined][]; answers: SnapshotResponse[] } {
  const asked: [SnapshotKind, number | undefined, string | undefined][] = [];
  const answers: SnapshotResponse[] = [];
  return {
    asked,
    answers,
    async fetchSnapshot(kind, since, epoch) {
      asked.push([kind, since, epoch]);
      const a = await through().fetchSnapshot(kind, since, epoch);
      answers.push(a);
      return a;
    },
  };
}

describe('SnapshotBook', () => {
  it('pulls the whole snapshots first, then only deltas from the version it holds', async () => {
    const book = await SnapshotBook.open(db, { logger: quiet, now: () => new Date(clock) });
    const source = recording();
    const first = await book.refresh(source);
    expect(first.map((r) => [r.kind, r.full])).toEqual([['catalogue', true], ['agenda', true], ['config', true]]);
    expect(source.asked).toEqual([['catalogue', undefined, undefined], ['agenda', undefined, undefined], ['config', undefined, undefined]]);
    const epoch = source.answers[0]!.epoch!;
    expect(epoch).toMatch(/^[0-9a-f]{32}$/);
    const service = AGENDA_SLOTS.find((s) => s.slotId === VISIT_B_ORDER[0])!.serviceCode;
    const before = (await book.slotsOf(service)).map((s) => s.slotId);
    expect(before).toContain(VISIT_B_ORDER[0]);
    expect((await book.config()).holdMinutes).toBe(10);

    // Another terminal holds a slot: the next pull removes it here, asking from the version held.
    const agendaVersion = first[1]!.version;
    const hold = await app.inject({ method: 'POST', url: `/v1/slots/${encodeURIComponent(VISIT_B_ORDER[0]!)}/hold`, payload: { nre: NRE.visitB, taxCode: ROSSI } });
    expect(hold.statusCode).toBe(401); // signed route: an unsigned hold is refused
    await central.holdSlot({ slotId: VISIT_B_ORDER[0]!, nre: NRE.visitB, terminalId: 'kiosk-2', holdId: 'h-2', now: new Date(clock).toISOString(), until: new Date(clock + 600_000).toISOString() });
    clock += 5_000;
    const second = await book.refresh(source, ['agenda']);
    expect(source.asked.at(-1)).toEqual(['agenda', agendaVersion, epoch]);
    expect(second[0]).toMatchObject({ full: false, changed: 0, removed: 1 });
    expect(second[0]!.version).toBeGreaterThan(agendaVersion);
    expect((await book.slotsOf(service)).map((s) => s.slotId)).toEqual(before.filter((id) => id !== VISIT_B_ORDER[0]));

    const held = await heldSnapshots(db, new Date(clock + 60_000));
    expect(held.find((h) => h.kind === 'agenda')).toMatchObject({ version: second[0]!.version, epoch, ageSeconds: 60, items: first[1]!.changed - 1 });
  });

  it('pulls signed and gzipped: fetch asks for gzip and decodes it, and the central checks the signature as before', async () => {
    const encodings: (string | null)[] = [];
    const keys = generateTerminalKey();
    const at = new Date(clock).toISOString();
    await central.putEnrolmentCode('kiosk-3', hashEnrolmentCode('code-3'), at, new Date(clock + 60_000).toISOString());
    await central.enrolTerminal('kiosk-3', hashEnrolmentCode('code-3'), keys.publicKey, at);
    const watched = new SyncClient({
      outbox: await Outbox.open(db),
      centralUrl: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`,
      terminalId: 'kiosk-3',
      sign: terminalSigner({ terminalId: 'kiosk-3', privateKey: keys.privateKey, now: () => new Date(clock) }),
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        encodings.push(res.headers.get('content-encoding'));
        return res;
      },
    });
    const book = await SnapshotBook.open(db, { logger: quiet, now: () => new Date(clock) });
    const [agenda] = await book.refresh(watched, ['agenda']);
    expect(encodings).toEqual(['gzip']);
    expect(agenda).toMatchObject({ full: true, refused: 0 });
    expect(agenda!.changed).toBeGreaterThan(0);
    expect((await book.state('agenda'))?.items).toBe(agenda!.changed);
    // Small answers (nothing changed) travel as they are.
    clock += 5_000;
    expect((await book.refresh(watched, ['agenda']))[0]).toMatchObject({ full: false, changed: 0 });
    expect(encodings).toEqual(['gzip', null]);
  });

  it('takes the whole snapshot from a central whose database was reset, though the version numbers match', async () => {
    const book = await SnapshotBook.open(db, { logger: quiet, now: () => new Date(clock) });
    const source = recording();
    const [before] = await book.refresh(source, ['agenda']);
    const oldEpoch = source.answers[0]!.epoch!;

    // The central again on a new database, with fewer slots: its first version is the one held here.
    await app.close();
    const reset = await SqliteCentralStore.open(join(dir, 'reset.db'));
    const kept = AGENDA_SLOTS.filter((s) => s.slotId !== VISIT_B_ORDER[0]);
    await reset.addPrescriptions(AGENDA_PRESCRIPTIONS);
    await reset.addSlots(kept);
    const resetApp = buildCentralApp(reset, { now: () => new Date(clock), requireSignatures: false });
    try {
      await resetApp.listen({ port: 0, host: '127.0.0.1' });
      const resetClient = new SyncClient({ outbox: await Outbox.open(db), centralUrl: `http://127.0.0.1:${(resetApp.server.address() as { port: number }).port}`, terminalId: 'kiosk-1' });
      const after = recording(() => resetClient);
      const [pulled] = await book.refresh(after, ['agenda']);
      expect(after.asked).toEqual([['agenda', before!.version, oldEpoch]]);
      // Without the epoch this would be an empty delta, and the slot gone at the central would stay bookable here.
      expect(pulled!.version).toBe(before!.version);
      expect(pulled!.full).toBe(true);
      const newEpoch = after.answers[0]!.epoch!;
      expect(newEpoch).not.toBe(oldEpoch);
      expect(await book.slot(VISIT_B_ORDER[0]!)).toBeUndefined();
      expect(await book.state('agenda')).toMatchObject({ version: pulled!.version, epoch: newEpoch, items: pulled!.changed });
    } finally {
      await resetApp.close();
      await reset.close();
    }
  });

  it('asks without an epoch for a version held before epochs, and keeps the one the answer brings', async () => {
    // A terminal's book from before the epoch step, holding a version of this central.
    await migrate(db, SNAPSHOT_BOOK_MIGRATIONS.slice(0, 1), { scope: 'snapshots' });
    const first = await client.fetchSnapshot('config');
    await db.run('INSERT INTO snapshot_book_state (kind, version, received_at, taken_at) VALUES (?, ?, ?, ?)', ['config', first.version, first.takenAt, first.takenAt]);
    for (const i of first.items) await db.run('INSERT INTO snapshot_book_items (kind, item_id, data) VALUES (?, ?, ?)', ['config', i.id, JSON.stringify(i.data)]);
    expect(await heldSnapshots(db)).toMatchObject([{ kind: 'config', version: first.version, epoch: null }]);

    const book = await SnapshotBook.open(db, { logger: quiet, now: () => new Date(clock) });
    const source = recording();
    clock += 5_000;
    expect((await book.refresh(source, ['config']))[0]).toMatchObject({ full: false, changed: 0, removed: 0 });
    expect(source.asked).toEqual([['config', first.version, undefined]]);
    expect(await book.state('config')).toMatchObject({ version: first.version, epoch: first.epoch, items: first.items.length });
    clock += 5_000;
    await book.refresh(source, ['config']);
    expect(source.asked.at(-1)).toEqual(['config', first.version, first.epoch]);
  });

  it('keeps what it holds when the central is unreachable, and reports nothing on a database it never opened', async () => {
    expect(await heldSnapshots(db)).toEqual([]);
    const book = await SnapshotBook.open(db, { logger: quiet, now: () => new Date(clock) });
    await book.refresh(client);
    const held = await book.held();
    await app.close();
    await expect(book.refresh(client)).rejects.toMatchObject({ code: 'CENTRAL_UNREACHABLE' });
    expect((await book.held()).map((h) => [h.kind, h.version, h.items])).toEqual(held.map((h) => [h.kind, h.version, h.items]));
  });
});

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
import type { SnapshotKind, SnapshotResponse } from '../protocol/index.ts';
import { generateTerminalKey, terminalSigner } from './signer.ts';
import { heldSnapshots, SnapshotBook, type SnapshotSource } from './snapshot-book.ts';
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

/** Records what the book asked, passing each call to the real client. */
function recording(): SnapshotSource & { asked: [SnapshotKind, number | undefined][]; answers: SnapshotResponse[] } {
  const asked: [SnapshotKind, number | undefined][] = [];
  const answers: SnapshotResponse[] = [];
  return {
    asked,
    answers,
    async fetchSnapshot(kind, since) {
      asked.push([kind, since]);
      const a = await client.fetchSnapshot(kind, since);
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
    expect(source.asked).toEqual([['catalogue', undefined], ['agenda', undefined], ['config', undefined]]);
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
    expect(source.asked.at(-1)).toEqual(['agenda', agendaVersion]);
    expect(second[0]).toMatchObject({ full: false, changed: 0, removed: 1 });
    expect(second[0]!.version).toBeGreaterThan(agendaVersion);
    expect((await book.slotsOf(service)).map((s) => s.slotId)).toEqual(before.filter((id) => id !== VISIT_B_ORDER[0]));

    const held = await heldSnapshots(db, new Date(clock + 60_000));
    expect(held.find((h) => h.kind === 'agenda')).toMatchObject({ version: second[0]!.version, ageSeconds: 60, items: first[1]!.changed - 1 });
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENDA_NOW, AGENDA_PRESCRIPTIONS, NRE, ROSSI } from '../../../sync-service/central/agenda-fixtures.ts';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { CentralError, SyncClient, type SlotHoldResponse } from '../../../sync-service/client/index.ts';
import { demoSlotId, DEMO_PLACES, DEMO_PROVIDERS, type AgendaSlot } from '../../../sync-service/domain/index.ts';
import { enrol, openTerminal, tempDir, type TestTerminal } from '../sync/helpers.ts';
import { startPgServer, type PgServer } from './pg-server.ts';

// A region's centrals share one PostgreSQL: four terminals, two through each central, hold the
// same slot at once, round after round; each round exactly one hold wins and the others are told
// SLOT_TAKEN, and every central reads the winner's hold from the shared database.

const ROUNDS = 25;
const TERMINALS = ['kiosk-1', 'kiosk-2', 'pharmacy-3', 'pharmacy-4'];
const contested: AgendaSlot[] = Array.from({ length: ROUNDS }, (_, i) => {
  const startsAt = `2026-06-0${2 + Math.floor(i / 10)}T${String(8 + (i % 10)).padStart(2, '0')}:00`;
  return { slotId: demoSlotId(DEMO_PROVIDERS.asl3.id, '89.7A.3', startsAt), provider: DEMO_PROVIDERS.asl3, place: DEMO_PLACES.fiumara, serviceCode: '89.7A.3', startsAt, durationMinutes: 20, intramoenia: false };
});

let server: PgServer;
let a: RunningCentral;
let b: RunningCentral;
let dir: ReturnType<typeof tempDir>;
const terminals: TestTerminal[] = [];
const clients: SyncClient[] = [];

beforeAll(async () => {
  server = await startPgServer();
  const url = await server.createDatabase();
  // Both centrals' clock on the fixtures' morning, so the slots are inside the deadline.
  const now = () => new Date(AGENDA_NOW);
  [a, b] = await Promise.all([startCentral({ pg: url, now }), startCentral({ pg: url, now })]);
  await a.store.addPrescriptions(AGENDA_PRESCRIPTIONS);
  await b.store.addSlots(contested);
  dir = tempDir('cupk-two-centrals-agenda-');
  for (const [i, id] of TERMINALS.entries()) {
    const central = i % 2 === 0 ? a : b;
    const terminal = await openTerminal(dir.path, id);
    terminals.push(terminal);
    clients.push(new SyncClient({ outbox: terminal.outbox, centralUrl: central.url, terminalId: id, sign: (await enrol(central, id, now)).sign }));
  }
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  for (const t of terminals) await t.db.close();
  dir?.remove();
  await server?.stop();
});

const outcome = (promise: Promise<SlotHoldResponse>) =>
  promise.then(
    (held) => held,
    (e: unknown) => (e instanceof CentralError ? e.code : String(e)),
  );

describe('holds on two centrals sharing one PostgreSQL database', () => {
  it('gives each slot held at once from four terminals to exactly one', async () => {
    for (const slot of contested) {
      const round = await Promise.all(clients.map((c) => outcome(c.holdSlot(slot.slotId, NRE.visitB, ROSSI))));
      const winners = round.filter((r): r is SlotHoldResponse => typeof r !== 'string');
      expect(winners).toHaveLength(1);
      expect(round.filter((r) => r === 'SLOT_TAKEN')).toHaveLength(TERMINALS.length - 1);
      const winner = TERMINALS[round.indexOf(winners[0]!)];
      for (const central of [a, b]) expect((await central.store.getSlot(slot.slotId))?.hold).toMatchObject({ holdId: winners[0]!.holdId, terminalId: winner, bookingCode: winners[0]!.booking.code });
    }
  });
});

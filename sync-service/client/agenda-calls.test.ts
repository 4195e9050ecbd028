import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENDA_NOW, AGENDA_PRESCRIPTIONS, AGENDA_SLOTS, BIANCHI, NRE, ROSSI, VISIT_B_ORDER } from '../central/agenda-fixtures.ts';
import { startCentral, type RunningCentral } from '../central/start.ts';
import { CupError } from '../domain/index.ts';
import { Outbox } from '../outbox/outbox.ts';
import { openDatabase, type Database } from '../outbox/sqlite.ts';
import { waitingList } from './agenda-calls.ts';
import { SyncClient } from './sync-client.ts';

// The client's agenda calls against a real central on loopback (signatures are the integration
// tests' business): answers read with the protocol, refusals typed with the central's own codes.

const TOKEN = 'agenda-client-admin-token';
let dir: string;
let db: Database;
let central: RunningCentral;
let client: SyncClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-agenda-client-'));
  central = await startCentral({ dbFile: join(dir, 'central.db'), requireSignatures: false, adminToken: TOKEN, holdMs: 60_000, now: () => new Date(AGENDA_NOW) });
  await central.store.addPrescriptions(AGENDA_PRESCRIPTIONS);
  await central.store.addSlots(AGENDA_SLOTS);
  db = await openDatabase(join(dir, 'terminal.db'));
  client = new SyncClient({ outbox: await Outbox.open(db), centralUrl: central.url, terminalId: 'kiosk-1' });
});

afterAll(async () => {
  await central?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('resolved'),
    (e: unknown) => {
      expect(e).toBeInstanceOf(CupError);
      return (e as CupError).code;
    },
  );

describe('agenda calls', () => {
  it('lists, searches, holds for the configured time and releases', async () => {
    expect((await client.prescriptions(` ${ROSSI.toLowerCase()} `)).map((p) => p.nre)).toContain(NRE.visitB);
    const search = await client.searchSlots(NRE.visitB, ROSSI, 3);
    expect(search.slots.map((s) => s.slotId)).toEqual(VISIT_B_ORDER.slice(0, 3));
    const held = await client.holdSlot(VISIT_B_ORDER[0]!, NRE.visitB, ROSSI);
    expect(held.heldUntil).toBe(new Date(AGENDA_NOW + 60_000).toISOString());
    expect(await client.releaseHold(held.holdId)).toEqual({ released: true });
  });

  it("rejects with the central's codes", async () => {
    expect(await refusal(client.prescriptions('RSSMRA85T10A562X'))).toBe('TAX_CODE_INVALID');
    expect(await refusal(client.searchSlots('0701B20004174', ROSSI))).toBe('BAD_NRE');
    expect(await refusal(client.searchSlots(NRE.bianchiB, ROSSI))).toBe('PRESCRIPTION_NOT_YOURS');
    expect(await refusal(client.searchSlots('0701B2000999999', BIANCHI))).toBe('PRESCRIPTION_UNKNOWN');
    expect(await refusal(client.holdSlot('nowhere', NRE.visitB, ROSSI))).toBe('SLOT_UNKNOWN');
    const offline = new SyncClient({ outbox: await Outbox.open(db), centralUrl: 'http://127.0.0.1:9', terminalId: 'kiosk-1', requestTimeoutMs: 2_000 });
    expect(await refusal(offline.searchSlots(NRE.visitB, ROSSI))).toBe('CENTRAL_UNREACHABLE');
  });

  it('refuses a hold whose end is not an instant (CENTRAL_RESPONSE_INVALID): the kiosk counts down to it and keeps it', async () => {
    const garbling: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/hold')) return res;
      return Response.json({ ...((await res.json()) as object), heldUntil: 'in ten minutes' }, { status: res.status });
    };
    const garbled = new SyncClient({ outbox: await Outbox.open(db), centralUrl: central.url, terminalId: 'kiosk-1', fetch: garbling });
    expect(await refusal(garbled.holdSlot(VISIT_B_ORDER[1]!, NRE.visitB, ROSSI))).toBe('CENTRAL_RESPONSE_INVALID');
  });

  it('reads the waiting list with the admin token', async () => {
    expect(await waitingList({ centralUrl: central.url, token: TOKEN })).toEqual([]);
    expect(await refusal(waitingList({ centralUrl: central.url, token: 'not-the-token-at-all' }))).toBe('ADMIN_AUTH_INVALID');
  });
});

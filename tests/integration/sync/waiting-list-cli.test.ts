/**
 * Booking through a demo central on 127.0.0.1 with a signed terminal: Mario Rossi's urgent
 * neurology visit finds no slot in time, so the terminal puts him on the waiting list, and
 * `cupk central waiting-list` (the real `main()`) lists him for the call centre; his cardiology
 * visit is held, booked and paid in one sync batch.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { CentralError, SyncClient } from '../../../sync-service/client/index.ts';
import { DEMO_WAITING_LIST_NRE } from '../../../sync-service/domain/index.ts';
import { cupk } from '../cli-harness.ts';
import { enrol, openTerminal, tempDir, type TestTerminal } from './helpers.ts';

const TOKEN = 'waiting-list-cli-admin-token';
const ROSSI = 'RSSMRA85T10A562S';
const VISIT_B = '0701B2000417411';
let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let kiosk: TestTerminal;
let client: SyncClient;
let admin: string[];

beforeAll(async () => {
  dir = tempDir('cupk-waiting-list-cli-');
  central = await startCentral({ dbFile: join(dir.path, 'central.db'), adminToken: TOKEN, seedDemo: true });
  kiosk = await openTerminal(dir.path, 'kiosk-1');
  client = new SyncClient({ outbox: kiosk.outbox, centralUrl: central.url, terminalId: kiosk.id, sign: (await enrol(central, kiosk.id)).sign });
  admin = ['--central', central.url, '--token', TOKEN];
});

afterAll(async () => {
  await kiosk?.db.close();
  await central?.close();
  dir?.remove();
});

describe('booking against a demo central', () => {
  it('offers nothing in time for the urgent visit; the waiting list takes the citizen', async () => {
    const open = await client.prescriptions(ROSSI);
    expect(open.map((p) => p.priority).sort()).toEqual(['B', 'D', 'P', 'U']);
    const search = await client.searchSlots(DEMO_WAITING_LIST_NRE, ROSSI);
    expect(search.slots).toEqual([]);
    await kiosk.db.transaction((tx) =>
      kiosk.outbox.enqueue(tx, {
        kind: 'waiting-list',
        key: 'wl-1',
        payload: {
          requestId: 'wl-1',
          terminalId: kiosk.id,
          taxCode: ROSSI,
          nre: DEMO_WAITING_LIST_NRE,
          serviceCode: '89.13',
          priority: 'U',
          phone: '+393331234567',
          deadline: search.deadline,
          requestedAt: new Date().toISOString(),
        },
      }),
    );
    expect((await client.syncNow()).conflicts).toEqual([]);
  });

  it('holds, books and pays the cardiology visit in one batch', async () => {
    const { slots } = await client.searchSlots(VISIT_B, ROSSI);
    expect(slots.length).toBeGreaterThan(0);
    const held = await client.holdSlot(slots[0]!.slotId, VISIT_B, ROSSI);
    await expect(client.holdSlot(slots[0]!.slotId, DEMO_WAITING_LIST_NRE, ROSSI)).rejects.toMatchObject({ code: 'SLOT_UNKNOWN' });
    const bookedAt = new Date().toISOString();
    await kiosk.db.transaction(async (tx) => {
      await kiosk.outbox.enqueue(tx, { kind: 'booking', key: 'bk-1', payload: { terminalId: kiosk.id, holdId: held.holdId, slotId: held.slotId, nre: VISIT_B, booking: held.booking, payAt: 'now', bookedAt } });
    });
    await kiosk.pay('pay-1', held.booking.code, 2066);
    expect((await client.syncNow()).conflicts).toEqual([]);
    expect((await central.store.getBooking(held.booking.code))?.status).toBe('paid');
    const refused = await client.searchSlots(VISIT_B, ROSSI).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CentralError);
    expect(refused).toMatchObject({ code: 'PRESCRIPTION_NOT_OPEN' });
    expect((await client.releaseHold(held.holdId)).released).toBe(false);
  });
});

describe('cupk central waiting-list', () => {
  it('answers one JSON object with the requests', async () => {
    const res = await cupk('central', 'waiting-list', ...admin, '--json');
    expect([res.code, res.stdout.trim().split('\n').length]).toEqual([0, 1]);
    expect(Object.keys(res.json)).toEqual(['requests']);
    expect(res.json.requests).toEqual([expect.objectContaining({ nre: DEMO_WAITING_LIST_NRE, taxCode: ROSSI, phone: '+393331234567', status: 'waiting', terminalId: 'kiosk-1' })]);
    expect((await cupk('central', 'waiting-list', ...admin, '--status', 'booked', '--json')).json).toEqual({ requests: [] });
  });

  it('prints a table without --json', async () => {
    const res = await cupk('central', 'waiting-list', ...admin);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^REQUESTED\s+STATUS\s+PRIORITY\s+NRE\s+SERVICE\s+TAX CODE\s+PHONE\s+DEADLINE$/);
    expect(lines[1]).toContain(DEMO_WAITING_LIST_NRE);
  });

  it('answers typed errors (exit 1) and usage errors (exit 2)', async () => {
    const wrong = await cupk('central', 'waiting-list', '--central', central.url, '--token', 'wrong-token-wrong', '--json');
    expect([wrong.code, wrong.json]).toEqual([1, { error: { code: 'ADMIN_AUTH_INVALID', message: expect.any(String) } }]);
    const down = await cupk('central', 'waiting-list', '--central', 'http://127.0.0.1:9', '--token', TOKEN, '--json');
    expect(down.json).toMatchObject({ error: { code: 'CENTRAL_UNREACHABLE' } });
    expect((await cupk('central', 'waiting-list', ...admin, '--status', 'lost', '--json')).code).toBe(2);
    expect((await cupk('central', 'waiting-list', '--token', TOKEN, '--json')).code).toBe(2);
  });
});

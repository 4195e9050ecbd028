/**
 * Changing a booking through a demo central on 127.0.0.1 with a signed terminal: Mario Rossi's
 * cardiology visit is held, booked and paid, moved to a later slot (same code, same payment),
 * then cancelled in time; `cupk central refunds` (the real `main()`) lists the refund of what he
 * paid for the back office.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { SyncClient } from '../../../sync-service/client/index.ts';
import { romeWallTimeToInstant } from '../../../sync-service/domain/index.ts';
import { cupk } from '../cli-harness.ts';
import { enrol, openTerminal, tempDir, type TestTerminal } from './helpers.ts';

const TOKEN = 'booking-changes-cli-admin-token';
const ROSSI = 'RSSMRA85T10A562S';
const VISIT_B = '0701B2000417411';
let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let kiosk: TestTerminal;
let client: SyncClient;
let admin: string[];
let code: string;

beforeAll(async () => {
  dir = tempDir('cupk-booking-changes-cli-');
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

const enqueue = (kind: string, key: string, payload: Record<string, unknown>) => kiosk.db.transaction((tx) => kiosk.outbox.enqueue(tx, { kind: kind as 'booking', key, payload }));

describe('moving and cancelling a booking against a demo central', () => {
  it('books and pays, then moves the booking under the same code', async () => {
    const { slots } = await client.searchSlots(VISIT_B, ROSSI);
    const held = await client.holdSlot(slots[0]!.slotId, VISIT_B, ROSSI);
    code = held.booking.code;
    await enqueue('booking', 'bk-1', { terminalId: kiosk.id, holdId: held.holdId, slotId: held.slotId, nre: VISIT_B, booking: held.booking, payAt: 'now', bookedAt: new Date().toISOString() });
    await kiosk.pay('pay-1', code, 2066);
    expect((await client.syncNow()).conflicts).toEqual([]);
    expect((await client.citizenBookings(ROSSI)).map((b) => b.code)).toContain(code);

    const move = await client.moveSlots(code, ROSSI);
    const latest = [...move.slots].sort((a, b) => romeWallTimeToInstant(b.startsAt).getTime() - romeWallTimeToInstant(a.startsAt).getTime())[0]!;
    expect(romeWallTimeToInstant(latest.startsAt).getTime() - Date.now()).toBeGreaterThan(48 * 3_600_000);
    const moved = await client.holdForMove(code, latest.slotId, ROSSI);
    expect(moved.booking.code).toBe(code);
    await enqueue('booking-move', 'mv-1', { terminalId: kiosk.id, bookingCode: code, holdId: moved.holdId, slotId: moved.slotId, booking: moved.booking, movedAt: new Date().toISOString() });
    expect((await client.syncNow()).conflicts).toEqual([]);
    expect(await central.store.getBooking(code)).toMatchObject({ startsAt: latest.startsAt, status: 'paid' });
    expect((await central.store.getSlot(held.slotId))?.bookingCode).toBeNull();
  });

  it('cancels in time: the central keeps a refund of the payment', async () => {
    await enqueue('booking-cancel', 'cx-1', { terminalId: kiosk.id, bookingCode: code, taxCode: ROSSI, refundId: 'RF-1', cancelledAt: new Date().toISOString() });
    expect((await client.syncNow()).conflicts).toEqual([]);
    expect((await central.store.getBooking(code))?.status).toBe('cancelled');
    expect((await client.citizenBookings(ROSSI)).map((b) => b.code)).not.toContain(code);
    await expect(client.moveSlots(code, ROSSI)).rejects.toMatchObject({ code: 'BOOKING_ALREADY_CANCELLED' });
  });
});

describe('cupk central refunds', () => {
  it('answers one JSON object with the refund requests', async () => {
    const res = await cupk('central', 'refunds', ...admin, '--json');
    expect([res.code, res.stdout.trim().split('\n').length]).toEqual([0, 1]);
    expect(res.json).toEqual({ refunds: [expect.objectContaining({ refundId: 'RF-1', bookingCode: code, taxCode: ROSSI, amountCents: 2066, paymentId: 'pay-pay-1', terminalId: 'kiosk-1' })] });
  });

  it('prints a table without --json, and typed errors with it', async () => {
    const lines = (await cupk('central', 'refunds', ...admin)).stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^REQUESTED\s+REFUND\s+BOOKING\s+TAX CODE\s+AMOUNT\s+PAYMENT\s+TERMINAL$/);
    expect(lines[1]).toContain(code);
    const wrong = await cupk('central', 'refunds', '--central', central.url, '--token', 'wrong-token-wrong', '--json');
    expect([wrong.code, wrong.json]).toEqual([1, { error: { code: 'ADMIN_AUTH_INVALID', message: expect.any(String) } }]);
    expect((await cupk('central', 'refunds', '--token', TOKEN, '--json')).code).toBe(2);
  });
});

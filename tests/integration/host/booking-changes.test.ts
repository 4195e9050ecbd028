import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { romeWallTimeToInstant } from '@cup-kiosk/sync-service/domain';
import type { BookingSlipData, CancellationSlipData } from '@cup-kiosk/terminal-drivers/printer';
import { ingestBatch, startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { paymentItem } from '../../../sync-service/central/agenda-fixtures.ts';
import { SyncClient } from '../../../sync-service/client/index.ts';
import { CashService } from '../../../kiosk/host/cash/cash-service.ts';
import { IDLE_CASH_DESK, PRINTER_READY } from './fake-devices.ts';
import { centralPort } from '../../../kiosk/host/central-link.ts';
import type { CentralPort } from '../../../kiosk/host/ports.ts';
import { openTerminalDb, type TerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { TerminalHost } from '../../../kiosk/host/terminal-host.ts';
import { enrol, tempDir } from '../sync/helpers.ts';

// Cancelling and moving bookings through the host, over a real SQLite file and a real demo
// central on 127.0.0.1 (signed requests); the central can be made unreachable, the devices are fakes.

const ROSSI = 'RSSMRA85T10A562S';
const VISIT_B = '0701B2000417411';
const HOUR = 3_600_000;
let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let tdb: TerminalDb;
let client: SyncClient;
let reachable: boolean;
let slips: BookingSlipData[];
let receipts: CancellationSlipData[];
let clock: () => Date;
let seq = 0;

beforeAll(() => {
  dir = tempDir('cupk-host-booking-changes-');
});

afterAll(() => {
  dir?.remove();
});

// A demo central of its own per test: each books Rossi's one cardiology prescription.
beforeEach(async () => {
  central = await startCentral({ dbFile: join(dir.path, `central-${seq + 1}.db`), seedDemo: true });
  tdb = await openTerminalDb(join(dir.path, `terminal-${++seq}.sqlite`), `T-${seq}`);
  client = new SyncClient({ outbox: tdb.outbox, centralUrl: central.url, terminalId: `T-${seq}`, sign: (await enrol(central, `T-${seq}`)).sign });
  reachable = true;
  slips = [];
  receipts = [];
  clock = () => new Date();
});

afterEach(async () => {
  await tdb.db.close();
  await central.close();
});

/** The real central through the signed client, unless made unreachable; the sync runs when the test says. */
function port(): CentralPort {
  const real = centralPort(client);
  const gate = <A extends unknown[], R>(fn: (...a: A) => Promise<R>) => (...a: A) =>
    reachable ? fn(...a) : Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'CENTRAL_UNREACHABLE' }));
  return Object.fromEntries(Object.entries(real).map(([k, v]) => [k, k === 'kick' ? () => {} : gate(v as (...a: unknown[]) => Promise<unknown>)])) as unknown as CentralPort;
}

function makeHost(): TerminalHost {
  const id = `T-${seq}`;
  return new TerminalHost({
    terminalId: id,
    store: tdb.payments,
    bookingStore: tdb.bookings,
    bookingChanges: tdb.bookingChanges,
    heldSlots: tdb.heldSlots,
    central: port(),
    now: () => clock(),
    verifyBaseUrl: 'http://central/v1/receipts/',
    cash: new CashService(IDLE_CASH_DESK, tdb.payments, tdb.ledger),
    printer: {
      status: async () => PRINTER_READY,
      printPaymentReceipt: async () => ({ text: 'RICEVUTA', svg: '<svg/>' }),
      printVoucher: async () => ({ text: 'BUONO', svg: '<svg/>' }),
      printBookingSlip: async (d) => (slips.push(d), { text: `PROMEMORIA ${d.bookingCode} ${d.startsAt}`, svg: '<svg/>' }),
      printCancellationSlip: async (d) => (receipts.push(d), { text: `DISDETTA ${d.bookingCode}`, svg: '<svg/>' }),
    },
  });
}

const pending = async (kind: string) => (await tdb.db.all<{ payload: string }>("SELECT payload FROM outbox WHERE kind = ? AND status = 'pending' ORDER BY seq", [kind])).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
const startOf = (s: { startsAt: string }) => romeWallTimeToInstant(s.startsAt).getTime();
/** The citizen's list as the host gives it, narrowed to one booking (the demo central holds others of Rossi's). */
const listed = async (host: TerminalHost, code: string) => (await host.citizenBookings(ROSSI)).bookings.filter((b) => b.bookingCode === code);

/** Rossi's cardiology visit booked here at the latest slot offered, synced, and paid at the central when asked. */
async function bookedVisit(host: TerminalHost, paid: boolean): Promise<{ code: string; startsAt: string }> {
  const { slots } = await host.findSlots({ taxCode: ROSSI, nre: VISIT_B });
  const latest = [...slots].sort((a, b) => startOf(b) - startOf(a))[0]!;
  const held = await host.holdSlot({ taxCode: ROSSI, nre: VISIT_B, slotId: latest.slotId });
  await host.confirmBooking({ holdId: held.holdId, payAt: held.payAtAppointmentAllowed ? 'appointment' : 'now' });
  const code = held.booking.bookingCode;
  expect(await listed(host, code)).toMatchObject([{ bookingCode: code, madeHere: true }]);
  expect((await client.syncNow()).conflicts).toEqual([]);
  if (paid) expect(await ingestBatch(central.store, 'desk-1', [paymentItem('desk-1', `pay-${code}`, seq, code, ROSSI, 2066)], new Date().toISOString())).toMatchObject([{ status: 'stored' }]);
  return { code, startsAt: latest.startsAt };
}

describe('changing a booking through the host', () => {
  it('moves a booking to another slot with the central, keeping its code; offline a move is BOOKING_OFFLINE', async () => {
    const host = makeHost();
    const { code, startsAt } = await bookedVisit(host, false);
    expect(await listed(host, code)).toMatchObject([{ bookingCode: code, madeHere: false, refundCents: 0 }]);
    const found = await host.findMoveSlots({ bookingCode: code, taxCode: ROSSI });
    const other = found.slots.find((s) => s.startsAt !== startsAt)!;
    const held = await host.holdMoveSlot({ bookingCode: code, taxCode: ROSSI, slotId: other.slotId });
    expect(held.booking).toMatchObject({ bookingCode: code, startsAt: other.startsAt });
    expect(held.from.startsAt).toBe(startsAt);
    const moved = await host.confirmMove(held.holdId);
    expect(moved.booking.startsAt).toBe(other.startsAt);
    expect(slips.at(-1)).toMatchObject({ bookingCode: code, startsAt: other.startsAt });
    expect(await pending('booking-move')).toMatchObject([{ bookingCode: code, holdId: held.holdId, slotId: other.slotId }]);
    // Before the sync this terminal already shows the new time.
    expect(await listed(host, code)).toMatchObject([{ bookingCode: code, startsAt: other.startsAt }]);
    expect((await client.syncNow()).conflicts).toEqual([]);
    expect((await central.store.getBooking(code))?.startsAt).toBe(other.startsAt);
    await expect(host.confirmMove('no-such-hold')).rejects.toMatchObject({ code: 'HOLD_UNKNOWN' });

    reachable = false;
    await expect(host.findMoveSlots({ bookingCode: code })).rejects.toMatchObject({ code: 'BOOKING_OFFLINE' });
    await expect(host.holdMoveSlot({ bookingCode: code, slotId: other.slotId })).rejects.toMatchObject({ code: 'BOOKING_OFFLINE' });
  });

  it('gives back at restart a move hold a stopped host left open: the slot is free at the central at once', async () => {
    const before = makeHost();
    const { code, startsAt } = await bookedVisit(before, false);
    const other = (await before.findMoveSlots({ bookingCode: code, taxCode: ROSSI })).slots.find((s) => s.startsAt !== startsAt)!;
    const held = await before.holdMoveSlot({ bookingCode: code, taxCode: ROSSI, slotId: other.slotId });
    const offered = async (host: TerminalHost) => (await host.findMoveSlots({ bookingCode: code, taxCode: ROSSI })).slots.some((s) => s.slotId === other.slotId);
    await tdb.db.close();
    tdb = await openTerminalDb(join(dir.path, `terminal-${seq}.sqlite`), `T-${seq}`);
    const after = makeHost();
    expect(await offered(after)).toBe(false);
    expect(await after.releaseLeftoverHolds()).toEqual({ released: [held.holdId], kept: [] });
    expect(await offered(after)).toBe(true);
  });

  it('cancels a paid booking in time: cancellation, refund request and outbox item on disk, the receipt with the reference; the central refunds the payment', async () => {
    // The demo agenda's first slots are within 48 hours: by this kiosk's clock it is three days earlier, so the cancellation is in time.
    clock = () => new Date(Date.now() - 72 * HOUR);
    const host = makeHost();
    const { code } = await bookedVisit(host, true);
    expect((await host.manageBooking({ bookingCode: code, taxCode: ROSSI })).refundCents).toBe(2066);
    const done = await host.cancelBooking({ bookingCode: code.replace(/(\d{4})/g, '$1 '), taxCode: ROSSI });
    expect(done).toMatchObject({ bookingCode: code, timing: 'in-time', refund: { refundId: expect.stringMatching(/^RF-[0-9A-F]{8}$/), amountCents: 2066 } });
    expect(receipts).toMatchObject([{ bookingCode: code, timing: 'in-time', refund: done.refund }]);
    expect(await tdb.db.get('SELECT amount_cents FROM refund_requests_here WHERE refund_id = ?', [done.refund!.refundId])).toEqual({ amount_cents: 2066 });
    expect(await pending('booking-cancel')).toMatchObject([{ bookingCode: code, taxCode: ROSSI, refundId: done.refund!.refundId }]);
    await expect(host.cancelBooking({ bookingCode: code })).rejects.toMatchObject({ code: 'BOOKING_ALREADY_CANCELLED' });
    expect(await listed(host, code)).toEqual([]);

    expect((await client.syncNow()).conflicts).toEqual([]);
    expect((await central.store.getBooking(code))?.status).toBe('cancelled');
    expect((await central.store.refundRequests()).find((r) => r.bookingCode === code)).toMatchObject({ refundId: done.refund!.refundId, amountCents: 2066, paymentId: `pay-pay-${code}` });
  });

  it('cancels late and offline (queued; ticket still due, no refund), refuses after the start and another citizen’s booking', async () => {
    const host = makeHost();
    const { code, startsAt } = await bookedVisit(host, true);
    await expect(host.cancelBooking({ bookingCode: code, taxCode: 'BNCGLI90E50H501O' })).rejects.toMatchObject({ code: 'BOOKING_NOT_YOURS' });
    clock = () => new Date(romeWallTimeToInstant(startsAt).getTime() + HOUR);
    await expect(host.cancelBooking({ bookingCode: code })).rejects.toMatchObject({ code: 'BOOKING_STARTED' });
    clock = () => new Date(romeWallTimeToInstant(startsAt).getTime() - 2 * HOUR);
    expect(await host.manageBooking({ bookingCode: code })).toMatchObject({ cancelTiming: 'late', refundCents: 0 });
    reachable = false;
    const done = await host.cancelBooking({ bookingCode: code });
    expect(done).toMatchObject({ timing: 'late', refund: null });
    expect(receipts).toMatchObject([{ timing: 'late' }]);
    expect(await pending('booking-cancel')).toMatchObject([{ bookingCode: code }]);
    expect((await host.citizenBookings(ROSSI)).offline).toBe(true);
    expect(await listed(host, code)).toEqual([]);
    reachable = true;
    expect((await client.syncNow()).conflicts).toEqual([]);
    expect((await central.store.getBooking(code))?.status).toBe('paid');
    expect((await central.store.refundRequests()).map((r) => r.bookingCode)).not.toContain(code);
  });
});

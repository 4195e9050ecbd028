import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlotHoldResponse, SyncItem } from '../protocol/index.ts';
import { CentralAgenda } from './agenda.ts';
import { AGENDA_NOW, AGENDA_PRESCRIPTIONS, AGENDA_SLOTS, BIANCHI, bookingItem, NRE, paymentItem, ROSSI, VISIT_B_ORDER } from './agenda-fixtures.ts';
import { cancelItem, moveItem } from './booking-change-fixtures.ts';
import { buildCentralApp } from './app.ts';
import { CentralBookingChanges } from './booking-changes.ts';
import { ingestBatch } from './ingest.ts';
import { SqliteCentralStore } from './sqlite-store.ts';

const HOUR = 3_600_000;
let dir: string;
let store: SqliteCentralStore;
let agenda: CentralAgenda;
let changes: CentralBookingChanges;
let clock: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-booking-changes-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  await store.addPrescriptions(AGENDA_PRESCRIPTIONS);
  await store.addSlots(AGENDA_SLOTS);
  clock = AGENDA_NOW;
  agenda = new CentralAgenda({ store, now: () => new Date(clock) });
  changes = new CentralBookingChanges({ store, now: () => new Date(clock) });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const at = (offsetMs = 0) => new Date(clock + offsetMs).toISOString();
const ingest = (items: SyncItem[], terminalId = 'kiosk-1') => ingestBatch(store, terminalId, items, at());
// VISIT_B_ORDER[0] starts 25 hours after AGENDA_NOW (late to cancel), [2] 50 hours after (in time).
const SOON = 0;
const LATER = 2;

/** Rossi's B visit booked at one of its slots, paid (2066 cents) or not. */
async function booked(slot: number, paid: boolean): Promise<SlotHoldResponse> {
  const held = await agenda.hold(VISIT_B_ORDER[slot]!, NRE.visitB, ROSSI, 'kiosk-1');
  const items = [bookingItem('kiosk-1', 'b1', 1, held, { payAt: paid ? 'now' : 'appointment' })];
  if (paid) items.push(paymentItem('kiosk-1', 'p1', 2, held.booking.code, ROSSI, 2066));
  expect((await ingest(items)).every((r) => r.status === 'stored')).toBe(true);
  return held;
}

describe('cancelling a booking', () => {
  it('in time: frees the slot, reopens the prescription, cancels the booking and keeps a refund request of what was paid', async () => {
    const held = await booked(LATER, true);
    expect(await ingest([cancelItem('kiosk-1', 'c1', 3, held.booking.code, at())])).toEqual([{ key: 'c1', status: 'stored' }]);
    expect((await store.getBooking(held.booking.code))?.status).toBe('cancelled');
    expect((await store.getSlot(held.slotId))?.bookingCode).toBeNull();
    expect(await store.getPrescription(NRE.visitB)).toMatchObject({ status: 'open', bookingCode: null });
    expect((await agenda.search(NRE.visitB, ROSSI)).slots.map((s) => s.slotId)).toContain(held.slotId);
    expect(await changes.refunds()).toEqual([
      { refundId: 'rf-c1', bookingCode: held.booking.code, taxCode: ROSSI, amountCents: 2066, paymentId: 'pay-p1', terminalId: 'kiosk-1', requestedAt: at(), receivedAt: at(), transactionKey: 'c1' },
    ]);
    expect(await changes.citizenBookings(ROSSI)).toEqual([]);
  });

  it('answers a resend as duplicate, a second cancellation BOOKING_ALREADY_CANCELLED, and a later payment BOOKING_CANCELLED', async () => {
    const held = await booked(LATER, false);
    const cancel = cancelItem('kiosk-1', 'c1', 2, held.booking.code, at());
    expect(await ingest([cancel])).toEqual([{ key: 'c1', status: 'stored' }]);
    expect(await ingest([cancel])).toEqual([{ key: 'c1', status: 'duplicate' }]);
    expect(await ingest([cancelItem('kiosk-2', 'c2', 1, held.booking.code, at())], 'kiosk-2')).toEqual([{ key: 'c2', status: 'conflict', reason: 'BOOKING_ALREADY_CANCELLED' }]);
    expect(await ingest([paymentItem('kiosk-1', 'p9', 3, held.booking.code, ROSSI, 2066)])).toEqual([{ key: 'p9', status: 'conflict', reason: 'BOOKING_CANCELLED' }]);
    // Unpaid and cancelled in time: no refund, nothing due.
    expect(await changes.refunds()).toEqual([]);
    expect((await store.unpaidTickets('2026-06-30', 10)).count).toBe(0);
  });

  it('late: frees the slot but the ticket stays due (no refund of a paid one, an unpaid one still owed)', async () => {
    const held = await booked(SOON, false);
    expect(await ingest([cancelItem('kiosk-1', 'c1', 2, held.booking.code, at())])).toEqual([{ key: 'c1', status: 'stored' }]);
    expect((await store.getSlot(held.slotId))?.bookingCode).toBeNull();
    expect((await store.getBooking(held.booking.code))?.status).toBe('booked');
    const unpaid = await store.unpaidTickets('2026-06-03', 10);
    expect(unpaid.tickets.map((t) => t.booking.code)).toEqual([held.booking.code]);
    expect(await changes.citizenBookings(ROSSI)).toEqual([]);
    expect(await ingest([cancelItem('kiosk-1', 'c2', 3, held.booking.code, at())])).toEqual([{ key: 'c2', status: 'conflict', reason: 'BOOKING_ALREADY_CANCELLED' }]);
  });

  it('leaves a booking cancelled in time out of the reconciliation, and counts one cancelled late as unpaid', async () => {
    const held = await booked(LATER, false);
    const day = '2026-06-03';
    expect((await store.reconciliationRows(day, day)).appointments).toMatchObject([{ day, appointments: 1, unpaid: 1 }]);
    expect(await ingest([cancelItem('kiosk-1', 'c1', 2, held.booking.code, at())])).toEqual([{ key: 'c1', status: 'stored' }]);
    expect((await store.reconciliationRows(day, day)).appointments).toEqual([]);
    expect((await store.unpaidTickets('2026-06-30', 10)).count).toBe(0);
    expect(await store.noticeCandidates('2026-06-30')).toEqual([]);
  });

  it('late and paid: no refund request', async () => {
    const held = await booked(SOON, true);
    expect(await ingest([cancelItem('kiosk-1', 'c1', 3, held.booking.code, at())])).toEqual([{ key: 'c1', status: 'stored' }]);
    expect((await store.getBooking(held.booking.code))?.status).toBe('paid');
    expect(await changes.refunds()).toEqual([]);
  });

  it('refuses a cancellation from the start on (BOOKING_STARTED), of an unknown booking, or naming another citizen', async () => {
    const held = await booked(SOON, false);
    expect(await ingest([cancelItem('kiosk-1', 'c1', 2, held.booking.code, at(25 * HOUR))])).toEqual([{ key: 'c1', status: 'conflict', reason: 'BOOKING_STARTED' }]);
    expect(await ingest([cancelItem('kiosk-1', 'c2', 3, '100000000190', at())])).toEqual([{ key: 'c2', status: 'conflict', reason: 'BOOKING_UNKNOWN' }]);
    expect(await ingest([cancelItem('kiosk-1', 'c3', 4, held.booking.code, at(), BIANCHI)])).toEqual([{ key: 'c3', status: 'conflict', reason: 'PAYLOAD_INVALID' }]);
    expect((await store.getSlot(held.slotId))?.bookingCode).toBe(held.booking.code);
  });

  it('refunds a booking booked, paid and cancelled in one batch, from the batch’s own payment', async () => {
    const held = await agenda.hold(VISIT_B_ORDER[LATER]!, NRE.visitB, ROSSI, 'kiosk-1');
    const results = await ingest([bookingItem('kiosk-1', 'b1', 1, held), paymentItem('kiosk-1', 'p1', 2, held.booking.code, ROSSI, 2066), cancelItem('kiosk-1', 'c1', 3, held.booking.code, at())]);
    expect(results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
    expect((await store.getBooking(held.booking.code))?.status).toBe('cancelled');
    expect((await store.getSlot(held.slotId))?.bookingCode).toBeNull();
    expect(await changes.refunds()).toMatchObject([{ bookingCode: held.booking.code, amountCents: 2066, paymentId: 'pay-p1' }]);
  });
});

describe('moving a booking', () => {
  it('holds a new slot under the same code, then frees the old one and keeps the payment', async () => {
    const held = await booked(LATER, true);
    expect(await changes.citizenBookings(ROSSI)).toMatchObject([{ code: held.booking.code, startsAt: '2026-06-03T10:00', status: 'paid' }]);
    const found = await changes.moveSlots(held.booking.code, ROSSI);
    expect(found.slots.map((s) => s.slotId)).not.toContain(held.slotId);
    expect(found.slots.map((s) => s.slotId)).toContain(VISIT_B_ORDER[4]);
    const move = await changes.holdForMove(held.booking.code, VISIT_B_ORDER[4]!, ROSSI, 'kiosk-1');
    expect(move.booking).toMatchObject({ code: held.booking.code, startsAt: '2026-06-11T08:00', status: 'paid' });
    expect(await ingest([moveItem('kiosk-1', 'm1', 3, move, at())])).toEqual([{ key: 'm1', status: 'stored' }]);
    expect((await store.getSlot(held.slotId))?.bookingCode).toBeNull();
    expect((await store.getSlot(VISIT_B_ORDER[4]!))?.bookingCode).toBe(held.booking.code);
    expect(await store.getBooking(held.booking.code)).toMatchObject({ startsAt: '2026-06-11T08:00', status: 'paid' });
    expect(await store.getPrescription(NRE.visitB)).toMatchObject({ status: 'booked', bookingCode: held.booking.code });
    // Moved, then cancelled in time: the refund is of the same payment.
    expect(await ingest([cancelItem('kiosk-1', 'c1', 4, held.booking.code, at())])).toEqual([{ key: 'c1', status: 'stored' }]);
    expect((await store.getSlot(VISIT_B_ORDER[4]!))?.bookingCode).toBeNull();
    expect(await changes.refunds()).toMatchObject([{ amountCents: 2066, paymentId: 'pay-p1' }]);
  });

  it('refuses a slot taken, a booking cancelled, started or another citizen’s', async () => {
    const held = await booked(LATER, false);
    await expect(changes.holdForMove(held.booking.code, VISIT_B_ORDER[LATER]!, ROSSI, 'kiosk-1')).rejects.toMatchObject({ code: 'SLOT_TAKEN', status: 409 });
    await expect(changes.moveSlots(held.booking.code, BIANCHI)).rejects.toMatchObject({ code: 'BOOKING_NOT_YOURS', status: 403 });
    await expect(changes.moveSlots('100000000190', ROSSI)).rejects.toMatchObject({ code: 'BOOKING_UNKNOWN', status: 404 });
    const move = await changes.holdForMove(held.booking.code, VISIT_B_ORDER[4]!, ROSSI, 'kiosk-1');
    // Another terminal's hold on the slot is live: the move is a conflict.
    expect(await ingest([moveItem('kiosk-1', 'm1', 2, move, at(), 'another-hold')])).toEqual([{ key: 'm1', status: 'conflict', reason: 'SLOT_TAKEN' }]);
    expect((await store.getSlot(held.slotId))?.bookingCode).toBe(held.booking.code);
    clock += 50 * HOUR;
    await expect(changes.moveSlots(held.booking.code, ROSSI)).rejects.toMatchObject({ code: 'BOOKING_STARTED' });
    expect(await ingest([moveItem('kiosk-1', 'm2', 3, move, at())])).toEqual([{ key: 'm2', status: 'conflict', reason: 'BOOKING_STARTED' }]);
    clock = AGENDA_NOW;
    expect(await ingest([cancelItem('kiosk-1', 'c1', 4, held.booking.code, at())])).toEqual([{ key: 'c1', status: 'stored' }]);
    await expect(changes.moveSlots(held.booking.code, ROSSI)).rejects.toMatchObject({ code: 'BOOKING_ALREADY_CANCELLED' });
    expect(await ingest([moveItem('kiosk-1', 'm3', 5, move, at())])).toEqual([{ key: 'm3', status: 'conflict', reason: 'BOOKING_ALREADY_CANCELLED' }]);
  });
});

describe('the booking-change routes', () => {
  it('answer the citizen’s bookings, move slots and typed refusals over HTTP, the refunds to the administrator only, and are documented', async () => {
    const held = await booked(LATER, true);
    expect(await ingest([cancelItem('kiosk-1', 'c1', 3, held.booking.code, at())])).toEqual([{ key: 'c1', status: 'stored' }]);
    const app = buildCentralApp(store, { now: () => new Date(clock), requireSignatures: false, adminToken: 'booking-changes-admin-token' });
    try {
      const inject = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, token?: string) =>
        app.inject({ method, url, ...(payload === undefined ? {} : { payload }), ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });
      expect((await inject('GET', `/v1/citizens/${ROSSI}/bookings`)).json()).toEqual({ bookings: [] });
      const refused = await inject('POST', `/v1/bookings/${held.booking.code}/move/slots`, { taxCode: ROSSI });
      expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'BOOKING_ALREADY_CANCELLED']);
      const unknown = await inject('POST', '/v1/bookings/100000000190/move/hold', { taxCode: ROSSI, slotId: VISIT_B_ORDER[0] });
      expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'BOOKING_UNKNOWN']);
      expect((await inject('GET', '/v1/admin/refunds')).statusCode).toBe(401);
      expect((await inject('GET', '/v1/admin/refunds', undefined, 'booking-changes-admin-token')).json()).toMatchObject({ refunds: [{ bookingCode: held.booking.code, amountCents: 2066 }] });
      const doc = (await inject('GET', '/openapi.json')).json() as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/citizens/{taxCode}/bookings', '/v1/bookings/{code}/move/slots', '/v1/bookings/{code}/move/hold', '/v1/admin/refunds']));
    } finally {
      await app.close();
    }
  });
});

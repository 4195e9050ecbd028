import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENDA_NOW, AGENDA_PRESCRIPTIONS, AGENDA_SLOTS, bookingItem, NRE, paymentItem, ROSSI, VISIT_B_ORDER } from '../../../sync-service/central/agenda-fixtures.ts';
import { cancelItem, moveItem } from '../../../sync-service/central/booking-change-fixtures.ts';
import { CentralBookingChanges } from '../../../sync-service/central/booking-changes.ts';
import { CentralAgenda, ingestBatch, type CentralStore } from '../../../sync-service/central/index.ts';
import type { SyncItem } from '../../../sync-service/protocol/index.ts';
import { bothStores, type OpenedStore } from './both-stores.ts';

// Cancelling and moving bookings, on both stores: a move holds under the booking's own code and
// frees the old slot, a cancellation in time frees it and keeps a refund of what was paid, a
// late one leaves the ticket due.

const HOUR = 3_600_000;
const STORES = bothStores('cupk-booking-changes-');

describe.each(STORES)('booking changes on %s', (_name, open) => {
  let opened: OpenedStore;
  let store: CentralStore;
  let agenda: CentralAgenda;
  let changes: CentralBookingChanges;
  const now = new Date(AGENDA_NOW).toISOString();
  const ingest = (items: SyncItem[]) => ingestBatch(store, 'kiosk-1', items, now);

  beforeEach(async () => {
    opened = await open();
    store = opened.store;
    agenda = new CentralAgenda({ store, now: () => new Date(AGENDA_NOW) });
    changes = new CentralBookingChanges({ store, now: () => new Date(AGENDA_NOW) });
    await store.addPrescriptions(AGENDA_PRESCRIPTIONS);
    await store.addSlots(AGENDA_SLOTS);
  });

  afterEach(async () => {
    await opened.cleanup();
  });

  async function booked(slot: number, paid: boolean) {
    const held = await agenda.hold(VISIT_B_ORDER[slot]!, NRE.visitB, ROSSI, 'kiosk-1');
    const items = [bookingItem('kiosk-1', 'b1', 1, held, { payAt: paid ? 'now' : 'appointment' })];
    if (paid) items.push(paymentItem('kiosk-1', 'p1', 2, held.booking.code, ROSSI, 2066));
    expect((await ingest(items)).map((r) => r.status)).toEqual(items.map(() => 'stored'));
    return held;
  }

  it('moves a paid booking, then cancels it in time with a refund of the payment', async () => {
    const held = await booked(2, true);
    expect((await changes.citizenBookings(ROSSI)).map((b) => b.code)).toEqual([held.booking.code]);
    const move = await changes.holdForMove(held.booking.code, VISIT_B_ORDER[4]!, ROSSI, 'kiosk-1');
    expect(move.booking.code).toBe(held.booking.code);
    expect(await ingest([moveItem('kiosk-1', 'm1', 3, move, now)])).toEqual([{ key: 'm1', status: 'stored' }]);
    expect((await store.getSlot(held.slotId))?.bookingCode).toBeNull();
    expect((await store.getSlot(VISIT_B_ORDER[4]!))?.bookingCode).toBe(held.booking.code);
    expect(await store.getBooking(held.booking.code)).toMatchObject({ startsAt: '2026-06-11T08:00', status: 'paid' });

    expect(await ingest([cancelItem('kiosk-1', 'c1', 4, held.booking.code, now)])).toEqual([{ key: 'c1', status: 'stored' }]);
    expect((await store.getBooking(held.booking.code))?.status).toBe('cancelled');
    expect((await store.getSlot(VISIT_B_ORDER[4]!))?.bookingCode).toBeNull();
    expect((await store.getPrescription(NRE.visitB))?.status).toBe('open');
    expect(await store.refundRequests()).toEqual([
      { refundId: 'rf-c1', bookingCode: held.booking.code, taxCode: ROSSI, amountCents: 2066, paymentId: 'pay-p1', terminalId: 'kiosk-1', requestedAt: now, receivedAt: now, transactionKey: 'c1' },
    ]);
    expect(await changes.citizenBookings(ROSSI)).toEqual([]);
    expect((await store.reconciliationRows('2026-06-11', '2026-06-11')).appointments).toEqual([]);
  });

  it('reads the bookings a batch changes once each, with their slot and payment; unknown codes are not answered', async () => {
    const paid = await booked(2, true);
    const { bookings, payments } = await store.transaction(async (tx) => ({
      bookings: await tx.bookingsForChange([paid.booking.code, 'nope', paid.booking.code]),
      payments: await tx.bookingsPaid(['nope', paid.booking.code, paid.booking.code]),
    }));
    expect([...bookings.keys()]).toEqual([paid.booking.code]);
    expect(bookings.get(paid.booking.code)).toMatchObject({ slotId: paid.slotId, cancelled: false, booking: { code: paid.booking.code, status: 'paid' } });
    expect(payments).toEqual(new Map([[paid.booking.code, { paymentId: 'pay-p1', amountCents: 2066 }]]));
  });

  it('cancelled late, an unpaid ticket stays due; after the start nothing is cancelled', async () => {
    const held = await booked(0, false);
    expect(await ingest([cancelItem('kiosk-1', 'c0', 2, held.booking.code, new Date(AGENDA_NOW + 25 * HOUR).toISOString())])).toEqual([{ key: 'c0', status: 'conflict', reason: 'BOOKING_STARTED' }]);
    expect(await ingest([cancelItem('kiosk-1', 'c1', 3, held.booking.code, now)])).toEqual([{ key: 'c1', status: 'stored' }]);
    expect((await store.getSlot(held.slotId))?.bookingCode).toBeNull();
    expect((await store.unpaidTickets('2026-06-03', 10)).tickets.map((t) => t.booking.code)).toEqual([held.booking.code]);
    expect(await store.refundRequests()).toEqual([]);
    expect(await ingest([cancelItem('kiosk-1', 'c2', 4, held.booking.code, now)])).toEqual([{ key: 'c2', status: 'conflict', reason: 'BOOKING_ALREADY_CANCELLED' }]);
  });

  it('refuses to hold a taken slot for a move', async () => {
    const held = await booked(2, false);
    await expect(changes.holdForMove(held.booking.code, VISIT_B_ORDER[2]!, ROSSI, 'kiosk-2')).rejects.toMatchObject({ code: 'SLOT_TAKEN' });
    await changes.holdForMove(held.booking.code, VISIT_B_ORDER[4]!, ROSSI, 'kiosk-1');
    await expect(changes.holdForMove(held.booking.code, VISIT_B_ORDER[4]!, ROSSI, 'kiosk-2')).rejects.toMatchObject({ code: 'SLOT_TAKEN' });
  });
});

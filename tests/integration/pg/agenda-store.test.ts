import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AGENDA_NOW,
  AGENDA_PRESCRIPTIONS,
  AGENDA_SLOTS,
  bookingItem,
  NRE,
  paymentItem,
  ROSSI,
  VISIT_B_ORDER,
  waitingItem,
} from '../../../sync-service/central/agenda-fixtures.ts';
import { CentralAgenda, ingestBatch, type CentralStore } from '../../../sync-service/central/index.ts';
import { issuedBookingCode } from '../../../sync-service/domain/index.ts';
import type { SyncItem } from '../../../sync-service/protocol/index.ts';
import { bothStores, type OpenedStore } from './both-stores.ts';

// The agenda part of the central store's contract, on both stores: seeding adds only what is
// missing, a search sees free slots in order, a hold has one holder, and a booking confirmed at
// ingest (then paid in the same batch) takes its slot and prescription.

const MINUTE = 60_000;
const STORES = bothStores('cupk-agenda-contract-');

describe.each(STORES)('agenda store contract on %s', (_name, open) => {
  let opened: OpenedStore;
  let store: CentralStore;
  let agenda: CentralAgenda;
  let clock: number;
  const ingest = (terminalId: string, items: SyncItem[]) => ingestBatch(store, terminalId, items, new Date(clock).toISOString());
  const at = (minutes: number) => new Date(AGENDA_NOW + minutes * MINUTE).toISOString();
  const hold = (terminalId: string, holdId: string, now = 0) => store.holdSlot({ slotId: VISIT_B_ORDER[0]!, nre: NRE.visitB, terminalId, holdId, now: at(now), until: at(now + 10) });

  beforeEach(async () => {
    opened = await open();
    store = opened.store;
    clock = AGENDA_NOW;
    agenda = new CentralAgenda({ store, now: () => new Date(clock) });
    expect(await store.addPrescriptions(AGENDA_PRESCRIPTIONS)).toBe(AGENDA_PRESCRIPTIONS.length);
    expect(await store.addSlots(AGENDA_SLOTS)).toBe(AGENDA_SLOTS.length);
  });
  afterEach(async () => {
    await opened.cleanup();
  });

  it('adds only missing prescriptions and slots', async () => {
    expect(await store.addPrescriptions(AGENDA_PRESCRIPTIONS)).toBe(0);
    expect(await store.addSlots([...AGENDA_SLOTS, { ...AGENDA_SLOTS[0]!, slotId: 'extra:89.7A.3:2026-06-02T09:30', startsAt: '2026-06-02T09:30' }])).toBe(1);
    expect((await store.prescriptionsOf(ROSSI)).map((p) => p.nre)).toEqual([NRE.neurologyU, NRE.visitB, NRE.ultrasoundD, '0701B2000417435']);
    expect(await store.getPrescription(NRE.visitB)).toMatchObject({ priority: 'B', status: 'open', bookingCode: null, exemptions: ['031'] });
    expect(await store.getSlot(VISIT_B_ORDER[0]!)).toEqual({ slot: AGENDA_SLOTS.find((s) => s.slotId === VISIT_B_ORDER[0]), hold: null, bookingCode: null });
  });

  it('searches free slots earliest first, ties by provider, inside the window', async () => {
    const found = await store.freeSlots({ serviceCode: '89.7A.3', from: at(0), to: '2026-06-11T06:00:00.000Z', now: at(0), limit: 10 });
    expect(found.map((s) => s.slotId)).toEqual(VISIT_B_ORDER);
    expect((await store.freeSlots({ serviceCode: '89.7A.3', from: at(0), to: '2026-06-11T06:00:00.000Z', now: at(0), limit: 2 })).length).toBe(2);
  });

  it('gives a hold one holder, extends it for the holder, frees it when it lapses or is released', async () => {
    const first = await hold('kiosk-1', 'h1');
    expect(first).toMatchObject({ held: true, hold: { holdId: 'h1', terminalId: 'kiosk-1', nre: NRE.visitB, heldUntil: at(10) } });
    const code = first.held ? first.hold.bookingCode : '';
    expect(code).toMatch(/^2\d{11}$/);
    expect(await hold('kiosk-2', 'h2', 1)).toEqual({ held: false, reason: 'SLOT_TAKEN' });
    expect(await hold('kiosk-1', 'h3', 5)).toEqual({ held: true, hold: { holdId: 'h1', terminalId: 'kiosk-1', nre: NRE.visitB, heldUntil: at(15), bookingCode: code } });
    expect((await store.freeSlots({ serviceCode: '89.7A.3', from: at(0), to: at(2 * 60 * 24), now: at(14), limit: 1 }))[0]?.slotId).not.toBe(VISIT_B_ORDER[0]);
    expect((await store.freeSlots({ serviceCode: '89.7A.3', from: at(0), to: at(2 * 60 * 24), now: at(16), limit: 1 }))[0]?.slotId).toBe(VISIT_B_ORDER[0]);
    const taken = await hold('kiosk-2', 'h4', 16);
    expect(taken).toMatchObject({ held: true, hold: { holdId: 'h4', terminalId: 'kiosk-2' } });
    expect(taken.held && taken.hold.bookingCode).not.toBe(code);
    expect(await store.releaseHold('h1', 'kiosk-1', at(17))).toBe(false);
    expect(await store.releaseHold('h4', 'kiosk-1', at(17))).toBe(false);
    expect(await store.releaseHold('h4', 'kiosk-2', at(17))).toBe(true);
    expect((await store.getSlot(VISIT_B_ORDER[0]!))?.hold).toBeNull();
    expect(await store.holdSlot({ slotId: 'nowhere', nre: NRE.visitB, terminalId: 'kiosk-1', holdId: 'h5', now: at(0), until: at(10) })).toEqual({ held: false, reason: 'SLOT_UNKNOWN' });
  });

  it('books at ingest, pays in the same batch, and answers a later booking of the slot SLOT_TAKEN', async () => {
    const held = await agenda.hold(VISIT_B_ORDER[0]!, NRE.visitB, ROSSI, 'kiosk-1');
    expect(await ingest('kiosk-1', [bookingItem('kiosk-1', 'b1', 1, held), paymentItem('kiosk-1', 'p1', 2, held.booking.code, ROSSI, 2066)])).toEqual([
      { key: 'b1', status: 'stored' },
      { key: 'p1', status: 'stored' },
    ]);
    expect(await store.getBooking(held.booking.code)).toEqual({ ...held.booking, status: 'paid' });
    expect(await store.getPrescription(NRE.visitB)).toMatchObject({ status: 'booked', bookingCode: held.booking.code });
    // Another prescription of the same service, booked on the same slot from a lapsed hold of kiosk-2.
    const other = { ...AGENDA_PRESCRIPTIONS.find((p) => p.nre === NRE.visitB)!, nre: '0701B2000999001' };
    await store.addPrescriptions([other]);
    const stale = { ...held, holdId: 'gone', booking: { ...held.booking, code: issuedBookingCode(99_999), prescriptions: [{ nre: other.nre, services: other.services }] } };
    const item = bookingItem('kiosk-2', 'b2', 1, stale);
    expect(await ingest('kiosk-2', [item])).toEqual([{ key: 'b2', status: 'conflict', reason: 'SLOT_TAKEN' }]);
    expect(await ingest('kiosk-2', [item])).toEqual([{ key: 'b2', status: 'conflict', reason: 'SLOT_TAKEN' }]);
  });

  it('keeps one waiting-list request per prescription, the latest', async () => {
    await ingest('kiosk-1', [waitingItem('kiosk-1', 'w1', 1, NRE.neurologyU, '+393331234567')]);
    await ingest('kiosk-2', [waitingItem('kiosk-2', 'w2', 1, NRE.neurologyU, '+390101234567'), waitingItem('kiosk-2', 'w3', 2, NRE.neurologyU, '+390109999999')]);
    expect((await store.waitingList()).map((r) => [r.nre, r.phone, r.requestId, r.status])).toEqual([[NRE.neurologyU, '+390109999999', 'wl-w3', 'waiting']]);
    expect(await store.waitingList('booked')).toEqual([]);
  });
});

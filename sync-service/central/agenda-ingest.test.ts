import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_BOOKINGS } from '../domain/index.ts';
import type { SlotHoldResponse, SyncItem } from '../protocol/index.ts';
import { CentralAgenda } from './agenda.ts';
import { AGENDA_NOW, AGENDA_PRESCRIPTIONS, AGENDA_SLOTS, bookingItem, NRE, paymentItem, ROSSI, VISIT_B_ORDER, waitingItem } from './agenda-fixtures.ts';
import { ingestBatch } from './ingest.ts';
import { SqliteCentralStore } from './sqlite-store.ts';

const MINUTE = 60_000;
let dir: string;
let store: SqliteCentralStore;
let agenda: CentralAgenda;
let clock: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-agenda-ingest-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  await store.addPrescriptions(AGENDA_PRESCRIPTIONS);
  await store.addSlots(AGENDA_SLOTS);
  await store.addBookings(DEMO_BOOKINGS);
  clock = AGENDA_NOW;
  agenda = new CentralAgenda({ store, now: () => new Date(clock) });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ingest = (terminalId: string, items: SyncItem[]) => ingestBatch(store, terminalId, items, new Date(clock).toISOString());
const holdB = (terminalId: string, slot = 0): Promise<SlotHoldResponse> => agenda.hold(VISIT_B_ORDER[slot]!, NRE.visitB, ROSSI, terminalId);

describe('booking items', () => {
  it('books the held slot, and a payment later in the same batch pays it', async () => {
    const held = await holdB('kiosk-1');
    const results = await ingest('kiosk-1', [bookingItem('kiosk-1', 'b1', 1, held), paymentItem('kiosk-1', 'p1', 2, held.booking.code, ROSSI, 2066)]);
    expect(results).toEqual([
      { key: 'b1', status: 'stored' },
      { key: 'p1', status: 'stored' },
    ]);
    expect(await store.getBooking(held.booking.code)).toEqual({ ...held.booking, status: 'paid' });
    expect(await store.getPrescription(NRE.visitB)).toMatchObject({ status: 'booked', bookingCode: held.booking.code });
    expect((await store.getSlot(held.slotId))?.bookingCode).toBe(held.booking.code);
    const { slots } = await agenda.search(NRE.ultrasoundD, ROSSI);
    expect(slots.map((s) => s.slotId)).not.toContain(held.slotId);
    await expect(agenda.search(NRE.visitB, ROSSI)).rejects.toMatchObject({ code: 'PRESCRIPTION_NOT_OPEN', status: 409 });
  });

  it('books a slot whose hold lapsed when nobody took it since', async () => {
    const held = await holdB('kiosk-1');
    clock += 30 * MINUTE;
    expect(await ingest('kiosk-1', [bookingItem('kiosk-1', 'b1', 1, held, { payAt: 'appointment' })])).toEqual([{ key: 'b1', status: 'stored' }]);
    expect((await store.getBooking(held.booking.code))?.status).toBe('booked');
  });

  it('answers PRESCRIPTION_ALREADY_BOOKED when another terminal booked the prescription meanwhile, and the same to a resend', async () => {
    const late = await holdB('kiosk-1');
    clock += 11 * MINUTE;
    const quick = await holdB('kiosk-2');
    expect(await ingest('kiosk-2', [bookingItem('kiosk-2', 'k2-b', 1, quick)])).toEqual([{ key: 'k2-b', status: 'stored' }]);
    const item = bookingItem('kiosk-1', 'k1-b', 1, late);
    const conflict = [{ key: 'k1-b', status: 'conflict', reason: 'PRESCRIPTION_ALREADY_BOOKED' }];
    expect(await ingest('kiosk-1', [item])).toEqual(conflict);
    expect(await ingest('kiosk-1', [item])).toEqual(conflict);
    expect(await store.getBooking(late.booking.code)).toBeUndefined();
  });

  it('answers SLOT_TAKEN while another terminal holds the slot, and after it booked it, resend or not', async () => {
    const mine = await holdB('kiosk-1');
    clock += 11 * MINUTE;
    // Another terminal holds it now, for another prescription of the same service.
    const other = { ...AGENDA_PRESCRIPTIONS.find((p) => p.nre === NRE.visitB)!, nre: '0701B2000999001' };
    await store.addPrescriptions([other]);
    const theirs = await agenda.hold(mine.slotId, other.nre, ROSSI, 'kiosk-2');
    const item = bookingItem('kiosk-1', 'k1-b', 1, mine);
    expect(await ingest('kiosk-1', [item])).toEqual([{ key: 'k1-b', status: 'conflict', reason: 'SLOT_TAKEN' }]);
    expect(await ingest('kiosk-2', [bookingItem('kiosk-2', 'k2-b', 1, theirs)])).toEqual([{ key: 'k2-b', status: 'stored' }]);
    expect(await ingest('kiosk-1', [item])).toEqual([{ key: 'k1-b', status: 'conflict', reason: 'SLOT_TAKEN' }]);
  });

  it('refuses an unknown slot, a code already held, a payload of another terminal or malformed', async () => {
    const held = await holdB('kiosk-1');
    const results = await ingest('kiosk-1', [
      bookingItem('kiosk-1', 'x1', 1, { ...held, slotId: 'nowhere:89.7A.3:2026-06-02T09:00' }),
      bookingItem('kiosk-1', 'x2', 2, held, { booking: { code: DEMO_BOOKINGS[0]!.code } }),
      bookingItem('kiosk-2', 'x3', 3, held),
      { ...bookingItem('kiosk-1', 'x4', 4, held), payload: { holdId: held.holdId } },
      bookingItem('kiosk-1', 'x5', 5, held, { booking: { code: '123456789012' } }),
    ]);
    expect(results.map((r) => r.reason)).toEqual(['HOLD_UNKNOWN', 'BOOKING_CODE_REUSED', 'TERMINAL_MISMATCH', 'PAYLOAD_INVALID', 'PAYLOAD_INVALID']);
    expect((await store.getSlot(held.slotId))?.bookingCode).toBeNull();
  });
});

describe('waiting-list items', () => {
  it('are stored, a later one replaces the phone, and a booking of the prescription marks it booked', async () => {
    expect(await ingest('kiosk-1', [waitingItem('kiosk-1', 'w1', 1, NRE.neurologyU, '+393331234567'), waitingItem('kiosk-1', 'w2', 2, NRE.visitB, '+393339999999', '89.7A.3', 'B')])).toEqual([
      { key: 'w1', status: 'stored' },
      { key: 'w2', status: 'stored' },
    ]);
    expect(await ingest('kiosk-2', [waitingItem('kiosk-2', 'w3', 1, NRE.neurologyU, '+390101234567')])).toEqual([{ key: 'w3', status: 'stored' }]);
    const listed = await agenda.waitingList();
    expect(listed.map((r) => [r.nre, r.phone, r.terminalId, r.status])).toEqual([
      [NRE.visitB, '+393339999999', 'kiosk-1', 'waiting'],
      [NRE.neurologyU, '+390101234567', 'kiosk-2', 'waiting'],
    ]);
    const held = await holdB('kiosk-1');
    await ingest('kiosk-1', [bookingItem('kiosk-1', 'b1', 3, held)]);
    expect((await agenda.waitingList('booked')).map((r) => r.nre)).toEqual([NRE.visitB]);
    expect((await agenda.waitingList('waiting')).map((r) => r.nre)).toEqual([NRE.neurologyU]);
    expect((await ingest('kiosk-1', [{ ...waitingItem('kiosk-1', 'w4', 4, NRE.neurologyU, '333'), kind: 'waiting-list' }]))[0]).toMatchObject({ status: 'conflict', reason: 'PAYLOAD_INVALID' });
  });
});

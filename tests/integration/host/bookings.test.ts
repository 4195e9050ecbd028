import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bookingCheckDigits, type Booking } from '@cup-kiosk/sync-service/domain';
import { BookingPayloadSchema, WaitingListPayloadSchema, type PrescriptionView, type Slot, type SlotHoldResponse } from '@cup-kiosk/sync-service/protocol';
import type { BookingSlipData } from '@cup-kiosk/terminal-drivers/printer';
import { normalizePhone } from '../../../kiosk/host/booking-desk.ts';
import { CashService } from '../../../kiosk/host/cash/cash-service.ts';
import type { CentralPort } from '../../../kiosk/host/ports.ts';
import { openTerminalDb, type TerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { TerminalHost } from '../../../kiosk/host/terminal-host.ts';
import { IDLE_CASH_DESK, PRINTER_READY } from './fake-devices.ts';

// Booking through the host over a real SQLite file; the central's agendas and the devices are fakes.

const NOW = new Date('2026-12-03T09:00:00Z');
const ROSSI = 'RSSMRA85T10A562S';
const NRE = '0701B2000999001';
const READY = PRINTER_READY;
const provider = { id: 'asl3-genovese', name: 'ASL 3 Genovese', fiscalCode: '03399650104' };
const place = { name: 'Poliambulatorio Struppa', address: 'Via Struppa 150, 16165 Genova GE' };

const prescription: PrescriptionView = {
  nre: NRE,
  taxCode: ROSSI,
  priority: 'B',
  issuedOn: '2026-12-01',
  prescriber: 'Dott. Anna Ferri',
  services: [{ code: '89.7A.3', description: 'Prima visita cardiologica', tariffCents: 2066 }],
  exemptions: [],
  status: 'open',
  bookingCode: null,
};
const slot = (id: string, startsAt: string, intramoenia = false): Slot => ({ slotId: id, provider, place, serviceCode: '89.7A.3', startsAt, durationMinutes: 20, intramoenia });
const SLOTS = [slot('s1', '2026-12-07T09:00'), slot('s2', '2026-12-09T11:20', true)];

let dir: string;
let tdb: TerminalDb;
let kicks: number;
let reachable: boolean;
let slips: BookingSlipData[];
let printerFails: boolean;
let released: string[];
let issued: number;

const desk = IDLE_CASH_DESK;

function online<T>(value: () => T): Promise<T> {
  return reachable ? Promise.resolve(value()) : Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'CENTRAL_UNREACHABLE' }));
}

const central: CentralPort = {
  lookupBooking: async (code) => {
    throw Object.assign(new Error(`no booking ${code}`), { code: reachable ? 'BOOKING_NOT_FOUND' : 'CENTRAL_UNREACHABLE' });
  },
  prescriptions: (taxCode) => online(() => (taxCode === ROSSI ? [prescription, { ...prescription, nre: '0701B2000999002', status: 'booked' as const, bookingCode: '200000000113' }] : [])),
  searchSlots: (nre) => online(() => ({ prescription: { ...prescription, nre }, deadline: '2026-12-13T09:00:00.000Z', slots: SLOTS })),
  holdSlot: (slotId, nre, taxCode) =>
    online((): SlotHoldResponse => {
      const s = SLOTS.find((x) => x.slotId === slotId)!;
      const first10 = `2${String(++issued).padStart(9, '0')}`;
      const booking: Booking = {
        code: first10 + bookingCheckDigits(first10),
        taxCode,
        provider: s.provider,
        place: s.place,
        startsAt: s.startsAt,
        prescriptions: [{ nre, services: prescription.services }],
        exemptions: [],
        status: 'booked',
        intramoenia: s.intramoenia,
      };
      return { holdId: `hold-${issued}`, slotId, heldUntil: new Date(NOW.getTime() + 600_000).toISOString(), booking };
    }),
  releaseHold: (holdId) => online(() => (released.push(holdId), { released: true })),
  kick: () => void kicks++,
};

function makeHost(now: () => Date = () => NOW): TerminalHost {
  return new TerminalHost({
    terminalId: 'T-01',
    store: tdb.payments,
    bookingStore: tdb.bookings,
    heldSlots: tdb.heldSlots,
    central,
    now,
    verifyBaseUrl: 'http://central/v1/receipts/',
    cash: new CashService(desk, tdb.payments, tdb.ledger),
    printer: {
      status: async () => READY,
      printPaymentReceipt: async () => ({ text: 'RICEVUTA', svg: '<svg/>' }),
      printVoucher: async () => ({ text: 'BUONO', svg: '<svg/>' }),
      printBookingSlip: async (d) => {
        if (printerFails) throw Object.assign(new Error('paper out'), { code: 'PRINTER_PAPER_OUT' });
        slips.push(d);
        return { text: `PROMEMORIA ${d.bookingCode}`, svg: '<svg>slip</svg>' };
      },
    },
  });
}

async function outboxItems(kind: string): Promise<{ key: string; payload: unknown }[]> {
  const rows = await tdb.db.all<{ key: string; payload: string }>(`SELECT key, payload FROM outbox WHERE kind = ? ORDER BY seq`, [kind]);
  return rows.map((r) => ({ key: r.key, payload: JSON.parse(r.payload) as unknown }));
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-bookings-'));
  tdb = await openTerminalDb(join(dir, 'terminal.sqlite'), 'T-01');
  kicks = 0;
  reachable = true;
  slips = [];
  printerFails = false;
  released = [];
  issued = 0;
});

afterEach(async () => {
  await tdb.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('booking at the kiosk, through the host', () => {
  it('lists only open prescriptions, and says booking is offline when the central does not answer', async () => {
    const host = makeHost();
    expect((await host.prescriptions(' rssmra85t10a562s ')).map((p) => p.nre)).toEqual([NRE]);
    reachable = false;
    await expect(host.prescriptions(ROSSI)).rejects.toMatchObject({ code: 'BOOKING_OFFLINE' });
    await expect(host.findSlots({ taxCode: ROSSI, nre: NRE })).rejects.toMatchObject({ code: 'BOOKING_OFFLINE' });
  });

  it('refuses a malformed NRE or codice fiscale before asking the central', async () => {
    const host = makeHost();
    await expect(host.findSlots({ taxCode: ROSSI, nre: '12345' })).rejects.toMatchObject({ code: 'BAD_NRE' });
    await expect(host.prescriptions('RSSMRA85T10A562X')).rejects.toMatchObject({ code: expect.stringMatching(/^TAX_CODE_/) });
  });

  it('holds a slot with its quote; intramoenia cannot be paid at the appointment', async () => {
    const host = makeHost();
    const found = await host.findSlots({ taxCode: ROSSI, nre: NRE });
    expect(found.slots.map((s) => [s.slotId, s.providerName, s.intramoenia])).toEqual([
      ['s1', 'ASL 3 Genovese', false],
      ['s2', 'ASL 3 Genovese', true],
    ]);
    const ssn = await host.holdSlot({ taxCode: ROSSI, nre: NRE, slotId: 's1' });
    expect(ssn.booking).toMatchObject({ startsAt: '2026-12-07T09:00', status: 'booked', amountDueCents: 2066 });
    expect(ssn.payAtAppointmentAllowed).toBe(true);
    const intra = await host.holdSlot({ taxCode: ROSSI, nre: NRE, slotId: 's2' });
    expect(intra.payAtAppointmentAllowed).toBe(false);
    await expect(host.confirmBooking({ holdId: intra.holdId, payAt: 'appointment' })).rejects.toMatchObject({ code: 'PAY_NOW_REQUIRED' });
    await host.releaseHold(intra.holdId);
    expect(released).toEqual([intra.holdId]);
  });

  it('confirms on disk with one outbox item, prints the slip, and answers a second confirmation the same', async () => {
    const host = makeHost();
    await host.findSlots({ taxCode: ROSSI, nre: NRE });
    const held = await host.holdSlot({ taxCode: ROSSI, nre: NRE, slotId: 's1' });
    const done = await host.confirmBooking({ holdId: held.holdId, payAt: 'appointment' });
    expect(done.booking.bookingCode).toBe(held.booking.bookingCode);
    expect(done.slip?.svg).toBe('<svg>slip</svg>');
    expect(slips[0]).toMatchObject({ bookingCode: held.booking.bookingCode, taxCode: ROSSI, startsAt: '2026-12-07T09:00', services: [{ code: '89.7A.3' }] });
    const items = await outboxItems('booking');
    expect(items).toHaveLength(1);
    const payload = BookingPayloadSchema.parse(items[0]!.payload);
    expect(payload).toMatchObject({ terminalId: 'T-01', holdId: held.holdId, slotId: 's1', nre: NRE, payAt: 'appointment' });
    expect(kicks).toBe(1);
    const again = await host.confirmBooking({ holdId: held.holdId, payAt: 'appointment' });
    expect(again.booking.bookingCode).toBe(held.booking.bookingCode);
    expect(await outboxItems('booking')).toHaveLength(1);
  });

  it('refuses to confirm a hold whose countdown ran out', async () => {
    let now = NOW;
    const host = makeHost(() => now);
    const held = await host.holdSlot({ taxCode: ROSSI, nre: NRE, slotId: 's1' });
    now = new Date(NOW.getTime() + 600_001);
    await expect(host.confirmBooking({ holdId: held.holdId, payAt: 'now' })).rejects.toMatchObject({ code: 'HOLD_UNKNOWN' });
    expect(await outboxItems('booking')).toHaveLength(0);
  });

  it('keeps the booking when the slip cannot print, and says why', async () => {
    const host = makeHost();
    const held = await host.holdSlot({ taxCode: ROSSI, nre: NRE, slotId: 's1' });
    printerFails = true;
    const done = await host.confirmBooking({ holdId: held.holdId, payAt: 'now' });
    expect(done.slip).toBeNull();
    expect(done.slipError?.code).toBe('PRINTER_PAPER_OUT');
    expect(await tdb.bookings.get(held.booking.bookingCode)).toMatchObject({ code: held.booking.bookingCode });
  });

  it('pays a booking made here before the central has heard of it, online or not', async () => {
    const host = makeHost();
    const held = await host.holdSlot({ taxCode: ROSSI, nre: NRE, slotId: 's1' });
    await host.confirmBooking({ holdId: held.holdId, payAt: 'now' });
    reachable = false;
    expect(await host.findBooking(held.booking.bookingCode)).toMatchObject({ amountDueCents: 2066, status: 'booked' });
    const started = await host.beginPayment({ items: [{ kind: 'booking', bookingCode: held.booking.bookingCode }], taxCode: ROSSI, method: 'cash' });
    expect(started.amountDueCents).toBe(2066);
  });

  it('gives back at restart the holds a stopped host left open, but not one that became a booking', async () => {
    const before = makeHost();
    const left = await before.holdSlot({ taxCode: ROSSI, nre: NRE, slotId: 's1' });
    const givenUp = await before.holdSlot({ taxCode: ROSSI, nre: NRE, slotId: 's2' });
    await before.releaseHold(givenUp.holdId);
    const booked = await before.holdSlot({ taxCode: ROSSI, nre: NRE, slotId: 's1' });
    await before.confirmBooking({ holdId: booked.holdId, payAt: 'appointment' });
    // As if the host stopped after writing the booking and before forgetting its hold.
    await tdb.heldSlots.add(booked.holdId, booked.heldUntil, NOW);
    released = [];
    await tdb.db.close();
    tdb = await openTerminalDb(join(dir, 'terminal.sqlite'), 'T-01');
    const after = makeHost();
    // A hold a citizen takes as the host starts is theirs, not a leftover.
    await tdb.heldSlots.add('hold-taken-since', booked.heldUntil, new Date(NOW.getTime() + 1));
    expect(await after.releaseLeftoverHolds()).toEqual({ released: [left.holdId], kept: [] });
    expect(released).toEqual([left.holdId]);
    expect(await after.releaseLeftoverHolds()).toEqual({ released: [], kept: [] });
    // The restarted host does not know the hold any more: the citizen chooses again.
    await expect(after.confirmBooking({ holdId: left.holdId, payAt: 'now' })).rejects.toMatchObject({ code: 'HOLD_UNKNOWN' });
  });

  it('keeps a leftover hold while the central cannot be told, and forgets it once it lapsed there', async () => {
    let now = NOW;
    const host = makeHost(() => now);
    const held = await host.holdSlot({ taxCode: ROSSI, nre: NRE, slotId: 's1' });
    reachable = false;
    expect(await makeHost(() => now).releaseLeftoverHolds()).toEqual({ released: [], kept: [held.holdId] });
    now = new Date(Date.parse(held.heldUntil));
    reachable = true;
    expect(await makeHost(() => now).releaseLeftoverHolds()).toEqual({ released: [], kept: [] });
    expect(released).toEqual([]);
  });

  it('puts the citizen on the waiting list with a normalised phone number', async () => {
    const host = makeHost();
    await expect(host.joinWaitingList({ taxCode: ROSSI, nre: NRE, phone: '333 123 4567' })).rejects.toMatchObject({ code: 'SEARCH_FIRST' });
    await host.findSlots({ taxCode: ROSSI, nre: NRE });
    await expect(host.joinWaitingList({ taxCode: ROSSI, nre: NRE, phone: '12ab' })).rejects.toMatchObject({ code: 'PHONE_INVALID' });
    const { requestId } = await host.joinWaitingList({ taxCode: ROSSI, nre: NRE, phone: '333 123 4567' });
    const [item] = await outboxItems('waiting-list');
    expect(WaitingListPayloadSchema.parse(item!.payload)).toMatchObject({ requestId, phone: '+393331234567', serviceCode: '89.7A.3', priority: 'B', deadline: '2026-12-13T09:00:00.000Z' });
  });
});

describe('what the host keeps of past sessions', () => {
  it('remembers a bounded number of slot searches: a kiosk running for months does not keep them all', async () => {
    const host = makeHost();
    await host.findSlots({ taxCode: ROSSI, nre: NRE });
    const others = Array.from({ length: 64 }, (_, i) => `0701B2000${String(i).padStart(6, '0')}`);
    for (const nre of others) await host.findSlots({ taxCode: ROSSI, nre });
    await expect(host.joinWaitingList({ taxCode: ROSSI, nre: NRE, phone: '333 123 4567' })).rejects.toMatchObject({ code: 'SEARCH_FIRST' });
    await expect(host.joinWaitingList({ taxCode: ROSSI, nre: others.at(-1)!, phone: '333 123 4567' })).resolves.toMatchObject({ requestId: expect.any(String) });
  });
});

describe('phone numbers for a call back', () => {
  it.each([
    ['333 123 4567', '+393331234567'],
    ['0039 010 555 1234', '+390105551234'],
    ['+40 721 234 567', '+40721234567'],
    ['010-555.1234', '+390105551234'],
  ])('%s is %s', (typed, e164) => expect(normalizePhone(typed)).toBe(e164));

  it.each(['', '123', '+39 abc', '+1234567890123456'])('refuses %j', (typed) => expect(() => normalizePhone(typed)).toThrow(expect.objectContaining({ code: 'PHONE_INVALID' })));
});

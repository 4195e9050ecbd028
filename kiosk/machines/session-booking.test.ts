import { describe, expect, it } from 'vitest';
import { fromPromise } from 'xstate';
import { classify } from '@cup-kiosk/sync-service/domain';
import type { HeldSlot, HoldSlotInput, OpenPrescription, SlotSearch } from '../bridge/terminal-api.ts';
import { EMPTY } from './session-machine.ts';
import { heldSlot, prescription, search } from './session-booking-fakes.ts';
import { mario, settle, start } from './session-fakes.ts';

const NRE = prescription.nre;
const scanNre = (nre = NRE) => ({ type: 'SCAN.READ', text: nre, classified: { kind: 'nre', nre, region: nre.slice(0, 3) } }) as const;
const rejects = <O, I>(code: string) =>
  fromPromise<O, I>(async () => {
    throw { code, message: code.toLowerCase() };
  });

/** An identified citizen at the list of their open prescriptions. */
async function atPrescriptions(overrides: Parameters<typeof start>[0] = {}) {
  const session = start(overrides);
  session.actor.send({ type: 'CARD.INSERTED', citizen: mario });
  session.actor.send({ type: 'MENU.BOOK' });
  expect(session.actor.getSnapshot().value).toBe('findingPrescriptions');
  await settle();
  return session;
}

/** The first slot held for the citizen. */
async function atHold(overrides: Parameters<typeof start>[0] = {}) {
  const session = await atPrescriptions(overrides);
  session.actor.send({ type: 'PRESCRIPTION.CHOOSE', nre: NRE });
  await settle();
  session.actor.send({ type: 'SLOT.CHOOSE', slotId: 's1' });
  expect(session.actor.getSnapshot().value).toBe('holdingSlot');
  await settle();
  expect(session.actor.getSnapshot().value).toBe('holding');
  return session;
}

describe('booking a visit', () => {
  it('lists the prescriptions, finds the slots, holds one, confirms it and pays it now by the usual path', async () => {
    const { actor, calls, begun } = await atPrescriptions();
    expect(calls).toContain(`prescriptions:${mario.taxCode}`);
    expect(actor.getSnapshot().value).toBe('choosingPrescription');
    expect(actor.getSnapshot().context.prescriptions).toEqual([prescription]);

    actor.send({ type: 'PRESCRIPTION.CHOOSE', nre: NRE });
    expect(actor.getSnapshot().value).toBe('findingSlots');
    await settle();
    expect(calls).toContain(`slots:${NRE}`);
    expect(actor.getSnapshot().value).toBe('choosingSlot');
    expect(actor.getSnapshot().context.slotSearch).toEqual(search);

    actor.send({ type: 'SLOT.CHOOSE', slotId: 's1' });
    await settle();
    expect(calls).toContain('hold:s1');
    expect(actor.getSnapshot().value).toBe('holding');
    expect(actor.getSnapshot().context.hold?.holdId).toBe('h-s1');

    actor.send({ type: 'BOOKING.CONFIRM', payAt: 'now' });
    expect(actor.getSnapshot().value).toBe('confirmingBooking');
    await settle();
    expect(calls).toContain('confirm:h-s1:now');
    expect(actor.getSnapshot().value).toBe('booked');
    expect(actor.getSnapshot().context).toMatchObject({ payAt: 'now', hold: null, confirmed: { slip: { text: 'PROMEMORIA' } } });

    actor.send({ type: 'BOOKING.PAY' });
    expect(actor.getSnapshot().value).toBe('reviewing');
    expect(actor.getSnapshot().context).toMatchObject({ flow: 'booking', booking: { bookingCode: '070000001234' } });
    actor.send({ type: 'PAY.CASH' });
    await settle();
    expect(actor.getSnapshot().value).toBe('paying');
    expect(begun.at(-1)).toEqual({ items: [{ kind: 'booking', bookingCode: '070000001234' }], taxCode: mario.taxCode, method: 'cash' });
  });

  it('books to pay at the appointment, then finishes or goes back to the menu with nothing of it kept', async () => {
    const { actor, calls } = await atHold();
    actor.send({ type: 'BOOKING.CONFIRM', payAt: 'appointment' });
    await settle();
    expect(calls).toContain('confirm:h-s1:appointment');
    expect(actor.getSnapshot().value).toBe('booked');
    // Nothing to pay now: the pay button leads nowhere.
    actor.send({ type: 'BOOKING.PAY' });
    expect(actor.getSnapshot().value).toBe('booked');
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('menu');
    expect(actor.getSnapshot().context).toMatchObject({ prescriptions: null, confirmed: null, nre: null, citizen: mario });

    const other = await atHold();
    other.actor.send({ type: 'BOOKING.CONFIRM', payAt: 'appointment' });
    await settle();
    other.actor.send({ type: 'SESSION.FINISH' });
    expect(other.actor.getSnapshot().context).toEqual(EMPTY);
  });

  it('refuses payment at the appointment where it is not allowed (intramoenia)', async () => {
    const session = await atPrescriptions();
    session.actor.send({ type: 'PRESCRIPTION.CHOOSE', nre: NRE });
    await settle();
    session.actor.send({ type: 'SLOT.CHOOSE', slotId: 's2' });
    await settle();
    expect(session.actor.getSnapshot().context.hold?.payAtAppointmentAllowed).toBe(false);
    session.actor.send({ type: 'BOOKING.CONFIRM', payAt: 'appointment' });
    expect(session.actor.getSnapshot().value).toBe('holding');
  });

  it('gives the slot back for another time and searches again', async () => {
    const { actor, calls } = await atHold();
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('releasingHold');
    await settle();
    await settle();
    expect(calls).toContain('release:h-s1');
    expect(calls.filter((c) => c === `slots:${NRE}`)).toHaveLength(2);
    expect(actor.getSnapshot().value).toBe('choosingSlot');
    expect(actor.getSnapshot().context.hold).toBeNull();
  });

  it('a slot taken by someone else: back to the slots, searched again, with why', async () => {
    const { actor, calls } = await atPrescriptions({ holdSlot: rejects<HeldSlot, HoldSlotInput>('SLOT_TAKEN') });
    actor.send({ type: 'PRESCRIPTION.CHOOSE', nre: NRE });
    await settle();
    actor.send({ type: 'SLOT.CHOOSE', slotId: 's1' });
    await settle();
    await settle();
    expect(actor.getSnapshot().value).toBe('choosingSlot');
    expect(calls.filter((c) => c === `slots:${NRE}`)).toHaveLength(2);
    expect(actor.getSnapshot().context.error?.code).toBe('SLOT_TAKEN');
    // The next choice clears it.
    actor.send({ type: 'SLOT.CHOOSE', slotId: 's2' });
    expect(actor.getSnapshot().context.error).toBeNull();
  });

  it('another hold failure stays on the slots with why', async () => {
    const { actor } = await atPrescriptions({ holdSlot: rejects<HeldSlot, HoldSlotInput>('SLOT_OUT_OF_DEADLINE') });
    actor.send({ type: 'PRESCRIPTION.CHOOSE', nre: NRE });
    await settle();
    actor.send({ type: 'SLOT.CHOOSE', slotId: 's1' });
    await settle();
    expect(actor.getSnapshot().value).toBe('choosingSlot');
    expect(actor.getSnapshot().context.error?.code).toBe('SLOT_OUT_OF_DEADLINE');
  });

  it('the hold lapses when its countdown ends, and the slots can be searched again', async () => {
    const { actor, clock, calls } = await atHold();
    // Longer than any screen's inactivity: the hold itself is the limit here.
    clock.increment(9 * 60_000);
    expect(actor.getSnapshot().value).toBe('holding');
    clock.increment(60_000);
    expect(actor.getSnapshot().value).toBe('holdExpired');
    expect(actor.getSnapshot().context.hold).toBeNull();
    actor.send({ type: 'SLOTS.SEARCH' });
    await settle();
    expect(actor.getSnapshot().value).toBe('choosingSlot');
    expect(calls.filter((c) => c === `slots:${NRE}`)).toHaveLength(2);
  });

  it('a hold the host no longer knows at confirmation is said as lapsed', async () => {
    const { actor } = await atHold({ confirmBooking: rejects('HOLD_UNKNOWN') });
    actor.send({ type: 'BOOKING.CONFIRM', payAt: 'now' });
    await settle();
    expect(actor.getSnapshot().value).toBe('holdExpired');
  });

  it('another confirmation failure stays on the hold with why', async () => {
    const { actor } = await atHold({ confirmBooking: rejects('DB_BUSY') });
    actor.send({ type: 'BOOKING.CONFIRM', payAt: 'now' });
    await settle();
    expect(actor.getSnapshot().value).toBe('holding');
    expect(actor.getSnapshot().context.error?.code).toBe('DB_BUSY');
  });

  it('gives the hold back when nobody answers or the card is taken out', async () => {
    const quiet = await atHold();
    quiet.actor.send({ type: 'SESSION.TIMEOUT' });
    expect(quiet.actor.getSnapshot().value).toBe('idle');
    expect(quiet.actor.getSnapshot().context).toEqual(EMPTY);
    await settle();
    expect(quiet.calls).toContain('release:h-s1');

    const out = await atHold();
    out.actor.send({ type: 'CARD.REMOVED' });
    await settle();
    expect(out.actor.getSnapshot().value).toBe('idle');
    expect(out.calls).toContain('release:h-s1');
  });

  it('no slot in time: the waiting list, with a call-back number; an invalid one is said', async () => {
    const empty: SlotSearch = { ...search, slots: [] };
    const { actor, calls } = await atPrescriptions({ findSlots: fromPromise<SlotSearch, { taxCode: string; nre: string }>(async () => empty) });
    actor.send({ type: 'PRESCRIPTION.CHOOSE', nre: NRE });
    await settle();
    expect(actor.getSnapshot().value).toBe('choosingSlot');
    actor.send({ type: 'WAITING_LIST.JOIN' });
    expect(actor.getSnapshot().value).toBe('enteringPhone');

    actor.send({ type: 'PHONE.SUBMIT', phone: '12' });
    expect(actor.getSnapshot().value).toBe('joiningWaitingList');
    await settle();
    expect(actor.getSnapshot().value).toBe('enteringPhone');
    expect(actor.getSnapshot().context.error?.code).toBe('PHONE_INVALID');

    actor.send({ type: 'PHONE.SUBMIT', phone: '+39 333 1234567' });
    await settle();
    expect(calls).toContain(`waiting:${NRE}:+39 333 1234567`);
    expect(actor.getSnapshot().value).toBe('waitingListJoined');
    expect(actor.getSnapshot().context).toMatchObject({ callbackPhone: '+39 333 1234567', error: null });
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('menu');
  });

  it('offers the waiting list only when nothing is free', async () => {
    const { actor } = await atPrescriptions();
    actor.send({ type: 'PRESCRIPTION.CHOOSE', nre: NRE });
    await settle();
    actor.send({ type: 'WAITING_LIST.JOIN' });
    expect(actor.getSnapshot().value).toBe('choosingSlot');
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('choosingPrescription');
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('menu');
  });

  it('without the central: says booking needs it, and a booking can still be paid', async () => {
    const offline = await atPrescriptions({ prescriptions: rejects<OpenPrescription[], { taxCode: string }>('BOOKING_OFFLINE') });
    expect(offline.actor.getSnapshot().value).toBe('bookingOffline');
    expect(offline.actor.getSnapshot().context.error?.code).toBe('BOOKING_OFFLINE');
    offline.actor.send({ type: 'MENU.PAY_BOOKING' });
    expect(offline.actor.getSnapshot().value).toBe('enteringCode');
    expect(offline.actor.getSnapshot().context.error).toBeNull();

    const slotsOffline = await atPrescriptions({ findSlots: rejects<SlotSearch, { taxCode: string; nre: string }>('BOOKING_OFFLINE') });
    slotsOffline.actor.send({ type: 'PRESCRIPTION.CHOOSE', nre: NRE });
    await settle();
    expect(slotsOffline.actor.getSnapshot().value).toBe('bookingOffline');
    slotsOffline.actor.send({ type: 'NAV.BACK' });
    expect(slotsOffline.actor.getSnapshot().value).toBe('menu');
  });

  it('an empty list is a list, and a failed one says why on the same screen', async () => {
    const none = await atPrescriptions({ prescriptions: fromPromise<OpenPrescription[], { taxCode: string }>(async () => []) });
    expect(none.actor.getSnapshot().value).toBe('choosingPrescription');
    expect(none.actor.getSnapshot().context).toMatchObject({ prescriptions: [], error: null });

    const failed = await atPrescriptions({ prescriptions: rejects<OpenPrescription[], { taxCode: string }>('HOST_FAILURE') });
    expect(failed.actor.getSnapshot().value).toBe('choosingPrescription');
    expect(failed.actor.getSnapshot().context).toMatchObject({ prescriptions: null, error: { code: 'HOST_FAILURE' } });
  });
});

describe('a prescription memo shown to the reader', () => {
  it('identified, from the menu: straight to its free slots', async () => {
    const { actor, calls } = start();
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    actor.send(scanNre());
    expect(actor.getSnapshot().value).toBe('findingSlots');
    await settle();
    expect(calls).toContain(`slots:${NRE}`);
    expect(actor.getSnapshot().value).toBe('choosingSlot');
    // Not from the list: back goes to the menu.
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('menu');
  });

  it('identified, from the prescriptions list: straight to its free slots; another code is not a memo', async () => {
    const { actor } = await atPrescriptions();
    actor.send({ type: 'SCAN.READ', text: '123456789092', classified: classify('123456789092') });
    expect(actor.getSnapshot().value).toBe('choosingPrescription');
    expect(actor.getSnapshot().context.error?.code).toBe('SCAN_NOT_RECOGNISED');
    actor.send(scanNre());
    expect(actor.getSnapshot().context.error).toBeNull();
    await settle();
    expect(actor.getSnapshot().value).toBe('choosingSlot');
  });

  it('a memo that cannot be booked: the citizen’s own list, with why', async () => {
    const { actor, calls } = start();
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    actor.send(scanNre('0700A4009999999'));
    await settle();
    await settle();
    expect(calls).toContain(`prescriptions:${mario.taxCode}`);
    expect(actor.getSnapshot().value).toBe('choosingPrescription');
    expect(actor.getSnapshot().context.error?.code).toBe('PRESCRIPTION_UNKNOWN');

    // From the list, the error stays on the list.
    actor.send({ type: 'PRESCRIPTION.CHOOSE', nre: '0700A4009999999' });
    await settle();
    expect(actor.getSnapshot().value).toBe('choosingPrescription');
    expect(actor.getSnapshot().context.error?.code).toBe('PRESCRIPTION_UNKNOWN');
  });

  it('not identified: the information screen, and the card inserted there books the memo shown', async () => {
    const { actor, calls } = start();
    actor.send(scanNre());
    expect(actor.getSnapshot().value).toBe('codeRead');
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    expect(actor.getSnapshot().value).toBe('findingSlots');
    expect(actor.getSnapshot().context).toMatchObject({ citizen: mario, nre: NRE, scanned: null });
    await settle();
    expect(calls).toContain(`slots:${NRE}`);
    expect(actor.getSnapshot().value).toBe('choosingSlot');
  });

  it('holds for as long as the host says', async () => {
    const { actor, clock } = await atHold({
      holdSlot: fromPromise<HeldSlot, HoldSlotInput>(async ({ input }) => heldSlot(input.slotId, 2)),
    });
    clock.increment(119_000);
    expect(actor.getSnapshot().value).toBe('holding');
    clock.increment(1_000);
    expect(actor.getSnapshot().value).toBe('holdExpired');
  });
});

import { describe, expect, it } from 'vitest';
import { fromPromise } from 'xstate';
import type { BookingCancelled, BookingMoved, BookingRef, CitizenBookings, HeldMove, HoldMoveInput, ManagedBooking, MoveSlotSearch } from '../bridge/manage-api.ts';
import { cancelled, heldMove, managed, managedLate, moved, moveSearch } from './session-manage-fakes.ts';
import { EMPTY } from './session-machine.ts';
import { booking, mario, settle, start } from './session-fakes.ts';

const refused = (code: string) => {
  throw { code, message: code.toLowerCase() };
};

/** The host's booking-change commands as fakes, recording what they were asked. */
function manageFakes(calls: string[], o: { found?: ManagedBooking; offline?: boolean; taken?: boolean } = {}) {
  return {
    citizenBookings: fromPromise<CitizenBookings, { taxCode: string }>(async ({ input }) => (calls.push(`list:${input.taxCode}`), { bookings: [o.found ?? managed], offline: false })),
    manageBooking: fromPromise<ManagedBooking, BookingRef>(async ({ input }) => {
      calls.push(`manage:${input.bookingCode}:${input.taxCode ?? '-'}`);
      return input.bookingCode === managed.bookingCode ? (o.found ?? managed) : refused('BOOKING_UNKNOWN');
    }),
    cancelBooking: fromPromise<BookingCancelled, BookingRef>(async ({ input }) => (calls.push(`cancel:${input.bookingCode}`), cancelled)),
    findMoveSlots: fromPromise<MoveSlotSearch, BookingRef>(async ({ input }) => (calls.push(`slots:${input.bookingCode}`), o.offline ? refused('BOOKING_OFFLINE') : moveSearch)),
    holdMoveSlot: fromPromise<HeldMove, HoldMoveInput>(async ({ input }) => (calls.push(`hold:${input.slotId}`), o.taken ? refused('SLOT_TAKEN') : heldMove(input.slotId))),
    releaseMoveHold: fromPromise<void, { holdId: string }>(async ({ input }) => void calls.push(`release:${input.holdId}`)),
    confirmMove: fromPromise<BookingMoved, { holdId: string }>(async ({ input }) => (calls.push(`move:${input.holdId}`), moved('s1'))),
  };
}

/** Mario identified, on the detail of his booking picked from his list. */
async function atDetail(o: Parameters<typeof manageFakes>[1] = {}) {
  const calls: string[] = [];
  const session = start(manageFakes(calls, o));
  session.actor.send({ type: 'CARD.INSERTED', citizen: mario });
  await settle();
  session.actor.send({ type: 'MENU.MANAGE' });
  expect(session.actor.getSnapshot().value).toBe('findingMyBookings');
  await settle();
  session.actor.send({ type: 'MANAGE.CHOOSE', bookingCode: managed.bookingCode });
  expect(session.actor.getSnapshot().value).toBe('managingBooking');
  return { ...session, calls };
}

describe('cancelling a booking', () => {
  it('lists the citizen’s bookings, asks for confirmation, then cancels and keeps the receipt', async () => {
    const { actor, calls } = await atDetail();
    expect(calls).toEqual([`list:${mario.taxCode}`]);
    actor.send({ type: 'MANAGE.CANCEL' });
    expect(actor.getSnapshot().value).toBe('confirmingCancel');
    // Nothing is recorded until the citizen confirms; going back records nothing.
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('managingBooking');
    actor.send({ type: 'MANAGE.CANCEL' });
    actor.send({ type: 'CANCEL.CONFIRM' });
    expect(actor.getSnapshot().value).toBe('cancellingBooking');
    await settle();
    expect(calls.at(-1)).toBe(`cancel:${managed.bookingCode}`);
    expect(actor.getSnapshot().value).toBe('bookingCancelled');
    expect(actor.getSnapshot().context.cancelDone?.refund?.refundId).toBe('RF-1A2B3C4D');
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('menu');
    expect(actor.getSnapshot().context.managed).toBeNull();
  });

  it('refuses to open the dialog for a booking whose appointment started', async () => {
    const { actor } = await atDetail({ found: { ...managedLate, cancelTiming: 'started' } });
    actor.send({ type: 'MANAGE.CANCEL' });
    actor.send({ type: 'MANAGE.MOVE' });
    expect(actor.getSnapshot().value).toBe('managingBooking');
  });

  it('finds a booking by its code typed, and says why one cannot be found', async () => {
    const calls: string[] = [];
    const { actor } = start(manageFakes(calls));
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    await settle();
    actor.send({ type: 'MENU.MANAGE' });
    await settle();
    actor.send({ type: 'MANAGE.BY_CODE' });
    actor.send({ type: 'CODE.SUBMIT', code: '000000000000' });
    await settle();
    expect(actor.getSnapshot().value).toBe('enteringManageCode');
    expect(actor.getSnapshot().context.error?.code).toBe('BOOKING_UNKNOWN');
    actor.send({ type: 'CODE.SUBMIT', code: booking.bookingCode });
    await settle();
    expect(calls.at(-1)).toBe(`manage:${booking.bookingCode}:${mario.taxCode}`);
    expect(actor.getSnapshot().value).toBe('managingBooking');
    // Back goes to the list it came from.
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('choosingMyBooking');
  });
});

describe('moving a booking', () => {
  it('finds slots, holds one with its countdown, confirms the move and keeps the new slip', async () => {
    const { actor, calls } = await atDetail();
    actor.send({ type: 'MANAGE.MOVE' });
    await settle();
    expect(actor.getSnapshot().value).toBe('choosingMoveSlot');
    actor.send({ type: 'SLOT.CHOOSE', slotId: 's1' });
    await settle();
    expect(actor.getSnapshot().value).toBe('moveHeld');
    actor.send({ type: 'MOVE.CONFIRM' });
    await settle();
    expect(calls.slice(-3)).toEqual([`slots:${managed.bookingCode}`, 'hold:s1', 'move:m-s1']);
    expect(actor.getSnapshot().value).toBe('bookingMoved');
    expect(actor.getSnapshot().context.moveHold).toBeNull();
  });

  it('gives the held slot back when the card is taken out, and when the hold lapses asks to search again', async () => {
    const { actor, calls } = await atDetail();
    actor.send({ type: 'MANAGE.MOVE' });
    await settle();
    actor.send({ type: 'SLOT.CHOOSE', slotId: 's1' });
    await settle();
    actor.send({ type: 'CARD.REMOVED' });
    await settle();
    expect(calls.at(-1)).toBe('release:m-s1');
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context).toEqual(EMPTY);

    const lapsing = await atDetail();
    lapsing.actor.send({ type: 'MANAGE.MOVE' });
    await settle();
    lapsing.actor.send({ type: 'SLOT.CHOOSE', slotId: 's1' });
    await settle();
    lapsing.clock.increment(10 * 60_000 + 1_000);
    expect(lapsing.actor.getSnapshot().value).toBe('moveHoldExpired');
    expect(lapsing.actor.getSnapshot().context.moveHold).toBeNull();
    lapsing.actor.send({ type: 'SLOTS.SEARCH' });
    expect(lapsing.actor.getSnapshot().value).toBe('findingMoveSlots');
  });

  it('says a move needs the central (BOOKING_OFFLINE) on the detail, and a slot taken above a fresh list', async () => {
    const offline = await atDetail({ offline: true });
    offline.actor.send({ type: 'MANAGE.MOVE' });
    await settle();
    expect(offline.actor.getSnapshot().value).toBe('managingBooking');
    expect(offline.actor.getSnapshot().context.error?.code).toBe('BOOKING_OFFLINE');

    const taken = await atDetail({ taken: true });
    taken.actor.send({ type: 'MANAGE.MOVE' });
    await settle();
    taken.actor.send({ type: 'SLOT.CHOOSE', slotId: 's1' });
    await settle();
    await settle();
    expect(taken.calls.filter((c) => c.startsWith('slots:'))).toHaveLength(2);
    expect(taken.actor.getSnapshot().value).toBe('choosingMoveSlot');
    expect(taken.actor.getSnapshot().context.error?.code).toBe('SLOT_TAKEN');
  });
});

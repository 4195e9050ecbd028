import type { BookingCancelled, BookingMoved, HeldMove, ManagedBooking, MoveSlotSearch } from '../bridge/manage-api.ts';
import { slots } from './session-booking-fakes.ts';
import { booking } from './session-fakes.ts';

/** Mario Rossi's booking, paid, cancellable in time (a refund of 20,66 €). */
export const managed: ManagedBooking = { ...booking, status: 'paid', cancelTiming: 'in-time', inTimeUntil: '2026-12-12T08:30:00.000Z', refundCents: 2066, madeHere: false };

/** The same booking inside the 48 hours: a cancellation leaves the ticket due. */
export const managedLate: ManagedBooking = { ...managed, cancelTiming: 'late', refundCents: 0 };

export const moveSearch: MoveSlotSearch = { booking: managed, deadline: '2026-12-24T22:59:59Z', slots };

/** The new slot held ten minutes from now, by the test's wall clock. */
export function heldMove(slotId: string, minutes = 10): HeldMove {
  const slot = slots.find((s) => s.slotId === slotId) ?? slots[0]!;
  return {
    holdId: `m-${slotId}`,
    heldUntil: new Date(Date.now() + minutes * 60_000).toISOString(),
    booking: { ...managed, providerName: slot.providerName, placeName: slot.placeName, placeAddress: slot.placeAddress, startsAt: slot.startsAt },
    from: { startsAt: managed.startsAt, placeName: managed.placeName, providerName: managed.providerName },
  };
}

export const moved = (slotId: string): BookingMoved => ({ booking: heldMove(slotId).booking, slip: { text: 'PROMEMORIA', svg: '<svg/>' } });

export const cancelled: BookingCancelled = { bookingCode: managed.bookingCode, timing: 'in-time', refund: { refundId: 'RF-1A2B3C4D', amountCents: 2066 }, slip: { text: 'DISDETTA', svg: '<svg/>' } };

import { fromPromise } from 'xstate';
import type { BookingCancelled, BookingMoved, BookingRef, CitizenBookings, HeldMove, HoldMoveInput, ManagedBooking, MoveSlotSearch } from '../bridge/manage-api.ts';

/** The side effects of cancelling or moving a booking; the host supplies them (`session-actors.ts`), tests fakes. */
export const manageActors = {
  citizenBookings: fromPromise<CitizenBookings, { taxCode: string }>(async () => {
    throw new Error('citizenBookings not provided');
  }),
  manageBooking: fromPromise<ManagedBooking, BookingRef>(async () => {
    throw new Error('manageBooking not provided');
  }),
  cancelBooking: fromPromise<BookingCancelled, BookingRef>(async () => {
    throw new Error('cancelBooking not provided');
  }),
  findMoveSlots: fromPromise<MoveSlotSearch, BookingRef>(async () => {
    throw new Error('findMoveSlots not provided');
  }),
  holdMoveSlot: fromPromise<HeldMove, HoldMoveInput>(async () => {
    throw new Error('holdMoveSlot not provided');
  }),
  releaseMoveHold: fromPromise<void, { holdId: string }>(async () => {
    throw new Error('releaseMoveHold not provided');
  }),
  confirmMove: fromPromise<BookingMoved, { holdId: string }>(async () => {
    throw new Error('confirmMove not provided');
  }),
};

import { fromPromise } from 'xstate';
import type { BookingConfirmed, ConfirmBookingInput, HeldSlot, HoldSlotInput, JoinWaitingListInput, OpenPrescription, SlotSearch } from '../bridge/terminal-api.ts';

/**
 * The side effects the booking of a visit names, with their inputs and outputs; the host supplies
 * them through `.provide()` (`session-actors.ts`), tests with fakes (`session-fakes.ts`).
 */
export const bookingActors = {
  prescriptions: fromPromise<OpenPrescription[], { taxCode: string }>(async () => {
    throw new Error('prescriptions not provided');
  }),
  findSlots: fromPromise<SlotSearch, { taxCode: string; nre: string; invitationId?: string }>(async () => {
    throw new Error('findSlots not provided');
  }),
  holdSlot: fromPromise<HeldSlot, HoldSlotInput>(async () => {
    throw new Error('holdSlot not provided');
  }),
  releaseHold: fromPromise<void, { holdId: string }>(async () => {
    throw new Error('releaseHold not provided');
  }),
  confirmBooking: fromPromise<BookingConfirmed, ConfirmBookingInput>(async () => {
    throw new Error('confirmBooking not provided');
  }),
  joinWaitingList: fromPromise<{ requestId: string }, JoinWaitingListInput>(async () => {
    throw new Error('joinWaitingList not provided');
  }),
};

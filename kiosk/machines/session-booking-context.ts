import type { BookingConfirmed, HeldSlot, OpenPrescription, SlotOffer, SlotSearch } from '../bridge/terminal-api.ts';

/** What the booking of a visit or test keeps in the session, from the prescription to the slip. */
export interface BookingFlow {
  /** The citizen's open prescriptions, once listed; null when the flow began from a scanned memo. */
  prescriptions: OpenPrescription[] | null;
  /** The prescription (NRE) being booked. */
  nre: string | null;
  /** The campaign invitation being booked instead of a prescription. */
  invitationId: string | null;
  /** The free slots last found for it. */
  slotSearch: SlotSearch | null;
  /** The slot picked from them. */
  slot: SlotOffer | null;
  /** The slot held while the citizen confirms. */
  hold: HeldSlot | null;
  /** How the citizen chose to pay the booking being confirmed. */
  payAt: 'now' | 'appointment' | null;
  /** The booking made, with its slip. */
  confirmed: BookingConfirmed | null;
  /** The number typed for the waiting list's call-back. */
  callbackPhone: string | null;
}

/** The booking flow left: nothing of it is kept. */
export const NO_BOOKING_FLOW: BookingFlow = {
  prescriptions: null,
  nre: null,
  invitationId: null,
  slotSearch: null,
  slot: null,
  hold: null,
  payAt: null,
  confirmed: null,
  callbackPhone: null,
};

/** Milliseconds until a hold lapses, never negative; 0 without a hold. */
export function holdLeftMs(hold: Pick<HeldSlot, 'heldUntil'> | null, now: number): number {
  const until = hold ? Date.parse(hold.heldUntil) : NaN;
  return Number.isNaN(until) ? 0 : Math.max(0, until - now);
}

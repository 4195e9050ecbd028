import type { BookingCancelled, BookingMoved, CitizenBookings, HeldMove, ManagedBooking, MoveSlotSearch } from '../bridge/manage-api.ts';
import type { SlotOffer } from '../bridge/terminal-api.ts';

/** What cancelling or moving a booking keeps in the session, from the list to the receipt. */
export interface ManageFlow {
  /** The identified citizen's upcoming bookings, once listed. */
  myBookings: CitizenBookings | null;
  /** The booking being changed. */
  managed: ManagedBooking | null;
  /** The free slots it may be moved to. */
  moveSearch: MoveSlotSearch | null;
  /** The new slot picked. */
  moveSlot: SlotOffer | null;
  /** The new slot held while the citizen confirms. */
  moveHold: HeldMove | null;
  moved: BookingMoved | null;
  cancelDone: BookingCancelled | null;
}

export const NO_MANAGE_FLOW: ManageFlow = { myBookings: null, managed: null, moveSearch: null, moveSlot: null, moveHold: null, moved: null, cancelDone: null };

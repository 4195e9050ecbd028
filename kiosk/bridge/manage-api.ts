/**
 * Cancelling (disdetta) or moving a booking, part of `TerminalApi` in one block.
 *
 * Guarantees, besides those of `TerminalApi`:
 * - `cancelBooking` resolves once the cancellation, its refund request (a paid booking cancelled
 *   in time) and its outbox item are on this terminal's disk, in one transaction; it works
 *   offline (the central hears of it when it is back). Then the receipt prints.
 * - A move needs the central: `findMoveSlots` and `holdMoveSlot` reject BOOKING_OFFLINE when it
 *   does not answer. `confirmMove` records the move with its outbox item before the new slip
 *   prints; the booking keeps its code and its payment.
 * - The cut-off: a cancellation at least 48 hours before the appointment is in time (a paid
 *   ticket is refunded); later, it is recorded and the slot freed, but the ticket stays due;
 *   from the start on, BOOKING_STARTED.
 */
import type { Cents } from '@cup-kiosk/sync-service/domain';
import type { PayableBooking, SlotOffer } from './terminal-api.ts';

/** A booking the citizen may change, with what a cancellation now would mean. */
export interface ManagedBooking extends PayableBooking {
  /** `in-time`: cancelled now, nothing is due (a paid ticket is refunded); `late`: the ticket stays due; `started`: neither. */
  cancelTiming: 'in-time' | 'late' | 'started';
  /** The last instant a cancellation is in time (ISO 8601). */
  inTimeUntil: string;
  /** What a cancellation now refunds: the ticket paid, when in time; 0 otherwise. */
  refundCents: Cents;
  /** Made on this terminal and not yet heard by the central. */
  madeHere: boolean;
}

export interface CitizenBookings {
  /** Not cancelled, not started, soonest first. */
  bookings: ManagedBooking[];
  /** True: the central did not answer; only the bookings made on this terminal are listed. */
  offline: boolean;
}

export interface BookingRef {
  /** 12 digits, spaces allowed (typed or scanned). */
  bookingCode: string;
  /** The identified citizen; a booking of another citizen is BOOKING_NOT_YOURS. Absent: the code alone is the proof, as on the slip. */
  taxCode?: string;
}

export interface BookingCancelled {
  bookingCode: string;
  timing: 'in-time' | 'late';
  /** The refund requested for a paid booking cancelled in time; its id is printed on the receipt. */
  refund: { refundId: string; amountCents: Cents } | null;
  /** The receipt as printed; null when the printer could not (`slipError`). */
  slip: { text: string; svg: string } | null;
  slipError?: { code: string; message: string };
}

export interface MoveSlotSearch {
  booking: ManagedBooking;
  deadline: string;
  slots: SlotOffer[];
}

export interface HoldMoveInput extends BookingRef {
  slotId: string;
}

/** The new slot held under the booking's code while the citizen confirms. */
export interface HeldMove {
  holdId: string;
  heldUntil: string;
  /** The booking at its new time, quoted today. */
  booking: PayableBooking;
  /** Where and when it was. */
  from: { startsAt: string; placeName: string; providerName: string };
}

export interface BookingMoved {
  booking: PayableBooking;
  slip: { text: string; svg: string } | null;
  slipError?: { code: string; message: string };
}

export interface ManageApi {
  /** The identified citizen's upcoming bookings, from the central, plus those made here not yet synced. Rejects TAX_CODE_*. */
  citizenBookings(taxCode: string): Promise<CitizenBookings>;
  /** One booking by its code. Rejects BAD_BOOKING_CODE, BOOKING_UNKNOWN, BOOKING_NOT_YOURS, BOOKING_ALREADY_CANCELLED. */
  manageBooking(ref: BookingRef): Promise<ManagedBooking>;
  /** Cancels the booking (see the guarantees above). Rejects as `manageBooking`, and BOOKING_STARTED. */
  cancelBooking(ref: BookingRef): Promise<BookingCancelled>;
  /** Free slots to move the booking to (same prescription). Rejects as `manageBooking`, BOOKING_STARTED, BOOKING_OFFLINE. */
  findMoveSlots(ref: BookingRef): Promise<MoveSlotSearch>;
  /** Holds the new slot (SLOT_TAKEN, SLOT_OUT_OF_DEADLINE, BOOKING_OFFLINE). */
  holdMoveSlot(input: HoldMoveInput): Promise<HeldMove>;
  /** Gives a held slot of a move back; nothing when it had lapsed or is unknown. */
  releaseMoveHold(holdId: string): Promise<void>;
  /** Moves the booking to the held slot; the new slip prints. Rejects HOLD_UNKNOWN (lapsed or not held here). */
  confirmMove(holdId: string): Promise<BookingMoved>;
}

export const MANAGE_COMMANDS = ['citizenBookings', 'manageBooking', 'cancelBooking', 'findMoveSlots', 'holdMoveSlot', 'releaseMoveHold', 'confirmMove'] as const satisfies readonly (keyof ManageApi)[];

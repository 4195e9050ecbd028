import type { Booking } from '../domain/types.ts';
import type { RefundRequest } from '../protocol/index.ts';
import type { HoldOutcome, HoldRequest } from './agenda-store.ts';

/** The store's part for cancelling and moving bookings, and the refund requests they give. */

/** A booking as a cancellation or a move needs it: its data, the slot it holds, whether it was cancelled. */
export interface BookingForChange {
  booking: Booking;
  /** The agenda slot booked under its code; null for a booking made outside the agendas. */
  slotId: string | null;
  /** A cancellation is recorded (in time or late). */
  cancelled: boolean;
}

/** What paid a booking: the reference of a refund. */
export interface BookingPaid {
  paymentId: string;
  amountCents: number;
}

export interface CancellationRow {
  bookingCode: string;
  transactionKey: string;
  terminalId: string;
  cancelledAt: string;
  timing: 'in-time' | 'late';
  receivedAt: string;
}

/** A batch's writes, in this order: slots freed, slots booked, prescriptions reopened, bookings moved, cancellations, refunds. */
export interface BookingChangeWrites {
  /** When the batch was received: the moved bookings' `updated_at`. */
  at: string;
  freeSlots: string[];
  bookSlots: { slotId: string; bookingCode: string }[];
  /** Prescriptions whose booking was cancelled: bookable again. */
  reopenBookings: string[];
  moved: Booking[];
  cancellations: CancellationRow[];
  refunds: RefundRequest[];
}

/** Ingest's statements for booking changes, inside the batch's transaction (see CentralTx). */
export interface BookingChangeTx {
  /** The bookings of those codes that exist, with their slot; read after `bookingStatuses` has locked them. */
  bookingsForChange(codes: readonly string[]): Promise<Map<string, BookingForChange>>;
  /** The payment items that paid those bookings, by code (the latest when there are several). */
  bookingsPaid(codes: readonly string[]): Promise<Map<string, BookingPaid>>;
  writeBookingChanges(writes: BookingChangeWrites): Promise<void>;
}

export interface BookingChangeStore {
  /** The citizen's bookings not cancelled whose appointment starts at `fromLocal` (Rome wall time) or later, soonest first. */
  citizenBookings(taxCode: string, fromLocal: string): Promise<Booking[]>;
  /** The booking with its slot and whether it was cancelled. */
  bookingForChange(code: string): Promise<BookingForChange | undefined>;
  /**
   * Holds a slot for moving a booking: as `holdSlot`, but the hold carries the booking's own
   * code rather than a new one.
   */
  holdSlotForMove(request: HoldRequest, bookingCode: string): Promise<HoldOutcome>;
  /** The refund requests, oldest first. */
  refundRequests(): Promise<RefundRequest[]>;
}

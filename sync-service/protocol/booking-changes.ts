import { z } from 'zod';
import { BookingCodeSchema, BookingSchema } from './booking.ts';
import { WireTaxCodeSchema } from './income-band.ts';
import { SlotSchema } from './agenda.ts';

/**
 * Cancelling (disdetta) and moving a booking. A cancellation is a sync item (`booking-cancel`):
 * the terminal records it offline too. A move holds the new slot at the central first (like a
 * booking), then confirms it with a `booking-move` item; the booking keeps its code and payment.
 * A paid booking cancelled in time gives a refund request the back office lists.
 */

/** Typed refusals of the booking-change routes and conflicts of their items. */
export const BOOKING_CHANGE_ERROR_CODES = ['BOOKING_UNKNOWN', 'BOOKING_NOT_YOURS', 'BOOKING_ALREADY_CANCELLED', 'BOOKING_STARTED', 'SLOT_UNKNOWN', 'SLOT_TAKEN', 'SLOT_OUT_OF_DEADLINE'] as const;
export type BookingChangeErrorCode = (typeof BOOKING_CHANGE_ERROR_CODES)[number];

/** GET /v1/citizens/:taxCode/bookings: the citizen's bookings not cancelled and not started, soonest first. */
export const CitizenBookingsResponseSchema = z.object({ bookings: z.array(BookingSchema) });
export type CitizenBookingsResponse = z.infer<typeof CitizenBookingsResponseSchema>;

/** POST /v1/bookings/:code/move/slots: free slots for the booking's service, inside its prescription's deadline. */
export const MoveSearchRequestSchema = z.object({ taxCode: WireTaxCodeSchema, limit: z.number().int().min(1).max(50).optional() });
export type MoveSearchRequest = z.infer<typeof MoveSearchRequestSchema>;

export const MoveSearchResponseSchema = z.object({ booking: BookingSchema, deadline: z.string(), slots: z.array(SlotSchema) });
export type MoveSearchResponse = z.infer<typeof MoveSearchResponseSchema>;

/** POST /v1/bookings/:code/move/hold: holds the new slot under the booking's own code (answer: SlotHoldResponse). */
export const MoveHoldRequestSchema = z.object({ slotId: z.string().min(1).max(64), taxCode: WireTaxCodeSchema });
export type MoveHoldRequest = z.infer<typeof MoveHoldRequestSchema>;

/**
 * The body of a `booking-cancel` item. The central decides by `cancelledAt` against the
 * appointment (domain `cancellationTiming`): in time frees the slot, marks the booking cancelled
 * and, when it was paid, keeps a refund request under `refundId`; late frees the slot and leaves
 * the ticket due; started is a conflict BOOKING_STARTED.
 */
export const BookingCancelPayloadSchema = z.object({
  terminalId: z.string().min(1).max(64),
  bookingCode: BookingCodeSchema,
  taxCode: WireTaxCodeSchema,
  /** The id a refund request takes if one is due: the reference printed on the cancellation receipt. */
  refundId: z.string().min(1).max(64),
  /** ISO 8601 instant, terminal clock. */
  cancelledAt: z.iso.datetime({ offset: true }),
});
export type BookingCancelPayload = z.infer<typeof BookingCancelPayloadSchema>;

/**
 * The body of a `booking-move` item: the terminal confirmed the move to a slot it held for the
 * booking. Ingest frees the old slot and books the new one under the same code; conflicts
 * SLOT_TAKEN, HOLD_UNKNOWN, BOOKING_UNKNOWN, BOOKING_ALREADY_CANCELLED, BOOKING_STARTED.
 */
export const BookingMovePayloadSchema = z.object({
  terminalId: z.string().min(1).max(64),
  bookingCode: BookingCodeSchema,
  holdId: z.string().min(1).max(64),
  slotId: z.string().min(1).max(64),
  /** The booking at its new slot, as the hold answered it. */
  booking: BookingSchema,
  movedAt: z.iso.datetime({ offset: true }),
});
export type BookingMovePayload = z.infer<typeof BookingMovePayloadSchema>;

/** A refund owed to a citizen for a paid booking cancelled in time (GET /v1/admin/refunds). */
export const RefundRequestSchema = z.object({
  refundId: z.string(),
  bookingCode: BookingCodeSchema,
  taxCode: z.string(),
  /** What was paid for the booking, in cents; null when the central holds no payment of it (paid before it kept them). */
  amountCents: z.number().int().min(0).nullable(),
  /** The payment that paid it: the reference the back office refunds against; null as above. */
  paymentId: z.string().nullable(),
  terminalId: z.string(),
  requestedAt: z.string(),
  receivedAt: z.string(),
  transactionKey: z.string(),
});
export type RefundRequest = z.infer<typeof RefundRequestSchema>;

export const RefundListResponseSchema = z.object({ refunds: z.array(RefundRequestSchema) });
export type RefundListResponse = z.infer<typeof RefundListResponseSchema>;

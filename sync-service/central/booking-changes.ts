import { randomUUID } from 'node:crypto';
import { prescriptionDeadline } from '../domain/agenda.ts';
import { cancellationTiming } from '../domain/booking-cancellation.ts';
import { CupError } from '../domain/errors.ts';
import type { PriorityDeadlines } from '../domain/priority.ts';
import { romeWallTime, romeWallTimeToInstant } from '../domain/rome-time.ts';
import type { Booking } from '../domain/types.ts';
import { parseBookingCode, type BookingChangeErrorCode, type MoveSearchResponse, type RefundRequest, type SlotHoldResponse } from '../protocol/index.ts';
import { citizenTaxCode, DEFAULT_HOLD_MS, DEFAULT_SEARCH_LIMIT } from './agenda.ts';
import type { PrescriptionState } from './agenda-store.ts';
import type { BookingForChange } from './booking-change-store.ts';
import type { CentralStore } from './store.ts';

type RefusalCode = BookingChangeErrorCode | 'TAX_CODE_INVALID';

/** A request about a booking's change the central refuses, with the HTTP status it answers. */
export class BookingChangeRefusal extends CupError {
  declare readonly code: RefusalCode;
  constructor(code: RefusalCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  get status(): 400 | 403 | 404 | 409 {
    switch (this.code) {
      case 'TAX_CODE_INVALID':
        return 400;
      case 'BOOKING_NOT_YOURS':
        return 403;
      case 'BOOKING_UNKNOWN':
      case 'SLOT_UNKNOWN':
        return 404;
      default:
        return 409;
    }
  }
}

export interface CentralBookingChangesOptions {
  store: CentralStore;
  now: () => Date;
  /** Default DEFAULT_HOLD_MS (10 minutes), as for a booking. */
  holdMs?: number;
  deadlines?: Partial<PriorityDeadlines>;
  newHoldId?: () => string;
}

/**
 * What a terminal asks the central while a citizen changes a booking: their upcoming bookings,
 * free slots to move one to, and a hold on the new slot under the booking's own code. The move
 * and the cancellation themselves arrive as sync items (ingest-booking-changes.ts).
 */
export class CentralBookingChanges {
  private readonly holdMs: number;
  private readonly newHoldId: () => string;

  constructor(private readonly o: CentralBookingChangesOptions) {
    this.holdMs = o.holdMs ?? DEFAULT_HOLD_MS;
    this.newHoldId = o.newHoldId ?? randomUUID;
  }

  /** The citizen's bookings not cancelled and not started yet, soonest first. */
  async citizenBookings(taxCodeText: string): Promise<Booking[]> {
    return this.o.store.citizenBookings(this.taxCode(taxCodeText), romeWallTime(this.o.now()));
  }

  /** Free slots of the booking's service inside its prescription's deadline, earliest first. */
  async moveSlots(code: string, taxCode: string, limit = DEFAULT_SEARCH_LIMIT): Promise<MoveSearchResponse> {
    const { change, prescription } = await this.movable(code, taxCode);
    const now = this.o.now();
    const deadline = prescriptionDeadline(prescription, now, this.o.deadlines);
    const slots = await this.o.store.freeSlots({ serviceCode: prescription.services[0]!.code, from: now.toISOString(), to: deadline.toISOString(), now: now.toISOString(), limit });
    return { booking: change.booking, deadline: deadline.toISOString(), slots };
  }

  /** Holds the new slot for the terminal under the booking's code; the booking as it will be once moved. */
  async holdForMove(code: string, slotId: string, taxCode: string, terminalId: string): Promise<SlotHoldResponse> {
    const { change, prescription } = await this.movable(code, taxCode);
    const state = await this.o.store.getSlot(slotId);
    if (!state || state.slot.serviceCode !== prescription.services[0]!.code) throw new BookingChangeRefusal('SLOT_UNKNOWN', `no slot ${slotId} for ${prescription.services[0]!.code}`, { slotId });
    const now = this.o.now();
    const startsAt = romeWallTimeToInstant(state.slot.startsAt);
    const deadline = prescriptionDeadline(prescription, now, this.o.deadlines);
    if (startsAt < now || startsAt > deadline) throw new BookingChangeRefusal('SLOT_OUT_OF_DEADLINE', `the slot starts at ${state.slot.startsAt}, outside now to ${deadline.toISOString()}`, { slotId });
    const outcome = await this.o.store.holdSlotForMove({ slotId, nre: prescription.nre, terminalId, holdId: this.newHoldId(), now: now.toISOString(), until: new Date(now.getTime() + this.holdMs).toISOString() }, change.booking.code);
    if (!outcome.held) throw new BookingChangeRefusal(outcome.reason, outcome.reason === 'SLOT_TAKEN' ? 'another terminal holds or booked this slot' : `no slot ${slotId}`, { slotId });
    const moved: Booking = { ...change.booking, provider: { ...state.slot.provider }, place: { ...state.slot.place }, startsAt: state.slot.startsAt, intramoenia: state.slot.intramoenia };
    return { holdId: outcome.hold.holdId, slotId, heldUntil: outcome.hold.heldUntil, booking: moved };
  }

  refunds(): Promise<RefundRequest[]> {
    return this.o.store.refundRequests();
  }

  /** The booking, the citizen's, neither cancelled nor started, with the prescription it books. */
  private async movable(codeText: string, taxCodeText: string): Promise<{ change: BookingForChange; prescription: PrescriptionState }> {
    const code = parseBookingCode(codeText);
    const change = code ? await this.o.store.bookingForChange(code) : undefined;
    if (!change) throw new BookingChangeRefusal('BOOKING_UNKNOWN', `no booking ${codeText}`, { bookingCode: codeText });
    if (change.booking.taxCode !== this.taxCode(taxCodeText)) throw new BookingChangeRefusal('BOOKING_NOT_YOURS', 'this booking is another citizen’s', { bookingCode: code });
    if (change.cancelled || change.booking.status === 'cancelled') throw new BookingChangeRefusal('BOOKING_ALREADY_CANCELLED', 'this booking was cancelled', { bookingCode: code });
    if (cancellationTiming(change.booking.startsAt, this.o.now()) === 'started') throw new BookingChangeRefusal('BOOKING_STARTED', 'the appointment has started', { bookingCode: code });
    const nre = change.booking.prescriptions[0]?.nre;
    const prescription = nre ? await this.o.store.getPrescription(nre) : undefined;
    // A booking made outside the agendas (no prescription here) can only be cancelled.
    if (!prescription) throw new BookingChangeRefusal('SLOT_UNKNOWN', 'this booking has no agenda to move it in', { bookingCode: code });
    return { change, prescription };
  }

  private taxCode(text: string): string {
    try {
      return citizenTaxCode(text);
    } catch (e) {
      throw new BookingChangeRefusal('TAX_CODE_INVALID', (e as Error).message);
    }
  }
}

import { heldBooking } from '../domain/agenda.ts';
import type { Booking, BookingStatus } from '../domain/types.ts';
import { BookingPayloadSchema, parseBookingCode, WaitingListPayloadSchema, type BookingPayload, type SyncItem, type WaitingListPayload } from '../protocol/index.ts';
import type { PrescriptionState, SlotState, WaitingListRow } from './agenda-store.ts';
import type { CentralTx } from './store.ts';

/** Why a booking item was not applied. */
export type BookingConflict = 'SLOT_TAKEN' | 'PRESCRIPTION_ALREADY_BOOKED' | 'HOLD_UNKNOWN' | 'BOOKING_CODE_REUSED';

export type ParsedAgendaItem =
  | { kind: 'booking'; booking: BookingPayload }
  | { kind: 'waiting-list'; request: WaitingListPayload }
  | { kind: 'conflict'; reason: 'PAYLOAD_INVALID' | 'TERMINAL_MISMATCH' };

/** A `booking` or `waiting-list` item's payload, checked as far as it can be without the store. */
export function parseAgendaItem(item: SyncItem, terminalId: string): ParsedAgendaItem {
  if (item.kind === 'booking') {
    const b = BookingPayloadSchema.safeParse(item.payload);
    if (!b.success) return { kind: 'conflict', reason: 'PAYLOAD_INVALID' };
    if (b.data.terminalId !== terminalId) return { kind: 'conflict', reason: 'TERMINAL_MISMATCH' };
    const { booking, nre } = b.data;
    // One prescription, the one held, under a code with valid check digits.
    if (parseBookingCode(booking.code) !== booking.code || booking.prescriptions.length !== 1 || booking.prescriptions[0]!.nre !== nre) return { kind: 'conflict', reason: 'PAYLOAD_INVALID' };
    return { kind: 'booking', booking: b.data };
  }
  const w = WaitingListPayloadSchema.safeParse(item.payload);
  if (!w.success) return { kind: 'conflict', reason: 'PAYLOAD_INVALID' };
  if (w.data.terminalId !== terminalId) return { kind: 'conflict', reason: 'TERMINAL_MISMATCH' };
  return { kind: 'waiting-list', request: w.data };
}

/**
 * A batch's bookings and waiting-list requests: the slots and prescriptions they name, read (and
 * on PostgreSQL locked) once, decided in the batch's order in memory, written in one statement
 * per table. Bookings confirmed here join the batch's booking statuses, so a payment later in the
 * same batch pays them.
 */
export class AgendaBatch {
  private readonly newBookings: Booking[] = [];
  private readonly booked: { slotId: string; nre: string; bookingCode: string; at: string }[] = [];
  private readonly waiting = new Map<string, WaitingListRow>();

  private constructor(
    private readonly slots: Map<string, SlotState>,
    private readonly prescriptions: Map<string, PrescriptionState>,
    private readonly receivedAt: string,
  ) {}

  /** Reads after the bookings (the lock order every writer keeps: bookings, slots, prescriptions, notices). */
  static async read(tx: CentralTx, items: readonly ParsedAgendaItem[], receivedAt: string): Promise<AgendaBatch> {
    const bookings = items.flatMap((i) => (i.kind === 'booking' ? [i.booking] : []));
    const nres = [...new Set([...bookings.map((b) => b.nre), ...items.flatMap((i) => (i.kind === 'waiting-list' ? [i.request.nre] : []))])];
    const slots = await tx.slots([...new Set(bookings.map((b) => b.slotId))]);
    return new AgendaBatch(slots, await tx.prescriptions(nres), receivedAt);
  }

  /** Why the booking cannot be confirmed, given the batch's bookings so far (`bookings`). */
  conflict(b: BookingPayload, bookings: ReadonlyMap<string, BookingStatus>): BookingConflict | 'PAYLOAD_INVALID' | undefined {
    if (bookings.has(b.booking.code)) return 'BOOKING_CODE_REUSED';
    const slot = this.slots.get(b.slotId);
    const prescription = this.prescriptions.get(b.nre);
    if (!slot || !prescription) return 'HOLD_UNKNOWN';
    if (prescription.taxCode !== b.booking.taxCode || prescription.services[0]?.code !== slot.slot.serviceCode) return 'PAYLOAD_INVALID';
    if (prescription.bookingCode !== null) return 'PRESCRIPTION_ALREADY_BOOKED';
    if (slot.bookingCode !== null) return 'SLOT_TAKEN';
    const hold = slot.hold;
    if (hold?.holdId === b.holdId) return hold.nre === b.nre && hold.bookingCode === b.booking.code ? undefined : 'PAYLOAD_INVALID';
    // Another hold that has not lapsed: someone else is booking it now.
    if (hold && hold.heldUntil >= this.receivedAt) return 'SLOT_TAKEN';
    return undefined;
  }

  /** Confirms a booking `conflict` passed: the central's own booking of its slot and prescription. */
  book(b: BookingPayload, bookings: Map<string, BookingStatus>): void {
    const slot = this.slots.get(b.slotId)!;
    const prescription = this.prescriptions.get(b.nre)!;
    const booking = heldBooking(prescription, slot.slot, b.booking.code);
    this.newBookings.push(booking);
    bookings.set(booking.code, 'booked');
    slot.bookingCode = booking.code;
    prescription.bookingCode = booking.code;
    prescription.status = 'booked';
    this.booked.push({ slotId: b.slotId, nre: b.nre, bookingCode: booking.code, at: this.receivedAt });
  }

  /** A booking this batch confirmed, with its slot and prescription: a later cancellation or move in the batch finds it. */
  bookedInBatch(code: string): { booking: Booking; slotId: string; prescription: PrescriptionState } | undefined {
    const booking = this.newBookings.find((b) => b.code === code);
    const booked = this.booked.find((b) => b.bookingCode === code);
    const prescription = booked && this.prescriptions.get(booked.nre);
    return booking && booked && prescription ? { booking, slotId: booked.slotId, prescription } : undefined;
  }

  /** Keeps the request, replacing an earlier one of the prescription (in this batch or stored). */
  wait(request: WaitingListPayload, transactionKey: string): void {
    const status = this.prescriptions.get(request.nre)?.status === 'booked' ? 'booked' : 'waiting';
    this.waiting.delete(request.nre);
    this.waiting.set(request.nre, { entry: { ...request, status, receivedAt: this.receivedAt }, transactionKey });
  }

  /** The bookings first: payments of the batch refer to them. */
  async writeBookings(tx: CentralTx): Promise<void> {
    await tx.insertBookings(this.newBookings);
  }

  async writeAgenda(tx: CentralTx): Promise<void> {
    await tx.bookSlots(this.booked);
    await tx.putWaitingList([...this.waiting.values()], this.booked.map((b) => b.nre));
  }
}

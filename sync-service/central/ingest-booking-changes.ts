import { heldBooking } from '../domain/agenda.ts';
import { cancellationTiming, DEFAULT_CANCEL_CUTOFF_HOURS } from '../domain/booking-cancellation.ts';
import { romeWallTimeToInstant } from '../domain/rome-time.ts';
import type { Booking, BookingStatus } from '../domain/types.ts';
import { BookingCancelPayloadSchema, BookingMovePayloadSchema, type BookingCancelPayload, type BookingMovePayload, type RefundRequest, type SyncItem } from '../protocol/index.ts';
import type { PrescriptionState, SlotState } from './agenda-store.ts';
import type { BookingChangeWrites, BookingForChange, BookingPaid, CancellationRow } from './booking-change-store.ts';
import type { CentralTx } from './store.ts';

/** Why a cancellation or a move was not applied. */
export type BookingChangeConflict = 'BOOKING_UNKNOWN' | 'BOOKING_ALREADY_CANCELLED' | 'BOOKING_STARTED' | 'SLOT_TAKEN' | 'HOLD_UNKNOWN' | 'REFUND_ID_REUSED';

export const BOOKING_CHANGE_KINDS: ReadonlySet<string> = new Set(['booking-cancel', 'booking-move']);

export type ParsedBookingChange =
  | { kind: 'booking-cancel'; cancel: BookingCancelPayload }
  | { kind: 'booking-move'; move: BookingMovePayload }
  | { kind: 'conflict'; reason: 'PAYLOAD_INVALID' | 'TERMINAL_MISMATCH' };

export function parseBookingChange(item: SyncItem, terminalId: string): ParsedBookingChange {
  const parsed = item.kind === 'booking-cancel' ? BookingCancelPayloadSchema.safeParse(item.payload) : BookingMovePayloadSchema.safeParse(item.payload);
  if (!parsed.success) return { kind: 'conflict', reason: 'PAYLOAD_INVALID' };
  if (parsed.data.terminalId !== terminalId) return { kind: 'conflict', reason: 'TERMINAL_MISMATCH' };
  if ('holdId' in parsed.data) return parsed.data.booking.code === parsed.data.bookingCode ? { kind: 'booking-move', move: parsed.data } : { kind: 'conflict', reason: 'PAYLOAD_INVALID' };
  return { kind: 'booking-cancel', cancel: parsed.data };
}

/** The codes a batch's changes touch: ingest locks them with the other bookings, in one pass. */
export const changedCodes = (items: readonly ParsedBookingChange[]): string[] =>
  items.flatMap((i) => (i.kind === 'booking-cancel' ? [i.cancel.bookingCode] : i.kind === 'booking-move' ? [i.move.bookingCode] : []));

/** What the rest of the batch tells the changes: bookings it made, payments it took. */
export interface BatchSoFar {
  /** A booking confirmed earlier in this batch, with its slot. */
  bookedInBatch(code: string): { booking: Booking; slotId: string; prescription: PrescriptionState } | undefined;
}

/**
 * A batch's cancellations and moves: the bookings, their payments and the new slots read once
 * (after the bookings' locks), decided in the batch's order in memory, written after the
 * agenda's writes. The cut-off rule is the domain's `cancellationTiming`.
 */
export class BookingChangeBatch {
  private readonly writes: BookingChangeWrites;
  private readonly refundIds = new Set<string>();
  /** The last place of each booking moved by the batch. */
  private readonly moved = new Map<string, Booking>();

  private constructor(
    private readonly bookings: Map<string, BookingForChange>,
    private readonly paid: Map<string, BookingPaid>,
    private readonly slots: Map<string, SlotState>,
    private readonly prescriptions: Map<string, PrescriptionState>,
    private readonly receivedAt: string,
    private readonly cutoffHours: number,
  ) {
    this.writes = { at: receivedAt, freeSlots: [], bookSlots: [], reopenBookings: [], moved: [], cancellations: [], refunds: [] };
  }

  static async read(tx: CentralTx, items: readonly ParsedBookingChange[], receivedAt: string, cutoffHours = DEFAULT_CANCEL_CUTOFF_HOURS): Promise<BookingChangeBatch> {
    const codes = [...new Set(changedCodes(items))];
    const moves = items.flatMap((i) => (i.kind === 'booking-move' ? [i.move] : []));
    const bookings = codes.length ? await tx.bookingsForChange(codes) : new Map<string, BookingForChange>();
    const paid = codes.length ? await tx.bookingsPaid(codes) : new Map<string, BookingPaid>();
    const slots = moves.length ? await tx.slots([...new Set(moves.map((m) => m.slotId))]) : new Map<string, SlotState>();
    const nres = [...new Set(moves.flatMap((m) => m.booking.prescriptions.flatMap((p) => (p.nre ? [p.nre] : []))))];
    const prescriptions = nres.length ? await tx.prescriptions(nres) : new Map<string, PrescriptionState>();
    return new BookingChangeBatch(bookings, paid, slots, prescriptions, receivedAt, cutoffHours);
  }

  /** A payment stored earlier in this batch: what a cancellation after it refunds. */
  notePaid(bookingCode: string, paid: BookingPaid): void {
    this.paid.set(bookingCode, paid);
  }

  /** The booking as the batch knows it now: stored, or made earlier in this batch. */
  private current(code: string, so: BatchSoFar): BookingForChange | undefined {
    const known = this.bookings.get(code);
    if (known) return known;
    const made = so.bookedInBatch(code);
    if (!made) return undefined;
    const fresh = { booking: made.booking, slotId: made.slotId, cancelled: false };
    this.bookings.set(code, fresh);
    return fresh;
  }

  private refusal(code: string, at: string, statuses: ReadonlyMap<string, BookingStatus>, so: BatchSoFar): BookingChangeConflict | { change: BookingForChange; timing: 'in-time' | 'late' } {
    const change = this.current(code, so);
    if (!change) return 'BOOKING_UNKNOWN';
    if (change.cancelled || statuses.get(code) === 'cancelled') return 'BOOKING_ALREADY_CANCELLED';
    const timing = cancellationTiming(change.booking.startsAt, new Date(at), this.cutoffHours);
    return timing === 'started' ? 'BOOKING_STARTED' : { change, timing };
  }

  /**
   * Applies a cancellation, or says why not. In time: the booking is cancelled and a paid one
   * gets its refund request; late: the slot is freed, the ticket stays as it was (due, or kept).
   */
  cancel(c: BookingCancelPayload, transactionKey: string, statuses: Map<string, BookingStatus>, so: BatchSoFar): BookingChangeConflict | 'PAYLOAD_INVALID' | { status: BookingStatus; at: string } | undefined {
    const found = this.refusal(c.bookingCode, c.cancelledAt, statuses, so);
    if (typeof found === 'string') return found;
    const { change, timing } = found;
    if (change.booking.taxCode !== c.taxCode) return 'PAYLOAD_INVALID';
    const status = statuses.get(c.bookingCode) ?? change.booking.status;
    const refund = timing === 'in-time' && status === 'paid';
    if (refund && this.refundIds.has(c.refundId)) return 'REFUND_ID_REUSED';
    change.cancelled = true;
    this.free(change.slotId);
    this.writes.reopenBookings.push(c.bookingCode);
    const row: CancellationRow = { bookingCode: c.bookingCode, transactionKey, terminalId: c.terminalId, cancelledAt: c.cancelledAt, timing, receivedAt: this.receivedAt };
    this.writes.cancellations.push(row);
    if (refund) {
      const paid = this.paid.get(c.bookingCode);
      const request: RefundRequest = {
        refundId: c.refundId,
        bookingCode: c.bookingCode,
        taxCode: c.taxCode,
        amountCents: paid?.amountCents ?? null,
        paymentId: paid?.paymentId ?? null,
        terminalId: c.terminalId,
        requestedAt: c.cancelledAt,
        receivedAt: this.receivedAt,
        transactionKey,
      };
      this.writes.refunds.push(request);
      this.refundIds.add(c.refundId);
    }
    if (timing === 'late') return undefined;
    statuses.set(c.bookingCode, 'cancelled');
    return { status: 'cancelled', at: c.cancelledAt };
  }

  /** Applies a move to the slot the terminal held for the booking, or says why not. */
  move(m: BookingMovePayload, statuses: ReadonlyMap<string, BookingStatus>, so: BatchSoFar): BookingChangeConflict | 'PAYLOAD_INVALID' | undefined {
    const found = this.refusal(m.bookingCode, m.movedAt, statuses, so);
    if (typeof found === 'string') return found;
    const { change } = found;
    const nre = change.booking.prescriptions[0]?.nre;
    const slot = this.slots.get(m.slotId);
    const prescription = nre ? this.prescriptions.get(nre) ?? so.bookedInBatch(m.bookingCode)?.prescription : undefined;
    if (!slot || !prescription) return 'HOLD_UNKNOWN';
    if (prescription.services[0]?.code !== slot.slot.serviceCode || change.booking.taxCode !== m.booking.taxCode) return 'PAYLOAD_INVALID';
    if (slot.bookingCode !== null) return slot.bookingCode === m.bookingCode ? undefined : 'SLOT_TAKEN';
    const hold = slot.hold;
    if (hold?.holdId === m.holdId) {
      if (hold.bookingCode !== m.bookingCode) return 'PAYLOAD_INVALID';
    } else if (hold && hold.heldUntil >= this.receivedAt) return 'SLOT_TAKEN';
    if (romeWallTimeToInstant(slot.slot.startsAt).getTime() <= Date.parse(m.movedAt)) return 'SLOT_TAKEN';
    const moved: Booking = { ...heldBooking(prescription, slot.slot, m.bookingCode), status: change.booking.status };
    this.free(change.slotId);
    this.writes.bookSlots.push({ slotId: m.slotId, bookingCode: m.bookingCode });
    this.moved.set(m.bookingCode, moved);
    slot.bookingCode = m.bookingCode;
    change.slotId = m.slotId;
    change.booking = moved;
    return undefined;
  }

  /** A slot booked earlier in this batch by a move is simply not booked; one booked before is freed. */
  private free(slotId: string | null): void {
    if (!slotId) return;
    const i = this.writes.bookSlots.findIndex((b) => b.slotId === slotId);
    if (i >= 0) this.writes.bookSlots.splice(i, 1);
    else this.writes.freeSlots.push(slotId);
  }

  async write(tx: CentralTx): Promise<void> {
    await tx.writeBookingChanges({ ...this.writes, moved: [...this.moved.values()] });
  }
}

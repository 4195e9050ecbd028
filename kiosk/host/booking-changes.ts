import { randomUUID } from 'node:crypto';
import { cancellationCutoff, cancellationTiming, CupError, normalizeBookingCode, parseTaxCode, type Booking } from '@cup-kiosk/sync-service/domain';
import type { SlotHoldResponse } from '@cup-kiosk/sync-service/protocol';
import type { BookingCancelled, BookingMoved, BookingRef, CitizenBookings, HeldMove, HoldMoveInput, ManagedBooking, MoveSlotSearch } from '../bridge/manage-api.ts';
import { BookingOfflineError } from './booking-desk.ts';
import type { BookingQuotes } from './booking-quotes.ts';
import type { BookingChangeStore } from './booking-change-store.ts';
import { bookingSlipData, cancellationSlipData, printed } from './booking-slip-data.ts';
import { askCentral } from './central-offline.ts';
import type { CentralPort, ReceiptPrinterPort } from './ports.ts';
import { RecentMap, SESSION_MEMORY } from './recent-map.ts';

export interface BookingChangesOptions {
  terminalId: string;
  central: CentralPort;
  store: BookingChangeStore;
  quotes: BookingQuotes;
  printer: ReceiptPrinterPort;
  now: () => Date;
}

interface MoveHold {
  response: SlotHoldResponse;
  from: Booking;
}

/**
 * Cancelling and moving bookings at the kiosk. A cancellation is written here with its outbox
 * item (and its refund request, for a paid booking cancelled in time) before the screen says
 * so, online or not; a move holds the new slot at the central first, like a booking. Holds of
 * moves live in memory, and on disk through the host (held-slots.ts), as a booking's do.
 */
export class BookingChanges {
  private readonly holds = new RecentMap<string, MoveHold>(SESSION_MEMORY);

  constructor(private readonly o: BookingChangesOptions) {}

  async citizenBookings(taxCodeText: string): Promise<CitizenBookings> {
    const taxCode = parseTaxCode(String(taxCodeText ?? '').trim().toUpperCase(), this.o.now()).taxCode;
    const list = this.o.central.citizenBookings?.bind(this.o.central);
    let offline = false;
    let central: Booking[] = [];
    try {
      if (!list) throw new CupError('CENTRAL_UNREACHABLE', 'no bookings at this central');
      central = await list(taxCode);
    } catch (e) {
      if ((e as { code?: string }).code !== 'CENTRAL_UNREACHABLE') throw e;
      offline = true;
    }
    const unsynced = await this.o.store.unsyncedBookings(taxCode);
    const known = new Set(central.map((b) => b.code));
    const all = [...central.map((b) => ({ booking: b, madeHere: false })), ...unsynced.filter((b) => !known.has(b.code)).map((b) => ({ booking: b, madeHere: true }))];
    const managed: ManagedBooking[] = [];
    for (const { booking, madeHere } of all) {
      if (await this.o.store.cancellation(booking.code)) continue;
      const m = await this.managed((await this.o.store.pendingMove(booking.code)) ?? booking, madeHere);
      if (m.cancelTiming !== 'started') managed.push(m);
    }
    return { bookings: managed.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.bookingCode.localeCompare(b.bookingCode)), offline };
  }

  async manageBooking(ref: BookingRef): Promise<ManagedBooking> {
    const booking = await this.booking(ref);
    return this.managed(booking, (await this.o.store.unsyncedBookings(booking.taxCode)).some((b) => b.code === booking.code));
  }

  async cancelBooking(ref: BookingRef): Promise<BookingCancelled> {
    const booking = await this.booking(ref);
    const m = await this.managed(booking, false);
    if (m.cancelTiming === 'started') throw new CupError('BOOKING_STARTED', 'the appointment has started: it can no longer be cancelled', { bookingCode: booking.code });
    const cancelledAt = this.o.now().toISOString();
    const refund = m.refundCents > 0 ? { refundId: `RF-${randomUUID().slice(0, 8).toUpperCase()}`, amountCents: m.refundCents } : null;
    const timing = m.cancelTiming;
    await this.o.store.recordCancel(
      { bookingCode: booking.code, timing, cancelledAt, booking, refund },
      // The refund id goes even when none is due here: the central decides on its own records.
      { terminalId: this.o.terminalId, bookingCode: booking.code, taxCode: booking.taxCode, refundId: refund?.refundId ?? `RF-${randomUUID().slice(0, 8).toUpperCase()}`, cancelledAt },
    );
    this.o.central.kick();
    const data = cancellationSlipData(booking, { cancelledAt, timing, terminalId: this.o.terminalId, ...(refund ? { refund } : {}) });
    return { bookingCode: booking.code, timing, refund, ...(await printed(() => this.o.printer.printCancellationSlip?.(data))) };
  }

  async findMoveSlots(ref: BookingRef): Promise<MoveSlotSearch> {
    const booking = await this.booking(ref);
    const m = await this.managed(booking, false);
    if (m.cancelTiming === 'started') throw new CupError('BOOKING_STARTED', 'the appointment has started: it can no longer be moved', { bookingCode: booking.code });
    const search = this.o.central.moveSlots?.bind(this.o.central);
    if (!search) throw new BookingOfflineError('no agendas at this central');
    const found = await this.online(() => search(booking.code, booking.taxCode));
    const slots = found.slots.map((s) => ({ slotId: s.slotId, providerName: s.provider.name, placeName: s.place.name, placeAddress: s.place.address, startsAt: s.startsAt, durationMinutes: s.durationMinutes, intramoenia: s.intramoenia }));
    return { booking: m, deadline: found.deadline, slots };
  }

  async holdMoveSlot(input: HoldMoveInput): Promise<HeldMove> {
    const from = await this.booking(input);
    const hold = this.o.central.holdForMove?.bind(this.o.central);
    if (!hold) throw new BookingOfflineError('no agendas at this central');
    const response = await this.online(() => hold(from.code, String(input.slotId), from.taxCode));
    this.holds.set(response.holdId, { response, from });
    return {
      holdId: response.holdId,
      heldUntil: response.heldUntil,
      booking: await this.o.quotes.quoted(response.booking),
      from: { startsAt: from.startsAt, placeName: from.place.name, providerName: from.provider.name },
    };
  }

  async releaseMoveHold(holdId: string): Promise<void> {
    if (!this.holds.delete(String(holdId))) return;
    // The central lets a hold lapse by itself: a release it does not hear is only a slot free later.
    await this.o.central.releaseHold?.(String(holdId)).catch(() => undefined);
  }

  async confirmMove(holdId: string): Promise<BookingMoved> {
    const done = await this.o.store.moveByHold(String(holdId));
    if (done) return this.moved(done);
    const held = this.holds.get(String(holdId));
    // Past the countdown the citizen chooses again rather than risk a conflict.
    if (!held || Date.parse(held.response.heldUntil) <= this.o.now().getTime()) throw new CupError('HOLD_UNKNOWN', 'the slot is not held for this kiosk any more: choose a time again', { holdId });
    const { response } = held;
    await this.o.store.recordMove({ terminalId: this.o.terminalId, bookingCode: response.booking.code, holdId: response.holdId, slotId: response.slotId, booking: response.booking, movedAt: this.o.now().toISOString() });
    this.holds.delete(response.holdId);
    this.o.central.kick();
    return this.moved(response.booking);
  }

  private async moved(booking: Booking): Promise<BookingMoved> {
    return { booking: await this.o.quotes.quoted(booking), ...(await printed(() => this.o.printer.printBookingSlip(bookingSlipData(booking)))) };
  }

  /** The booking as it stands: the central's (or this terminal's), moved here maybe; refused when cancelled or not the citizen's. */
  private async booking(ref: BookingRef): Promise<Booking> {
    let code: string;
    try {
      code = normalizeBookingCode(String(ref.bookingCode ?? ''));
    } catch (e) {
      throw new CupError('BAD_BOOKING_CODE', (e as Error).message, { text: ref.bookingCode });
    }
    let booking: Booking;
    try {
      booking = await this.o.quotes.lookup(code);
    } catch (e) {
      if ((e as { code?: string }).code === 'BOOKING_NOT_FOUND') throw new CupError('BOOKING_UNKNOWN', `no booking ${code}`, { bookingCode: code });
      throw e;
    }
    if (ref.taxCode && parseTaxCode(String(ref.taxCode).trim().toUpperCase(), this.o.now()).taxCode !== booking.taxCode) {
      throw new CupError('BOOKING_NOT_YOURS', 'this booking is another citizen’s', { bookingCode: code });
    }
    if (booking.status === 'cancelled' || (await this.o.store.cancellation(code))) throw new CupError('BOOKING_ALREADY_CANCELLED', 'this booking was cancelled', { bookingCode: code });
    return (await this.o.store.pendingMove(code)) ?? booking;
  }

  private async managed(booking: Booking, madeHere: boolean): Promise<ManagedBooking> {
    const quoted = await this.o.quotes.quoted(booking);
    const now = this.o.now();
    const cancelTiming = cancellationTiming(booking.startsAt, now);
    const refundCents = cancelTiming === 'in-time' && quoted.status === 'paid' ? ((await this.o.store.paidHereCents(booking.code)) ?? quoted.amountDueCents) : 0;
    return { ...quoted, cancelTiming, inTimeUntil: cancellationCutoff(booking.startsAt).toISOString(), refundCents, madeHere };
  }

  private online<T>(call: () => Promise<T>): Promise<T> {
    return askCentral(call, (cause) => new BookingOfflineError(cause));
  }
}

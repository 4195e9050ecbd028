import { randomUUID } from 'node:crypto';
import { CupError, parseNre, parseTaxCode, type Booking } from '@cup-kiosk/sync-service/domain';
import { PhoneSchema, type PrescriptionView, type Slot, type SlotHoldResponse, type SlotSearchResponse } from '@cup-kiosk/sync-service/protocol';
import type {
  BookingConfirmed,
  ConfirmBookingInput,
  HeldSlot,
  HoldSlotInput,
  JoinWaitingListInput,
  OpenPrescription,
  PayableBooking,
  SlotSearch,
} from '../bridge/terminal-api.ts';
import type { BookingQuotes } from './booking-quotes.ts';
import type { BookingStore } from './booking-store.ts';
import type { CentralPort, ReceiptPrinterPort } from './ports.ts';
import { askCentral } from './central-offline.ts';
import { bookingSlipData, printed } from './booking-slip-data.ts';
import { OFFLINE_HOLD_PREFIX, type OfflineAgenda } from './offline-agenda.ts';
import { RecentMap, SESSION_MEMORY } from './recent-map.ts';

const OFFLINE_MESSAGE = 'booking needs the agendas of the CUP, and the kiosk cannot reach it now; a booking can still be paid';

/** The kiosk cannot ask the central for agendas now (or its central keeps none). */
export class BookingOfflineError extends CupError {
  constructor(cause?: string) {
    super('BOOKING_OFFLINE', OFFLINE_MESSAGE, cause ? { cause } : undefined);
  }
}

interface Hold {
  response: SlotHoldResponse;
  taxCode: string;
  nre: string;
  /** Made from the agenda snapshot while the central was unreachable. */
  provisional: boolean;
}

/** A phone number as typed (spaces, dashes, 00 or +, or a national number) in E.164; PHONE_INVALID otherwise. */
export function normalizePhone(text: string): string {
  const compact = String(text).replace(/[\s\-./()]/g, '');
  const e164 = compact.startsWith('+') ? compact : compact.startsWith('00') ? `+${compact.slice(2)}` : `+39${compact}`;
  if (!PhoneSchema.safeParse(e164).success) throw new CupError('PHONE_INVALID', 'a phone number is 8 to 15 digits, with + or 00 before a country code', { text });
  return e164;
}

export interface BookingDeskOptions {
  terminalId: string;
  central: CentralPort;
  store: BookingStore;
  quotes: BookingQuotes;
  printer: ReceiptPrinterPort;
  now: () => Date;
  /** Provisional booking from the last agenda snapshot when the central is unreachable; absent, BOOKING_OFFLINE. */
  offline?: OfflineAgenda;
}

/**
 * Booking at the kiosk: the citizen's prescriptions and free slots come from the central, a
 * slot is held there while the citizen decides, and the booking is confirmed by writing it
 * here (with its outbox item) before the slip prints; the central confirms the hold when the
 * item arrives. Holds live in memory; the host also writes them down (held-slots.ts), so that a
 * restarted host gives back those it lost.
 */
export class BookingDesk {
  /** Bounded (recent-map.ts): a hold the screen never released or confirmed is forgotten in time. */
  private readonly holds = new RecentMap<string, Hold>(SESSION_MEMORY);
  /** The last search per NRE: what a waiting-list request says the citizen could not get. */
  private readonly searches = new RecentMap<string, SlotSearchResponse>(SESSION_MEMORY);

  constructor(private readonly o: BookingDeskOptions) {}

  async prescriptions(taxCode: string): Promise<OpenPrescription[]> {
    const code = this.taxCode(taxCode);
    const list = this.o.central.prescriptions?.bind(this.o.central);
    if (!list) throw new BookingOfflineError('no agendas at this central');
    const found = await this.online(() => list(code), () => this.o.offline!.prescriptions(code));
    await this.o.offline?.remember(found);
    return found.filter((p) => p.status === 'open').map(openPrescription);
  }

  async findSlots(input: { taxCode: string; nre: string }): Promise<SlotSearch> {
    const taxCode = this.taxCode(input.taxCode);
    const nre = this.nre(input.nre);
    const search = this.o.central.searchSlots?.bind(this.o.central);
    if (!search) throw new BookingOfflineError('no agendas at this central');
    let provisional = false;
    const found = await this.online(() => search(nre, taxCode), () => ((provisional = true), this.o.offline!.search(nre, taxCode)));
    if (!provisional) await this.o.offline?.remember([found.prescription]);
    this.searches.set(nre, found);
    return { prescription: openPrescription(found.prescription), deadline: found.deadline, slots: found.slots.map(slotOffer), ...(provisional ? { provisional } : {}) };
  }

  async holdSlot(input: HoldSlotInput): Promise<HeldSlot> {
    const taxCode = this.taxCode(input.taxCode);
    const nre = this.nre(input.nre);
    const hold = this.o.central.holdSlot?.bind(this.o.central);
    if (!hold) throw new BookingOfflineError('no agendas at this central');
    let provisional = false;
    const response = await this.online(() => hold(String(input.slotId), nre, taxCode), () => ((provisional = true), this.o.offline!.hold(String(input.slotId), nre, taxCode)));
    this.holds.set(response.holdId, { response, taxCode, nre, provisional });
    const booking = await this.o.quotes.quoted(response.booking);
    return { holdId: response.holdId, heldUntil: response.heldUntil, booking, payAtAppointmentAllowed: payAtAppointmentAllowed(response.booking, booking), ...(provisional ? { provisional } : {}) };
  }

  async releaseHold(holdId: string): Promise<void> {
    const held = this.holds.get(holdId);
    if (!held) return;
    this.holds.delete(holdId);
    if (holdId.startsWith(OFFLINE_HOLD_PREFIX)) return;
    // The central lets a hold lapse by itself: a release it does not hear is only a slot free later.
    await this.o.central.releaseHold?.(holdId).catch(() => undefined);
  }

  async confirmBooking(input: ConfirmBookingInput): Promise<BookingConfirmed> {
    const payAt = input.payAt === 'appointment' ? 'appointment' : 'now';
    const done = await this.o.store.byHold(String(input.holdId));
    if (done) return this.confirmed(done.booking, String(input.holdId).startsWith(OFFLINE_HOLD_PREFIX));
    const held = this.holds.get(String(input.holdId));
    // A lapsed hold may still be confirmed at the central if nobody took the slot, but the
    // citizen was shown a countdown: past it, they choose again rather than risk a conflict.
    if (!held || Date.parse(held.response.heldUntil) <= this.o.now().getTime()) {
      throw new CupError('HOLD_UNKNOWN', 'the slot is not held for this kiosk any more: choose a time again', { holdId: input.holdId });
    }
    if (payAt === 'appointment' && !payAtAppointmentAllowed(held.response.booking, await this.o.quotes.quoted(held.response.booking))) {
      throw new CupError('PAY_NOW_REQUIRED', 'this booking is paid when it is made');
    }
    const booking = held.response.booking;
    await this.o.store.record({
      terminalId: this.o.terminalId,
      holdId: held.response.holdId,
      slotId: held.response.slotId,
      nre: held.nre,
      booking,
      payAt,
      bookedAt: this.o.now().toISOString(),
      ...(held.provisional ? { provisional: true } : {}),
    });
    this.holds.delete(held.response.holdId);
    this.o.central.kick();
    return this.confirmed(booking, held.provisional);
  }

  async joinWaitingList(input: JoinWaitingListInput): Promise<{ requestId: string }> {
    const taxCode = this.taxCode(input.taxCode);
    const nre = this.nre(input.nre);
    const phone = normalizePhone(input.phone);
    const search = this.searches.get(nre);
    if (!search) throw new CupError('SEARCH_FIRST', 'the waiting list takes a prescription whose slots were searched here');
    const requestId = randomUUID();
    await this.o.store.recordWaitingList({
      requestId,
      terminalId: this.o.terminalId,
      taxCode,
      nre,
      serviceCode: search.prescription.services[0]!.code,
      priority: search.prescription.priority,
      phone,
      deadline: search.deadline,
      requestedAt: this.o.now().toISOString(),
    });
    this.o.central.kick();
    return { requestId };
  }

  /** Prints the slip of a booking recorded here (a campaign's too); a printer that fails loses nothing but paper. */
  async confirmed(booking: Booking, provisional = false, campaign?: string): Promise<BookingConfirmed> {
    const quoted = await this.o.quotes.quoted(booking);
    const offline = provisional ? { provisional } : {};
    const slip = await printed(() => this.o.printer.printBookingSlip({ ...bookingSlipData(booking), ...offline, ...(campaign ? { campaign } : {}) }));
    return { booking: quoted, ...slip, ...offline };
  }

  private taxCode(text: string): string {
    return parseTaxCode(String(text ?? '').trim().toUpperCase(), this.o.now()).taxCode;
  }

  private nre(text: string): string {
    try {
      return parseNre(String(text ?? '')).nre;
    } catch (e) {
      throw new CupError('BAD_NRE', (e as Error).message, { text });
    }
  }

  /** Asks the central; unreachable, answers `offline()` when the terminal can book provisionally, else BOOKING_OFFLINE. */
  private async online<T>(call: () => Promise<T>, offline?: () => Promise<T>): Promise<T> {
    try {
      return await askCentral(call, (cause) => new BookingOfflineError(cause));
    } catch (e) {
      if (!(e instanceof BookingOfflineError) || !offline || !this.o.offline) throw e;
      return offline();
    }
  }
}

/** Intramoenia is paid when booked; an SSN ticket may be paid on the day, if anything is due. */
function payAtAppointmentAllowed(booking: Booking, quoted: PayableBooking): boolean {
  return !booking.intramoenia && quoted.amountDueCents > 0;
}

function openPrescription(p: PrescriptionView): OpenPrescription {
  return { nre: p.nre, priority: p.priority, issuedOn: p.issuedOn, prescriber: p.prescriber, services: p.services.map((s) => ({ code: s.code, description: s.description })) };
}

export function slotOffer(s: Slot): SlotSearch['slots'][number] {
  return {
    slotId: s.slotId,
    providerName: s.provider.name,
    placeName: s.place.name,
    placeAddress: s.place.address,
    startsAt: s.startsAt,
    durationMinutes: s.durationMinutes,
    intramoenia: s.intramoenia,
  };
}

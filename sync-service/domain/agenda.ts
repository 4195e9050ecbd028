import { bookingCheckDigits } from './booking-code.ts';
import { catalogueIndex, DEMO_CATALOGUE, type ServiceKind } from './catalogue/demo-catalogue.ts';
import { CupError } from './errors.ts';
import { priorityDeadline, type Priority, type PriorityDeadlines } from './priority.ts';
import type { BookedService, Booking, IsoDate, Place, Provider } from './types.ts';

/** An electronic prescription as the central holds it (in a region, from the national SAR). */
export interface PrescriptionRecord {
  /** 15 characters, upper case. */
  nre: string;
  taxCode: string;
  priority: Priority;
  /** Europe/Rome date of issue. */
  issuedOn: IsoDate;
  prescriber: string;
  /** Booked together, in one appointment of the first service's agenda. */
  services: BookedService[];
  exemptions: string[];
}

/** One appointment of a provider's agenda. */
export interface AgendaSlot {
  /** Stable: the same provider, service and start always make the same id. */
  slotId: string;
  provider: Provider;
  place: Place;
  serviceCode: string;
  /** Local start, `YYYY-MM-DDTHH:mm` Europe/Rome. */
  startsAt: string;
  durationMinutes: number;
  /** Private practice inside the public hospital: the full fee, no ticket, no exemption. */
  intramoenia: boolean;
}

const DEMO_KINDS = catalogueIndex(DEMO_CATALOGUE);

/**
 * The last instant a slot may start for this prescription asked at `requestedAt`: its priority's
 * deadline for the kind of its first service. A service the catalogue does not know counts as a
 * visit, the shorter of the two for D.
 */
export function prescriptionDeadline(p: Pick<PrescriptionRecord, 'priority' | 'services'>, requestedAt: Date, config: Partial<PriorityDeadlines> = {}, kindOf: (code: string) => ServiceKind | undefined = (code) => DEMO_KINDS.get(code)?.kind): Date {
  const first = p.services[0];
  if (!first) throw new CupError('BAD_REQUEST', 'a prescription has at least one service');
  return priorityDeadline(p.priority, kindOf(first.code) ?? 'visit', requestedAt, config);
}

/** First digit of the codes the central issues at hold time; the demo's own codes start 0 or 1. */
export const ISSUED_BOOKING_CODE_PREFIX = '2';
const SEQUENCE_DIGITS = 9;

/** The booking code of the `seq`-th hold: '2', the sequence in 9 digits, two MOD 97-10 check digits. */
export function issuedBookingCode(seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq >= 10 ** SEQUENCE_DIGITS) throw new CupError('BOOKING_SEQUENCE_EXHAUSTED', `booking sequence ${seq} does not fit ${SEQUENCE_DIGITS} digits`, { seq });
  const first10 = ISSUED_BOOKING_CODE_PREFIX + String(seq).padStart(SEQUENCE_DIGITS, '0');
  return first10 + bookingCheckDigits(first10);
}

/** The booking a held slot makes of a prescription, as it will be once confirmed. */
export function heldBooking(p: PrescriptionRecord, slot: AgendaSlot, code: string): Booking {
  return {
    code,
    taxCode: p.taxCode,
    provider: { ...slot.provider },
    place: { ...slot.place },
    startsAt: slot.startsAt,
    prescriptions: [{ nre: p.nre, services: p.services.map((s) => ({ ...s })) }],
    // Intramoenia pays the practitioner's fee in full: no exemption applies.
    exemptions: slot.intramoenia ? [] : [...p.exemptions],
    status: 'booked',
    intramoenia: slot.intramoenia,
  };
}

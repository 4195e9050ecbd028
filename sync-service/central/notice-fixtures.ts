import { bookingCheckDigits } from '../domain/booking-code.ts';
import type { Booking } from '../domain/types.ts';

/**
 * Bookings for the credit recovery tests, one per case a run must tell apart. Appointment
 * order: OLD (2011, under the income-band quotas of demo-3), UNPAID, PAID, EXEMPT,
 * PRIVATE (intramoenia), CANCELLED, then FUTURE. A run as of NOTICE_RUN_DATE issues notices for
 * OLD, UNPAID and PRIVATE, in that order.
 */

const code = (n: number) => {
  const first10 = String(4_000_000_000 + n);
  return first10 + bookingCheckDigits(first10);
};

export const NOTICE_BOOKING = {
  old: code(1),
  unpaid: code(2),
  paid: code(3),
  exempt: code(4),
  private: code(5),
  cancelled: code(6),
  future: code(7),
} as const;

export const MARIO = 'RSSMRA85T10A562S';
export const GIULIA = 'BNCGLI90E50H501O';
export const GIUSEPPE = 'VRDGPP50H22D96VF';
export const OLENA = 'KVLLNO72C55Z138F';

/** The run date the cases are written for. */
export const NOTICE_RUN_DATE = '2026-04-01';

const provider = { id: 'asl3-genova', name: 'ASL 3 Genovese', fiscalCode: '03399650104' };
const place = { name: 'Poliambulatorio Struppa', address: 'Via Struppa 150, Genova' };
const visit = (tariffCents = 2066) => [{ services: [{ code: '89.7', description: 'Visita generale', tariffCents }] }];
const base = { provider, place, exemptions: [], status: 'booked', intramoenia: false } as const;

export const NOTICE_FIXTURE_BOOKINGS: readonly Booking[] = [
  // 34.15 euro of ultrasound; in 2011 demo-3 adds a quota by the band declared by then.
  { ...base, code: NOTICE_BOOKING.old, taxCode: GIULIA, startsAt: '2011-10-10T09:00', prescriptions: [{ services: [{ code: '88.71.4', description: 'Ecografia della tiroide', tariffCents: 3415 }] }], exemptions: [] },
  { ...base, code: NOTICE_BOOKING.unpaid, taxCode: MARIO, startsAt: '2026-03-02T09:00', prescriptions: visit(), exemptions: [] },
  { ...base, code: NOTICE_BOOKING.paid, taxCode: MARIO, startsAt: '2026-03-03T10:00', prescriptions: visit(), exemptions: [], status: 'paid' },
  { ...base, code: NOTICE_BOOKING.exempt, taxCode: GIUSEPPE, startsAt: '2026-03-03T11:00', prescriptions: visit(), exemptions: ['E01'] },
  { ...base, code: NOTICE_BOOKING.private, taxCode: GIULIA, startsAt: '2026-03-05T17:30', prescriptions: visit(12000), exemptions: [], intramoenia: true },
  { ...base, code: NOTICE_BOOKING.cancelled, taxCode: OLENA, startsAt: '2026-03-06T08:00', prescriptions: visit(), exemptions: [], status: 'cancelled' },
  { ...base, code: NOTICE_BOOKING.future, taxCode: MARIO, startsAt: '2027-02-01T09:00', prescriptions: visit(), exemptions: [] },
];

import type { Booking } from '../domain/types.ts';

const provider = { id: 'asl3-genova', name: 'ASL 3 Genovese', fiscalCode: '03399650104' };
const place = { name: 'Poliambulatorio Struppa', address: 'Via Struppa 150, Genova' };

/**
 * Unit-test bookings, apart from the domain's demo set so tests can hold states the demo set
 * does not (a booking already paid at the desk). Codes carry valid MOD 97-10 check digits.
 */
export const FIXTURE_BOOKINGS: readonly Booking[] = [
  {
    code: '100000000190',
    taxCode: 'RSSMRA80A01D969P',
    provider,
    place,
    startsAt: '2026-03-02T09:00',
    prescriptions: [{ services: [{ code: '89.7', description: 'Visita generale', tariffCents: 2066 }] }],
    exemptions: [],
    status: 'booked',
    intramoenia: false,
  },
  {
    code: '100000000287',
    taxCode: 'BNCLRA75M41D969X',
    provider,
    place,
    startsAt: '2026-03-02T09:20',
    prescriptions: [{ services: [{ code: '88.76.1', description: 'Ecografia addome completo', tariffCents: 7580 }] }],
    exemptions: [],
    status: 'booked',
    intramoenia: false,
  },
  {
    code: '100000000384',
    taxCode: 'VRDGPP50C15D969K',
    provider,
    place,
    startsAt: '2026-03-03T11:00',
    prescriptions: [{ services: [{ code: '95.02', description: 'Visita oculistica', tariffCents: 2066 }] }],
    exemptions: ['E01'],
    status: 'booked',
    intramoenia: false,
  },
  {
    code: '100000000481',
    taxCode: 'RSSMRA80A01D969P',
    provider,
    place,
    startsAt: '2026-03-04T15:30',
    prescriptions: [{ services: [{ code: '89.13', description: 'Visita neurologica', tariffCents: 2066 }] }],
    exemptions: [],
    status: 'paid',
    intramoenia: false,
  },
];

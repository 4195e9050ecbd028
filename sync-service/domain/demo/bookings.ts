import type { Booking, Place, Provider } from '../types.ts';

// Liguria providers; fiscal codes are 11 digits with a valid check digit, not the real ones.
export const DEMO_PROVIDERS = {
  sanMartino: { id: 'osp-san-martino', name: 'IRCCS Ospedale Policlinico San Martino', fiscalCode: '01406310993' },
  asl3: { id: 'asl3-genovese', name: 'ASL 3 Genovese', fiscalCode: '03399650104' },
  galliera: { id: 'eo-galliera', name: 'E.O. Ospedali Galliera', fiscalCode: '00359670106' },
} as const satisfies Record<string, Provider>;

/** Where the demo providers receive; the demo agenda adds a few more. */
export const DEMO_PLACES = {
  sanMartinoCardio: { name: 'San Martino, Padiglione Monoblocco – Ambulatori di cardiologia', address: 'Largo Rosanna Benzi 10, 16132 Genova GE' },
  sanMartinoIntramoenia: { name: 'San Martino, Ambulatori di libera professione', address: 'Largo Rosanna Benzi 10, 16132 Genova GE' },
  fiumara: { name: 'Palazzo della Salute Fiumara – Ecografia', address: 'Via Operai 80, 16149 Genova GE' },
  galliera: { name: 'Galliera, Ambulatori di diabetologia e punto prelievi', address: 'Mura delle Cappuccine 14, 16128 Genova GE' },
} as const satisfies Record<string, Place>;

/**
 * Demo bookings, one per quoting case: under the cap, over the cap, a disease exemption,
 * intramoenia; then three appointments of autumn 2026 left unpaid, for which the central issues
 * the demo pagoPA notices (DEMO_NOTICES).
 */
export const DEMO_BOOKINGS: readonly Booking[] = [
  {
    // 20.66 + 11.62 = 32.28 euro, under the 36.15 cap.
    code: '123456789092',
    taxCode: 'RSSMRA85T10A562S',
    provider: DEMO_PROVIDERS.sanMartino,
    place: DEMO_PLACES.sanMartinoCardio,
    startsAt: '2026-12-14T09:30',
    prescriptions: [
      {
        nre: '0701B2000417355',
        services: [
          { code: '89.7A.3', description: 'Prima visita cardiologica', tariffCents: 2066 },
          { code: '89.52', description: 'Elettrocardiogramma', tariffCents: 1162 },
        ],
      },
    ],
    exemptions: [],
    status: 'booked',
    intramoenia: false,
  },
  {
    // 75.90 euro of tariff: the citizen pays the cap.
    code: '070000000143',
    taxCode: 'BNCGLI90E50H501O',
    provider: DEMO_PROVIDERS.asl3,
    place: DEMO_PLACES.fiumara,
    startsAt: '2027-01-11T15:00',
    prescriptions: [{ nre: '0701B2000588214', services: [{ code: '88.76.1', description: 'Ecografia addome completo', tariffCents: 7590 }] }],
    exemptions: [],
    status: 'booked',
    intramoenia: false,
  },
  {
    // 013 covers the visit and HbA1c, not TSH; the lab tests are a prescription of their own branch.
    code: '070000000240',
    taxCode: 'VRDGPP50H22D96VF',
    provider: DEMO_PROVIDERS.galliera,
    place: DEMO_PLACES.galliera,
    startsAt: '2027-01-19T08:10',
    prescriptions: [
      { nre: '0701B2000640071', services: [{ code: '89.7A.8', description: 'Prima visita diabetologica', tariffCents: 2066 }] },
      {
        nre: '0701B2000640072',
        services: [
          { code: '90.28.1', description: 'Emoglobina glicata (HbA1c)', tariffCents: 965 },
          { code: '90.42.1', description: 'Tireotropina (TSH)', tariffCents: 1170 },
        ],
      },
    ],
    exemptions: ['013'],
    status: 'booked',
    intramoenia: false,
  },
  {
    // Private practice inside the public hospital: the practitioner's fee, in full.
    code: '070000000337',
    taxCode: 'KVLLNO72C55Z138F',
    provider: DEMO_PROVIDERS.sanMartino,
    place: DEMO_PLACES.sanMartinoIntramoenia,
    startsAt: '2026-12-21T17:30',
    prescriptions: [{ services: [{ code: '89.26.1', description: 'Prima visita ginecologica (libera professione)', tariffCents: 12000 }] }],
    exemptions: [],
    status: 'booked',
    intramoenia: true,
  },
  {
    // Attended, never paid: 12.91 + 11.62 = 24.53 euro, now owed through a pagoPA notice.
    code: '070000000434',
    taxCode: 'RSSMRA85T10A562S',
    provider: DEMO_PROVIDERS.sanMartino,
    place: DEMO_PLACES.sanMartinoCardio,
    startsAt: '2026-09-21T10:15',
    prescriptions: [
      {
        nre: '0701B2000417902',
        services: [
          { code: '89.01.3', description: 'Visita cardiologica di controllo', tariffCents: 1291 },
          { code: '89.52', description: 'Elettrocardiogramma', tariffCents: 1162 },
        ],
      },
    ],
    exemptions: [],
    status: 'booked',
    intramoenia: false,
  },
  {
    // Neither attended nor cancelled in time: charged as an unpaid ticket, 34.15 euro.
    code: '070000000531',
    taxCode: 'BNCGLI90E50H501O',
    provider: DEMO_PROVIDERS.asl3,
    place: DEMO_PLACES.fiumara,
    startsAt: '2026-10-05T11:40',
    prescriptions: [{ nre: '0701B2000589033', services: [{ code: '88.71.4', description: 'Ecografia della tiroide', tariffCents: 3415 }] }],
    exemptions: [],
    status: 'booked',
    intramoenia: false,
  },
  {
    // Blood tests taken, ticket left unpaid: 3.19 + 1.17 + 2.60 = 6.96 euro.
    code: '070000000628',
    taxCode: 'KVLLNO72C55Z138F',
    provider: DEMO_PROVIDERS.galliera,
    place: DEMO_PLACES.galliera,
    startsAt: '2026-10-12T08:00',
    prescriptions: [
      {
        nre: '0701B2000702218',
        services: [
          { code: '90.62.2', description: 'Emocromo completo', tariffCents: 319 },
          { code: '90.27.1', description: 'Glucosio', tariffCents: 117 },
          { code: '91.49.2', description: 'Prelievo di sangue venoso', tariffCents: 260 },
        ],
      },
    ],
    exemptions: [],
    status: 'booked',
    intramoenia: false,
  },
];

/** The demo booking with that code (12 digits, separators already removed), if any. */
export function demoBooking(code: string): Booking | undefined {
  return DEMO_BOOKINGS.find((b) => b.code === code);
}

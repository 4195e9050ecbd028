import { bookingCheckDigits } from '../domain/booking-code.ts';
import { draftNotice } from '../domain/notices.ts';
import type { Booking } from '../domain/types.ts';
import type { PaymentPayload, SyncItem } from '../protocol/index.ts';
import { ingestBatch } from './ingest.ts';
import type { CentralStore } from './store.ts';

/**
 * A small day of money for the reconciliation tests, on either store, put in through
 * ingestBatch as terminals send it. Two providers, two terminals; on 2 March 2026 (Rome): a cash
 * payment (rounded down a cent), a card payment, a mixed payment of two items of two providers
 * (cash part rounded down a cent), a card payment stamped +01:00 at 00:30 Rome time, a second
 * payment of an already paid booking (a conflict), and at 00:30 Rome time on 3 March one more.
 */

const code = (n: number) => {
  const first10 = String(5_000_000_000 + n);
  return first10 + bookingCheckDigits(first10);
};

export const ASL = { id: 'asl3', name: 'ASL 3 Genovese', fiscalCode: '03399650104' };
export const GALLIERA = { id: 'galliera', name: 'E.O. Ospedali Galliera', fiscalCode: '00557350100' };
export const MONEY_DAY = '2026-03-02';

const place = { name: 'Poliambulatorio Struppa', address: 'Via Struppa 150, Genova' };
const booking = (n: number, provider: typeof ASL, startsAt: string, status: Booking['status'] = 'booked'): Booking => ({
  code: code(n),
  taxCode: 'RSSMRA80A01D969P',
  provider,
  place,
  startsAt,
  prescriptions: [{ services: [{ code: '89.7', description: 'Visita generale', tariffCents: 2066 }] }],
  exemptions: [],
  status,
  intramoenia: false,
});

export const MONEY_BOOKINGS = {
  cashAsl: booking(1, ASL, '2026-03-02T09:00'),
  cardGalliera: booking(2, GALLIERA, '2026-03-02T09:30'),
  mixedAsl: booking(3, ASL, '2026-03-03T10:00'),
  mixedGalliera: booking(4, GALLIERA, '2026-03-03T10:30'),
  unpaidWithNotice: booking(5, ASL, '2026-03-02T11:00'),
  unpaidGalliera: booking(6, GALLIERA, '2026-03-02T11:30'),
  cancelledAsl: booking(7, ASL, '2026-03-02T12:00', 'cancelled'),
  nextDayAsl: booking(8, ASL, '2026-03-03T08:00'),
  earlyGalliera: booking(9, GALLIERA, '2026-03-01T18:00'),
} as const;

type Pay = Omit<PaymentPayload, 'paymentId' | 'transactionId' | 'taxCode' | 'ruleVersion' | 'terminalId' | 'cashRoundingCents' | 'cardCents'> & { cashRoundingCents?: number; cardCents?: number };

const pay = (terminalId: string, id: string, p: Pay): PaymentPayload => ({
  paymentId: `pay-${id}`,
  transactionId: `${terminalId}-${id}`,
  taxCode: 'RSSMRA80A01D969P',
  ruleVersion: 'demo-4',
  terminalId,
  cashRoundingCents: 0,
  cardCents: 0,
  ...p,
});

const B = MONEY_BOOKINGS;
/** What each terminal sends, in its order. */
export const MONEY_PAYMENTS: Record<'T1' | 'T2', PaymentPayload[]> = {
  T1: [
    pay('T1', 'cash', { bookingCode: B.cashAsl.code, amountCents: 2066, paidCents: 5000, changeCents: 2935, cashRoundingCents: -1, method: 'cash', paidAt: '2026-03-02T08:15:00.000Z' }),
    pay('T1', 'card', { bookingCode: B.cardGalliera.code, amountCents: 3415, paidCents: 3415, changeCents: 0, method: 'card', cardCents: 3415, paidAt: '2026-03-02T08:45:00.000Z' }),
    pay('T1', 'late', { bookingCode: B.nextDayAsl.code, amountCents: 500, paidCents: 500, changeCents: 0, method: 'cash', paidAt: '2026-03-02T23:30:00.000Z' }),
  ],
  T2: [
    pay('T2', 'mixed', {
      bookingCode: B.mixedAsl.code,
      items: [{ bookingCode: B.mixedAsl.code, amountCents: 2066 }, { bookingCode: B.mixedGalliera.code, amountCents: 1000 }],
      amountCents: 3066, paidCents: 3100, changeCents: 35, cashRoundingCents: -1, method: 'mixed', cardCents: 2000, paidAt: '2026-03-02T13:05:00+01:00',
    }),
    pay('T2', 'early', { bookingCode: B.earlyGalliera.code, amountCents: 1200, paidCents: 1200, changeCents: 0, method: 'card', cardCents: 1200, paidAt: '2026-03-02T00:30:00+01:00' }),
    // Already paid at T1: a BOOKING_ALREADY_PAID conflict, counted nowhere.
    pay('T2', 'again', { bookingCode: B.cashAsl.code, amountCents: 2066, paidCents: 2066, changeCents: 0, method: 'card', cardCents: 2066, paidAt: '2026-03-02T10:00:00.000Z' }),
  ],
};

const items = (payments: readonly PaymentPayload[]): SyncItem[] =>
  payments.map((p, i) => ({ seq: i + 1, key: `${p.terminalId}-${i + 1}`, kind: 'payment', payload: p as unknown as Record<string, unknown>, createdAt: p.paidAt }));

/** Loads the bookings, issues the one notice, and ingests both terminals' payments. */
export async function seedMoneyDay(store: CentralStore): Promise<void> {
  await store.addBookings(Object.values(MONEY_BOOKINGS));
  await store.issueNotices([draftNotice(B.unpaidWithNotice, 2066, '2026-03-04')], { segregationCode: '02', issuedAt: '2026-03-04T08:00:00.000Z' });
  for (const [terminalId, payments] of Object.entries(MONEY_PAYMENTS)) await ingestBatch(store, terminalId, items(payments), '2026-03-03T00:00:00.000Z');
}

/** The reconciliation of MONEY_DAY that seedMoneyDay's data must give, worked out by hand. */
export const EXPECTED_MONEY_DAY = {
  totals: { payments: 4, collectedCents: 9745, cashCents: 3130, cardCents: 6615, itemsCents: 9747, differenceCents: -2, appointmentsUnpaid: 2, unpaidNoticeCents: 2066 },
  terminals: [
    { terminalId: 'T1', payments: 2, collectedCents: 5480, cashCents: 2065, cardCents: 3415, changeCents: 2935, itemsCents: 5481, differenceCents: -1, anomaly: false },
    { terminalId: 'T2', payments: 2, collectedCents: 4265, cashCents: 1065, cardCents: 3200, changeCents: 35, itemsCents: 4266, differenceCents: -1, anomaly: false },
  ],
  providers: [
    {
      fiscalCode: GALLIERA.fiscalCode, name: GALLIERA.name, payments: 3, itemsPaid: 3, paidCents: 5615,
      terminals: [{ terminalId: 'T1', payments: 1, itemsPaid: 1, paidCents: 3415 }, { terminalId: 'T2', payments: 2, itemsPaid: 2, paidCents: 2200 }],
      appointments: 2, appointmentsPaid: 1, appointmentsUnpaid: 1, unpaidWithNotice: 0, unpaidNoticeCents: 0,
    },
    {
      fiscalCode: ASL.fiscalCode, name: ASL.name, payments: 2, itemsPaid: 2, paidCents: 4132,
      terminals: [{ terminalId: 'T1', payments: 1, itemsPaid: 1, paidCents: 2066 }, { terminalId: 'T2', payments: 1, itemsPaid: 1, paidCents: 2066 }],
      appointments: 2, appointmentsPaid: 1, appointmentsUnpaid: 1, unpaidWithNotice: 1, unpaidNoticeCents: 2066,
    },
  ],
};

/** Payments per Rome hour of MONEY_DAY. */
export const EXPECTED_MONEY_HOURS = [
  { hour: '2026-03-02T00', payments: 1, collectedCents: 1200, cashCents: 0, cardCents: 1200 },
  { hour: '2026-03-02T09', payments: 2, collectedCents: 5480, cashCents: 2065, cardCents: 3415 },
  { hour: '2026-03-02T13', payments: 1, collectedCents: 3065, cashCents: 1065, cardCents: 2000 },
];

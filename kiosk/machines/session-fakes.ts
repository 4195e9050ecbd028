import { createActor, fromPromise, SimulatedClock } from 'xstate';
import type { Citizen } from '@cup-kiosk/sync-service/domain';
import type { BeginPaymentInput, DeclareIncomeBandInput, IncomeBandInForce, PayableBooking, PayableNotice } from '../bridge/terminal-api.ts';
import { bookingFakes } from './session-booking-fakes.ts';
import { sessionMachine } from './session-machine.ts';

// Test support for the session machine: demo data, three-line fake actors and a simulated clock.

export const mario: Citizen = {
  taxCode: 'RSSMRA85T10A562S',
  surname: 'ROSSI',
  name: 'MARIO',
  sex: 'M',
  birthDate: '1985-12-10',
  birthplaceCode: 'A562',
};

export const booking: PayableBooking = {
  bookingCode: '123456789092',
  taxCode: mario.taxCode,
  providerName: 'ASL 3',
  placeName: 'Poliambulatorio',
  placeAddress: 'Via X 1, Genova',
  startsAt: '2026-12-14T09:30',
  services: [{ code: '89.7', description: 'Visita', tariffCents: 2066, exempt: false }],
  ruleVersion: 'demo-4',
  amountDueCents: 2066,
  cashDueCents: 2065,
  status: 'booked',
};

export const notice: PayableNotice = {
  noticeCode: '302000000000000184',
  creditorFiscalCode: '01406310993',
  creditorName: 'IRCCS Ospedale Policlinico San Martino',
  subject: 'Ticket non pagato, prenotazione 0700 0000 0434',
  bookingCode: '070000000434',
  taxCode: mario.taxCode,
  amountDueCents: 2453,
  cashDueCents: 2455,
  dueDate: '2026-12-02',
  status: 'payable',
};

type Actors = NonNullable<Parameters<typeof sessionMachine.provide>[0]['actors']>;

export function start(overrides: Actors = {}) {
  const clock = new SimulatedClock();
  const calls: string[] = [];
  const begun: BeginPaymentInput[] = [];
  const machine = sessionMachine.provide({
    actors: {
      findBooking: fromPromise(async ({ input }: { input: { code: string } }) => {
        calls.push(`find:${input.code}`);
        if (input.code !== booking.bookingCode) throw { code: 'BOOKING_NOT_FOUND', message: 'no such booking' };
        return booking;
      }),
      findNotice: fromPromise(async ({ input }: { input: { code: string } }) => {
        calls.push(`notice:${input.code}`);
        if (!input.code.includes(notice.noticeCode)) throw { code: 'NOTICE_UNKNOWN', message: 'no such notice' };
        return notice;
      }),
      unpaidTickets: fromPromise(async ({ input }: { input: { taxCode: string } }) => {
        calls.push(`unpaid:${input.taxCode}`);
        return { bookings: [booking], notices: [notice] };
      }),
      incomeBand: fromPromise<IncomeBandInForce, { taxCode: string }>(async ({ input }) => {
        calls.push(`band:${input.taxCode}`);
        return { band: 3, declaredOn: '2026-11-20' };
      }),
      declareIncomeBand: fromPromise(async ({ input }: { input: DeclareIncomeBandInput }) => {
        calls.push(`declare:${input.taxCode}:${input.band}`);
        return { declarationId: 'd1', band: input.band, declaredOn: '2026-12-03' };
      }),
      beginPayment: fromPromise(async ({ input }: { input: BeginPaymentInput }) => {
        begun.push(input);
        calls.push(`begin:${input.items.map((i) => (i.kind === 'booking' ? i.bookingCode : i.noticeCode)).join('+')}:${input.taxCode}`);
        const cardCents = input.method === 'card' ? (input.cardCents ?? 2066) : 0;
        return { paymentId: 'p1', amountDueCents: 2066, cashDueCents: input.method === 'cash' ? 2065 : 0, cardCents };
      }),
      payRestByCard: fromPromise(async ({ input }: { input: { paymentId: string } }) => {
        calls.push(`rest-by-card:${input.paymentId}`);
        return { cardCents: 1566 };
      }),
      cancelPayment: fromPromise(async () => {
        calls.push('cancel');
        return { refundedCents: 0, voucherCents: 0, cardReversedCents: 0 };
      }),
      printReceipt: fromPromise(async ({ input }: { input: { transactionId: string } }) => {
        calls.push(`print:${input.transactionId}`);
        return { transactionId: input.transactionId, text: 'RICEVUTA', svg: '<svg/>', changePaidCents: 0, voucherCents: 0 };
      }),
      ...bookingFakes(calls),
      ...overrides,
    },
  });
  const actor = createActor(machine, { clock }).start();
  return { actor, clock, calls, begun };
}


/** Lets the fake actors' promises settle. */
export const settle = () => new Promise((r) => setTimeout(r, 0));

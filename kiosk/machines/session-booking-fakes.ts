import { fromPromise } from 'xstate';
import type { BookingConfirmed, ConfirmBookingInput, HeldSlot, HoldSlotInput, JoinWaitingListInput, OpenPrescription, SlotOffer, SlotSearch } from '../bridge/terminal-api.ts';

// Test support for booking a visit: demo prescriptions, slots and holds, and fake actors that
// record what they were asked in the session's `calls`.

const TAX_CODE = 'RSSMRA85T10A562S';

export const prescription: OpenPrescription = {
  nre: '0700A4001234567',
  priority: 'B',
  issuedOn: '2026-12-01',
  prescriber: 'Dott.ssa Anna Verdi',
  services: [{ code: '89.7', description: 'Visita cardiologica' }],
};

export const slots: SlotOffer[] = [
  {
    slotId: 's1',
    providerName: 'ASL 3 Genovese',
    placeName: 'Poliambulatorio Struppa',
    placeAddress: 'Via Struppa 150, Genova',
    startsAt: '2026-12-07T08:30',
    durationMinutes: 20,
    intramoenia: false,
  },
  {
    slotId: 's2',
    providerName: 'IRCCS San Martino',
    placeName: 'Ambulatorio 12',
    placeAddress: 'Largo Rosanna Benzi 10, Genova',
    startsAt: '2026-12-09T15:00',
    durationMinutes: 30,
    intramoenia: true,
  },
];

export const search: SlotSearch = { prescription, deadline: '2026-12-11T22:59:59Z', slots };

/** A hold of ten minutes from now, by the test's wall clock. */
export function heldSlot(slotId: string, minutes = 10): HeldSlot {
  const slot = slots.find((s) => s.slotId === slotId) ?? slots[0]!;
  return {
    holdId: `h-${slotId}`,
    heldUntil: new Date(Date.now() + minutes * 60_000).toISOString(),
    booking: {
      bookingCode: '070000001234',
      taxCode: TAX_CODE,
      providerName: slot.providerName,
      placeName: slot.placeName,
      placeAddress: slot.placeAddress,
      startsAt: slot.startsAt,
      services: [{ code: '89.7', description: 'Visita cardiologica', tariffCents: 2066, exempt: false }],
      ruleVersion: 'demo-4',
      amountDueCents: 2066,
      cashDueCents: 2065,
      status: 'booked',
    },
    payAtAppointmentAllowed: !slot.intramoenia,
  };
}

/** The booking actors as the host answers for Mario Rossi's one open prescription. */
export function bookingFakes(calls: string[]) {
  return {
    prescriptions: fromPromise<OpenPrescription[], { taxCode: string }>(async ({ input }) => {
      calls.push(`prescriptions:${input.taxCode}`);
      return [prescription];
    }),
    findSlots: fromPromise<SlotSearch, { taxCode: string; nre: string }>(async ({ input }) => {
      calls.push(`slots:${input.nre}`);
      if (input.nre !== prescription.nre) throw { code: 'PRESCRIPTION_UNKNOWN', message: 'no such prescription' };
      return search;
    }),
    holdSlot: fromPromise<HeldSlot, HoldSlotInput>(async ({ input }) => {
      calls.push(`hold:${input.slotId}`);
      return heldSlot(input.slotId);
    }),
    releaseHold: fromPromise<void, { holdId: string }>(async ({ input }) => {
      calls.push(`release:${input.holdId}`);
    }),
    confirmBooking: fromPromise<BookingConfirmed, ConfirmBookingInput>(async ({ input }) => {
      calls.push(`confirm:${input.holdId}:${input.payAt}`);
      return { booking: heldSlot('s1').booking, slip: { text: 'PROMEMORIA', svg: '<svg/>' } };
    }),
    joinWaitingList: fromPromise<{ requestId: string }, JoinWaitingListInput>(async ({ input }) => {
      calls.push(`waiting:${input.nre}:${input.phone}`);
      if (!/^\+?\d{6,15}$/.test(input.phone.replace(/\s/g, ''))) throw { code: 'PHONE_INVALID', message: 'bad phone' };
      return { requestId: 'w1' };
    }),
  };
}

import { assign } from 'xstate';
import type { SessionContext } from './session-context.ts';
import { toUiError } from './session-context.ts';
import type { SessionEvent } from './session-events.ts';
import { withoutItem } from './session-campaigns-context.ts';
import { sessionSetup, WALKED_AWAY } from './session-setup.ts';

type Args = { context: SessionContext; event: SessionEvent };

/** The actor that just failed failed with `code` (a typed error from the host). */
const failedWith =
  (code: string) =>
  ({ event }: { event: unknown }): boolean =>
    typeof event === 'object' && event !== null && 'error' in event && toUiError(event.error).code === code;

const listed = ({ context }: { context: SessionContext }) => context.prescriptions !== null;
const taxCode = (c: SessionContext) => c.citizen?.taxCode ?? '';
/** What is booked: the prescription, or a campaign invitation (`nre` empty then). */
const bookingFor = (c: SessionContext) => ({ nre: c.nre ?? '', ...(c.invitationId ? { invitationId: c.invitationId } : {}) });

/** Gives the held slot back without waiting: the session goes on (or ends) at once. */
const releaseHeld = sessionSetup.spawnChild('releaseHold', { input: ({ context }) => ({ holdId: context.hold?.holdId ?? '' }) });

/** Booking needs the central's agendas: without it the citizen is told, and can still pay. */
const TO_OFFLINE = { guard: failedWith('BOOKING_OFFLINE'), target: 'bookingOffline', actions: 'setError' } as const;

/** An identified citizen shows a prescription memo: straight to its free slots. */
export const BOOK_SCANNED_PRESCRIPTION = {
  guard: ({ context, event }: Args) => context.citizen !== null && event.type === 'SCAN.READ' && event.classified.kind === 'nre',
  target: 'findingSlots',
  actions: sessionSetup.assign({
    nre: ({ event }) => (event.type === 'SCAN.READ' && event.classified.kind === 'nre' ? event.classified.nre : null),
    invitationId: null,
    prescriptions: null,
    slotSearch: null,
    error: null,
  }),
} as const;

/** The citizen who showed a memo first inserts the card: the memo shown is booked. */
export const BOOK_SHOWN_PRESCRIPTION = {
  target: 'findingSlots',
  actions: [
    'setCitizen',
    sessionSetup.assign({ nre: ({ context }) => context.scanned?.nre ?? null, invitationId: null, scanned: null, prescriptions: null, slotSearch: null }),
  ],
} as const;

/**
 * Booking a visit or test for an identified citizen: their open prescriptions (or a memo shown
 * to the reader), the free slots in the priority's deadline, one held while the citizen reads
 * the quote, then confirmed, to pay now (the usual payment path) or at the appointment. No slot
 * in time: the waiting list, with a number to call back.
 */
export const bookingStates = {
  findingPrescriptions: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'prescriptions',
      input: ({ context }) => ({ taxCode: taxCode(context) }),
      // An error said before the list (a memo that could not be booked) stays above it.
      onDone: { target: 'choosingPrescription', actions: assign({ prescriptions: ({ event }) => event.output }) },
      onError: [TO_OFFLINE, { target: 'choosingPrescription', actions: 'setError' }],
    },
  }),
  choosingPrescription: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: {
      ...WALKED_AWAY,
      'PRESCRIPTION.CHOOSE': { target: 'findingSlots', actions: assign({ nre: ({ event }) => event.nre, invitationId: null, slotSearch: null, error: null }) },
      'SCAN.READ': [BOOK_SCANNED_PRESCRIPTION, { actions: 'scanNotRecognised' }],
      'NAV.BACK': { target: 'menu', actions: 'leaveBooking' },
    },
  }),
  findingSlots: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'findSlots',
      input: ({ context }) => ({ taxCode: taxCode(context), ...bookingFor(context) }),
      // A slot taken under the citizen's hand is said above the fresh list: the error stays.
      onDone: { target: 'choosingSlot', actions: assign({ slotSearch: ({ event }) => event.output }) },
      onError: [
        TO_OFFLINE,
        // An invitation that cannot be booked (booked elsewhere, campaign over): back to the menu, with why.
        { guard: ({ context }) => context.invitationId !== null, target: 'menu', actions: ['leaveBooking', 'setError'] },
        { guard: listed, target: 'choosingPrescription', actions: ['setError', assign({ slotSearch: null })] },
        // A memo that cannot be booked: the citizen's own list, with why.
        { target: 'findingPrescriptions', actions: ['setError', assign({ slotSearch: null })] },
      ],
    },
  }),
  choosingSlot: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: {
      ...WALKED_AWAY,
      'SLOT.CHOOSE': {
        guard: ({ context, event }) => context.slotSearch?.slots.some((s) => s.slotId === event.slotId) === true,
        target: 'holdingSlot',
        actions: assign({ slot: ({ context, event }) => context.slotSearch?.slots.find((s) => s.slotId === event.slotId) ?? null, error: null }),
      },
      // The waiting list is a prescription's guarantee; a campaign has none.
      'WAITING_LIST.JOIN': { guard: ({ context }) => context.slotSearch?.slots.length === 0 && context.invitationId === null, target: 'enteringPhone', actions: 'clearError' },
      'NAV.BACK': [
        { guard: listed, target: 'choosingPrescription', actions: assign({ nre: null, slotSearch: null, error: null }) },
        { target: 'menu', actions: 'leaveBooking' },
      ],
    },
  }),
  holdingSlot: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'holdSlot',
      input: ({ context }) => ({ taxCode: taxCode(context), ...bookingFor(context), slotId: context.slot?.slotId ?? '' }),
      onDone: { target: 'holding', actions: assign({ hold: ({ event }) => event.output, payAt: null, error: null }) },
      onError: [{ guard: failedWith('SLOT_TAKEN'), target: 'findingSlots', actions: 'setError' }, TO_OFFLINE, { target: 'choosingSlot', actions: 'setError' }],
    },
  }),
  holding: sessionSetup.createStateConfig({
    // No inactivity backstop: the hold's own end is the limit. The attention watch still ends an
    // abandoned session sooner, and the hold is given back then.
    after: { HOLD_LEFT: { target: 'holdExpired', actions: assign({ hold: null, error: null }) } },
    on: {
      'SESSION.TIMEOUT': { target: 'idle', actions: releaseHeld },
      'CARD.REMOVED': { target: 'idle', actions: releaseHeld },
      'BOOKING.CONFIRM': {
        guard: ({ context, event }) => event.payAt === 'now' || context.hold?.payAtAppointmentAllowed === true,
        target: 'confirmingBooking',
        actions: assign({ payAt: ({ event }) => event.payAt, error: null }),
      },
      // "Another time": the slot goes back and the list is searched again.
      'NAV.BACK': { target: 'releasingHold', actions: 'clearError' },
    },
  }),
  releasingHold: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'releaseHold',
      input: ({ context }) => ({ holdId: context.hold?.holdId ?? '' }),
      // Released or lapsed alike: the slot is no longer the citizen's.
      onDone: { target: 'findingSlots', actions: assign({ hold: null }) },
      onError: { target: 'findingSlots', actions: assign({ hold: null }) },
    },
  }),
  holdExpired: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: {
      ...WALKED_AWAY,
      'SLOTS.SEARCH': { target: 'findingSlots', actions: 'clearError' },
      'NAV.BACK': { target: 'menu', actions: 'leaveBooking' },
    },
  }),
  confirmingBooking: sessionSetup.createStateConfig({
    // The host finishes the booking it started; the citizen who took the card has left.
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'confirmBooking',
      input: ({ context }) => ({ holdId: context.hold?.holdId ?? '', payAt: context.payAt ?? 'now' }),
      // An invitation just booked is not offered again on the menu.
      onDone: { target: 'booked', actions: assign({ confirmed: ({ event }) => event.output, hold: null, error: null, news: ({ context }) => withoutItem(context.news, context.invitationId) }) },
      onError: [
        { guard: failedWith('HOLD_UNKNOWN'), target: 'holdExpired', actions: assign({ hold: null, error: null }) },
        TO_OFFLINE,
        { target: 'holding', actions: 'setError' },
      ],
    },
  }),
  booked: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: {
      ...WALKED_AWAY,
      // The booking just made is paid like one found by its code.
      'BOOKING.PAY': {
        guard: ({ context }) => context.payAt === 'now' && (context.confirmed?.booking.amountDueCents ?? 0) > 0,
        target: 'reviewing',
        actions: assign({ booking: ({ context }) => context.confirmed?.booking ?? null, flow: 'booking', error: null }),
      },
      'NAV.BACK': { target: 'menu', actions: 'leaveBooking' },
      'SESSION.FINISH': 'idle',
    },
  }),
  enteringPhone: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: {
      ...WALKED_AWAY,
      'PHONE.SUBMIT': { target: 'joiningWaitingList', actions: assign({ callbackPhone: ({ event }) => event.phone, error: null }) },
      'SESSION.ACTIVITY': { target: 'enteringPhone', reenter: true },
      'NAV.BACK': { target: 'choosingSlot', actions: 'clearError' },
    },
  }),
  joiningWaitingList: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'joinWaitingList',
      input: ({ context }) => ({ taxCode: taxCode(context), nre: context.nre ?? '', phone: context.callbackPhone ?? '' }),
      onDone: { target: 'waitingListJoined', actions: 'clearError' },
      onError: [TO_OFFLINE, { target: 'enteringPhone', actions: 'setError' }],
    },
  }),
  waitingListJoined: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: {
      ...WALKED_AWAY,
      'NAV.BACK': { target: 'menu', actions: 'leaveBooking' },
      'SESSION.FINISH': 'idle',
    },
  }),
  /** The central does not answer: nothing can be booked now; a booking's ticket can still be paid. */
  bookingOffline: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: {
      ...WALKED_AWAY,
      'MENU.PAY_BOOKING': { target: 'enteringCode', actions: 'leaveBooking' },
      'NAV.BACK': { target: 'menu', actions: 'leaveBooking' },
      'SESSION.FINISH': 'idle',
    },
  }),
};

/** The states above, for `SessionStateValue`. */
export type BookingStateValue = keyof typeof bookingStates;

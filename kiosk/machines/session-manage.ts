import { assign } from 'xstate';
import type { SessionContext } from './session-context.ts';
import { toUiError } from './session-context.ts';
import { NO_MANAGE_FLOW } from './session-manage-context.ts';
import type { SessionEvent } from './session-events.ts';
import { sessionSetup, WALKED_AWAY } from './session-setup.ts';

type Args = { context: SessionContext; event: SessionEvent };

const failedWith =
  (code: string) =>
  ({ event }: { event: unknown }): boolean =>
    typeof event === 'object' && event !== null && 'error' in event && toUiError(event.error).code === code;

/** The booking being changed, as the host's commands name it; the identified citizen's code checks it is theirs. */
const ref = (c: SessionContext, code = c.managed?.bookingCode ?? '') => ({ bookingCode: code, ...(c.citizen ? { taxCode: c.citizen.taxCode } : {}) });
const listed = ({ context }: { context: SessionContext }) => context.myBookings !== null;
const leaveManage = sessionSetup.assign(() => ({ ...NO_MANAGE_FLOW, error: null }));
/** Gives the held new slot back without waiting: the session goes on (or ends) at once. */
const releaseMoveHeld = sessionSetup.spawnChild('releaseMoveHold', { input: ({ context }) => ({ holdId: context.moveHold?.holdId ?? '' }) });
const codeOf = ({ event }: Args) => (event.type === 'CODE.SUBMIT' ? event.code : event.type === 'SCAN.READ' && event.classified.kind === 'booking' ? event.classified.booking : '');
const scannedBooking = ({ event }: Args) => event.type === 'SCAN.READ' && event.classified.kind === 'booking';

/** "Disdire o spostare una prenotazione" on the menu: the citizen's list when identified, else a booking code. */
export const MANAGE_FROM_MENU = [
  { guard: 'identified', target: 'findingMyBookings', actions: leaveManage },
  { target: 'enteringManageCode', actions: leaveManage },
] as const;

/**
 * Cancelling (disdetta) or moving a booking: the identified citizen's upcoming bookings, or one
 * by its code typed or scanned; its detail says what a cancellation now means (refund if paid,
 * ticket still due if too late). Cancelling asks for confirmation, then the receipt; moving
 * shows the free slots of the same prescription, holds one with its countdown, then the new slip.
 */
export const manageStates = {
  findingMyBookings: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'citizenBookings',
      input: ({ context }) => ({ taxCode: context.citizen?.taxCode ?? '' }),
      onDone: { target: 'choosingMyBooking', actions: assign({ myBookings: ({ event }) => event.output }) },
      onError: { target: 'enteringManageCode', actions: 'setError' },
    },
  }),
  choosingMyBooking: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: {
      ...WALKED_AWAY,
      'MANAGE.CHOOSE': {
        guard: ({ context, event }) => context.myBookings?.bookings.some((b) => b.bookingCode === event.bookingCode) === true,
        target: 'managingBooking',
        actions: assign({ managed: ({ context, event }) => context.myBookings?.bookings.find((b) => b.bookingCode === event.bookingCode) ?? null, error: null }),
      },
      'MANAGE.BY_CODE': { target: 'enteringManageCode', actions: 'clearError' },
      'SCAN.READ': [{ guard: scannedBooking, target: 'findingManagedBooking' }, { actions: 'scanNotRecognised' }],
      'NAV.BACK': { target: 'menu', actions: leaveManage },
    },
  }),
  enteringManageCode: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: {
      ...WALKED_AWAY,
      'CODE.SUBMIT': 'findingManagedBooking',
      'SCAN.READ': [{ guard: scannedBooking, target: 'findingManagedBooking' }, { actions: 'scanNotRecognised' }],
      'SESSION.ACTIVITY': { target: 'enteringManageCode', reenter: true },
      'NAV.BACK': [
        { guard: listed, target: 'choosingMyBooking', actions: 'clearError' },
        { target: 'menu', actions: leaveManage },
      ],
    },
  }),
  findingManagedBooking: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'manageBooking',
      input: (args) => ref(args.context, codeOf(args)),
      onDone: { target: 'managingBooking', actions: assign({ managed: ({ event }) => event.output, error: null }) },
      onError: { target: 'enteringManageCode', actions: 'setError' },
    },
  }),
  managingBooking: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: {
      ...WALKED_AWAY,
      'MANAGE.CANCEL': { guard: ({ context }) => context.managed !== null && context.managed.cancelTiming !== 'started', target: 'confirmingCancel', actions: 'clearError' },
      'MANAGE.MOVE': { guard: ({ context }) => context.managed !== null && context.managed.cancelTiming !== 'started', target: 'findingMoveSlots', actions: 'clearError' },
      'NAV.BACK': [
        { guard: listed, target: 'choosingMyBooking', actions: assign({ managed: null, error: null }) },
        { target: 'enteringManageCode', actions: assign({ managed: null, error: null }) },
      ],
    },
  }),
  /** The dialog that says what a cancellation now means, before anything is recorded. */
  confirmingCancel: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: { ...WALKED_AWAY, 'CANCEL.CONFIRM': 'cancellingBooking', 'NAV.BACK': 'managingBooking' },
  }),
  cancellingBooking: sessionSetup.createStateConfig({
    // The host finishes what it started; the citizen who took the card has left.
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'cancelBooking',
      input: ({ context }) => ref(context),
      onDone: { target: 'bookingCancelled', actions: assign({ cancelDone: ({ event }) => event.output, myBookings: null, error: null }) },
      onError: { target: 'managingBooking', actions: 'setError' },
    },
  }),
  bookingCancelled: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: { ...WALKED_AWAY, 'NAV.BACK': { target: 'menu', actions: leaveManage }, 'SESSION.FINISH': 'idle' },
  }),
  findingMoveSlots: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'findMoveSlots',
      input: ({ context }) => ref(context),
      // A slot taken under the citizen's hand is said above the fresh list: the error stays.
      onDone: { target: 'choosingMoveSlot', actions: assign({ moveSearch: ({ event }) => event.output }) },
      // Offline or refused: the detail says why; cancelling still works offline.
      onError: { target: 'managingBooking', actions: 'setError' },
    },
  }),
  choosingMoveSlot: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: {
      ...WALKED_AWAY,
      'SLOT.CHOOSE': {
        guard: ({ context, event }) => context.moveSearch?.slots.some((s) => s.slotId === event.slotId) === true,
        target: 'holdingMoveSlot',
        actions: assign({ moveSlot: ({ context, event }) => context.moveSearch?.slots.find((s) => s.slotId === event.slotId) ?? null, error: null }),
      },
      'NAV.BACK': { target: 'managingBooking', actions: assign({ moveSearch: null, error: null }) },
    },
  }),
  holdingMoveSlot: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'holdMoveSlot',
      input: ({ context }) => ({ ...ref(context), slotId: context.moveSlot?.slotId ?? '' }),
      onDone: { target: 'moveHeld', actions: assign({ moveHold: ({ event }) => event.output, error: null }) },
      onError: [{ guard: failedWith('SLOT_TAKEN'), target: 'findingMoveSlots', actions: 'setError' }, { target: 'choosingMoveSlot', actions: 'setError' }],
    },
  }),
  moveHeld: sessionSetup.createStateConfig({
    // The hold's own end is the limit, as when booking.
    after: { MOVE_HOLD_LEFT: { target: 'moveHoldExpired', actions: assign({ moveHold: null, error: null }) } },
    on: {
      'SESSION.TIMEOUT': { target: 'idle', actions: releaseMoveHeld },
      'CARD.REMOVED': { target: 'idle', actions: releaseMoveHeld },
      'MOVE.CONFIRM': { target: 'movingBooking', actions: 'clearError' },
      'NAV.BACK': { target: 'releasingMoveHold', actions: 'clearError' },
    },
  }),
  releasingMoveHold: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'releaseMoveHold',
      input: ({ context }) => ({ holdId: context.moveHold?.holdId ?? '' }),
      onDone: { target: 'findingMoveSlots', actions: assign({ moveHold: null }) },
      onError: { target: 'findingMoveSlots', actions: assign({ moveHold: null }) },
    },
  }),
  moveHoldExpired: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: { ...WALKED_AWAY, 'SLOTS.SEARCH': { target: 'findingMoveSlots', actions: 'clearError' }, 'NAV.BACK': { target: 'managingBooking', actions: 'clearError' } },
  }),
  movingBooking: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'confirmMove',
      input: ({ context }) => ({ holdId: context.moveHold?.holdId ?? '' }),
      onDone: { target: 'bookingMoved', actions: assign({ moved: ({ event }) => event.output, moveHold: null, myBookings: null, error: null }) },
      onError: [{ guard: failedWith('HOLD_UNKNOWN'), target: 'moveHoldExpired', actions: assign({ moveHold: null, error: null }) }, { target: 'moveHeld', actions: 'setError' }],
    },
  }),
  bookingMoved: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: { ...WALKED_AWAY, 'NAV.BACK': { target: 'menu', actions: leaveManage }, 'SESSION.FINISH': 'idle' },
  }),
};

export type ManageStateValue = keyof typeof manageStates;

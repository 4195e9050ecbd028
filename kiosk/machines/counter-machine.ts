import { assign, fromPromise, setup, type SnapshotFrom } from 'xstate';
import { errorOf, notProvided, type HostError } from './host-errors.ts';
import type { CounterCashInput, CounterCashTaken, CounterDayClosed, CounterDayTotals, CounterLoginInput, CounterSession } from '../bridge/counter-api.ts';

/**
 * Events of the pharmacy counter: the operator's, from the login form, the cash form and the
 * counter bar. The citizen being served is the citizen session machine's (kiosk-app feeds it),
 * so every flow a kiosk has, the counter has, on the citizen's behalf.
 */
export type CounterEvent =
  | { type: 'LOGIN.SUBMIT'; code: string; pin: string }
  /** The amount the citizen handed over, counted by the operator, for the open payment. */
  | { type: 'CASH.SUBMIT'; paymentId: string; tenderedCents: number }
  /** A new citizen: the last change given is no longer shown. */
  | { type: 'CASH.CLEAR' }
  | { type: 'COUNTER.LOGOUT' }
  | { type: 'CLOSE.REQUEST' }
  | { type: 'CLOSE.CONFIRM' }
  | { type: 'NAV.BACK' }
  | { type: 'CLOSE.DONE' };

export type CounterError = HostError;

export interface CounterContext {
  session: CounterSession | null;
  /** Why the last login, cash or close was refused. */
  error: CounterError | null;
  /** The last cash taken, with the change to give back, until the next citizen. */
  cash: CounterCashTaken | null;
  /** The day so far, shown before the operator confirms the close. */
  totals: CounterDayTotals | null;
  closed: CounterDayClosed | null;
}

export const COUNTER_EMPTY: CounterContext = { session: null, error: null, cash: null, totals: null, closed: null };


const counterSetup = setup({
  types: { context: {} as CounterContext, events: {} as CounterEvent },
  actors: {
    counterSession: fromPromise<CounterSession | null, void>(notProvided('counterSession')),
    counterLogin: fromPromise<CounterSession, CounterLoginInput>(notProvided('counterLogin')),
    counterLogout: fromPromise<void, void>(notProvided('counterLogout')),
    counterCash: fromPromise<CounterCashTaken, CounterCashInput>(notProvided('counterCash')),
    counterDayTotals: fromPromise<CounterDayTotals, void>(notProvided('counterDayTotals')),
    counterCloseDay: fromPromise<CounterDayClosed, void>(notProvided('counterCloseDay')),
  },
  guards: {
    loginComplete: ({ event }) => event.type === 'LOGIN.SUBMIT' && event.code.trim() !== '' && event.pin !== '',
    tenderedValid: ({ event }) => event.type === 'CASH.SUBMIT' && Number.isInteger(event.tenderedCents) && event.tenderedCents >= 0,
    /** The host no longer knows the operator (it restarted): sign in again. */
    signedOut: ({ event }) => errorOf(event).code === 'COUNTER_NOT_SIGNED_IN',
  },
  actions: {
    forget: assign(() => COUNTER_EMPTY),
    keepError: assign({ error: ({ event }) => errorOf(event) }),
    clearError: assign({ error: null }),
  },
});

const LAPSED = { guard: 'signedOut' as const, target: 'signedOut', actions: 'keepError' as const };

/**
 * The pharmacy counter: the operator signs in with code and PIN, serves citizens (the session
 * machine runs while `serving`), takes the cash they hand over, signs out, or closes the day:
 * totals first, then the close, printed and queued for the central, which also signs them out.
 */
export const counterMachine = counterSetup.createMachine({
  id: 'counter',
  context: COUNTER_EMPTY,
  initial: 'checking',
  states: {
    /** A reload of the screen finds the operator the host still has signed in. */
    checking: {
      invoke: {
        id: 'counterSession',
        src: 'counterSession',
        onDone: [
          { guard: ({ event }) => event.output !== null, target: 'serving', actions: assign({ session: ({ event }) => event.output }) },
          { target: 'signedOut' },
        ],
        onError: { target: 'signedOut' },
      },
    },
    signedOut: {
      on: { 'LOGIN.SUBMIT': { guard: 'loginComplete', target: 'signingIn' } },
    },
    signingIn: {
      invoke: {
        id: 'counterLogin',
        src: 'counterLogin',
        input: ({ event }) => (event.type === 'LOGIN.SUBMIT' ? { code: event.code, pin: event.pin } : { code: '', pin: '' }),
        onDone: { target: 'serving', actions: assign({ session: ({ event }) => event.output, error: null, cash: null, totals: null, closed: null }) },
        onError: { target: 'signedOut', actions: 'keepError' },
      },
    },
    serving: {
      on: {
        'CASH.SUBMIT': { guard: 'tenderedValid', target: 'takingCash', actions: 'clearError' },
        'CASH.CLEAR': { actions: assign({ cash: null, error: null }) },
        'COUNTER.LOGOUT': 'signingOut',
        'CLOSE.REQUEST': { target: 'loadingTotals', actions: 'clearError' },
      },
    },
    takingCash: {
      invoke: {
        id: 'counterCash',
        src: 'counterCash',
        input: ({ event }) => (event.type === 'CASH.SUBMIT' ? { paymentId: event.paymentId, tenderedCents: event.tenderedCents } : { paymentId: '', tenderedCents: 0 }),
        onDone: { target: 'serving', actions: assign({ cash: ({ event }) => event.output, error: null }) },
        // Refused (less than due, ...): nothing was recorded; the operator counts again.
        onError: [LAPSED, { target: 'serving', actions: 'keepError' }],
      },
    },
    loadingTotals: {
      invoke: {
        id: 'counterDayTotals',
        src: 'counterDayTotals',
        onDone: { target: 'confirmingClose', actions: assign({ totals: ({ event }) => event.output }) },
        onError: [LAPSED, { target: 'serving', actions: 'keepError' }],
      },
    },
    confirmingClose: {
      on: {
        'CLOSE.CONFIRM': { target: 'closing', actions: 'clearError' },
        'NAV.BACK': { target: 'serving', actions: assign({ totals: null, error: null }) },
      },
    },
    closing: {
      invoke: {
        id: 'counterCloseDay',
        src: 'counterCloseDay',
        onDone: { target: 'closed', actions: assign({ closed: ({ event }) => event.output, session: null, cash: null }) },
        onError: [LAPSED, { target: 'confirmingClose', actions: 'keepError' }],
      },
    },
    /** The close sheet on screen (and on paper); the operator is signed out already. */
    closed: {
      on: { 'CLOSE.DONE': { target: 'signedOut', actions: 'forget' } },
    },
    signingOut: {
      invoke: {
        id: 'counterLogout',
        src: 'counterLogout',
        onDone: { target: 'signedOut', actions: 'forget' },
        onError: { target: 'signedOut', actions: 'forget' },
      },
    },
  },
});

export type CounterMachine = typeof counterMachine;
export type CounterSnapshot = SnapshotFrom<CounterMachine>;

export const COUNTER_STATES = ['checking', 'signedOut', 'signingIn', 'serving', 'takingCash', 'loadingTotals', 'confirmingClose', 'closing', 'closed', 'signingOut'] as const;
export type CounterStateValue = (typeof COUNTER_STATES)[number];

import { assign, fromPromise, setup } from 'xstate';
import type { Citizen, Classified } from '@cup-kiosk/sync-service/domain';
import type {
  BeginPaymentInput,
  PayableBooking,
  PaymentMethod,
  PaymentStarted,
  ReceiptPrinted,
} from '../bridge/terminal-api.ts';
import type { SessionEvent } from './session-events.ts';

export interface UiError {
  code: string;
  message: string;
}

export interface PaymentProgress {
  paymentId: string;
  method: PaymentMethod;
  amountDueCents: number;
  creditedCents: number;
}

export interface Completed {
  transactionId: string;
  paidCents: number;
  changeDueCents: number;
}

export interface Cancellation {
  refundedCents: number;
  voucherCents: number;
}

/** A code the scanner read that this kiosk shows but does not act on here (NRE, pagoPA). */
export type ScannedCode = Extract<Classified, { kind: 'nre' } | { kind: 'pagopa' }>;

export interface SessionContext {
  citizen: Citizen | null;
  /** How the citizen chose to pay, from the booking screen. */
  method: PaymentMethod;
  scanned: ScannedCode | null;
  cancellation: Cancellation | null;
  booking: PayableBooking | null;
  payment: PaymentProgress | null;
  completed: Completed | null;
  receipt: ReceiptPrinted | null;
  error: UiError | null;
}

const EMPTY: SessionContext = {
  citizen: null,
  method: 'cash',
  scanned: null,
  cancellation: null,
  booking: null,
  payment: null,
  completed: null,
  receipt: null,
  error: null,
};

/** The codice fiscale barcode of the card identifies the citizen; names come only from the chip. */
function citizenFromScan(c: Extract<Classified, { kind: 'taxCode' }>): Citizen {
  return { taxCode: c.taxCode, surname: '', name: '', sex: c.sex, birthDate: c.birthDate, birthplaceCode: c.birthplaceCode };
}

type Scan = Extract<SessionEvent, { type: 'SCAN.READ' }>;
const scanned = (e: SessionEvent, kind: Classified['kind']) => e.type === 'SCAN.READ' && e.classified.kind === kind;

/** Handlers of a scan on the screens where a citizen may show any code. */
const SCAN_ANYTHING = [
  { guard: 'scannedTaxCode', target: 'menu', actions: 'identifyFromScan' },
  { guard: 'scannedBooking', target: 'findingBooking' },
  { guard: 'scannedOtherCode', target: 'codeRead', actions: 'keepScan' },
  { actions: 'scanNotRecognised' },
] as const;

/** Turns whatever an actor rejected with into the `{ code, message }` the screens show. */
export function toUiError(e: unknown): UiError {
  if (typeof e === 'object' && e !== null) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    return {
      code: typeof code === 'string' ? code : 'UNEXPECTED',
      message: typeof message === 'string' ? message : String(e),
    };
  }
  return { code: 'UNEXPECTED', message: String(e) };
}

/**
 * The citizen's session at a kiosk: identify, find a booking, pay it in cash, get the receipt.
 * Side effects are the named actors below; the host supplies them through `.provide()`.
 * Nothing here knows about devices, the network or the DOM.
 */
export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
  },
  actors: {
    findBooking: fromPromise<PayableBooking, { code: string }>(async () => {
      throw new Error('findBooking not provided');
    }),
    beginPayment: fromPromise<PaymentStarted, BeginPaymentInput>(async () => {
      throw new Error('beginPayment not provided');
    }),
    cancelPayment: fromPromise<{ refundedCents: number; voucherCents: number }, { paymentId: string }>(async () => {
      throw new Error('cancelPayment not provided');
    }),
    printReceipt: fromPromise<ReceiptPrinted, { transactionId: string }>(async () => {
      throw new Error('printReceipt not provided');
    }),
  },
  delays: {
    /**
     * How long a screen waits for a touch before the session ends (no money is pending): a
     * backstop behind the UI's warning with its countdown, which ends it sooner.
     */
    INACTIVITY: 90_000,
    /** How long the insert-card prompt waits. */
    CARD_WAIT: 60_000,
    /** How long the closing screens stay before the kiosk forgets the citizen. */
    FAREWELL: 10_000,
  },
  guards: {
    scannedTaxCode: ({ event }) => scanned(event, 'taxCode'),
    scannedBooking: ({ event }) => scanned(event, 'booking'),
    scannedOtherCode: ({ event }) => scanned(event, 'nre') || scanned(event, 'pagopa'),
    identified: ({ context }) => context.citizen !== null,
    isOurPayment: ({ context, event }) =>
      'paymentId' in event && context.payment !== null && event.paymentId === context.payment.paymentId,
  },
  actions: {
    forget: assign(() => ({ ...EMPTY })),
    setCitizen: assign({
      citizen: ({ event }) => (event.type === 'CARD.INSERTED' ? event.citizen : null),
      error: () => null,
    }),
    clearError: assign({ error: () => null }),
    identifyFromScan: assign({
      citizen: ({ event }) => citizenFromScan((event as Scan).classified as Extract<Classified, { kind: 'taxCode' }>),
      error: () => null,
    }),
    keepScan: assign({ scanned: ({ event }) => (event as Scan).classified as ScannedCode, error: () => null }),
    scanNotRecognised: assign({
      error: ({ event }) => {
        const c = (event as Scan).classified;
        return { code: 'SCAN_NOT_RECOGNISED', message: c.kind === 'unknown' ? c.reason : c.kind };
      },
    }),
  },
}).createMachine({
  id: 'session',
  context: { ...EMPTY },
  initial: 'idle',
  states: {
    idle: {
      entry: 'forget',
      on: {
        'SESSION.START': 'waitingCard',
        'SCAN.READ': [...SCAN_ANYTHING],
        'CARD.INSERTED': { target: 'menu', actions: 'setCitizen' },
        'CARD.ERROR': { target: 'cardError', actions: assign({ error: ({ event }) => ({ code: event.code, message: event.message }) }) },
      },
    },
    waitingCard: {
      after: { CARD_WAIT: 'idle' },
      on: {
        'SESSION.TIMEOUT': 'idle',
        'SCAN.READ': [...SCAN_ANYTHING],
        'CARD.INSERTED': { target: 'menu', actions: 'setCitizen' },
        'CARD.ERROR': { target: 'cardError', actions: assign({ error: ({ event }) => ({ code: event.code, message: event.message }) }) },
        'SESSION.CANCEL': 'idle',
      },
    },
    cardError: {
      after: { FAREWELL: 'idle' },
      on: { 'SESSION.FINISH': 'idle', 'CARD.REMOVED': 'idle' },
    },
    menu: {
      after: { INACTIVITY: 'idle' },
      on: {
        'SESSION.TIMEOUT': 'idle',
        'SCAN.READ': [...SCAN_ANYTHING.slice(1)],
        'MENU.PAY_BOOKING': { target: 'enteringCode', actions: 'clearError' },
        'SESSION.FINISH': 'idle',
        'CARD.REMOVED': 'idle',
      },
    },
    enteringCode: {
      after: { INACTIVITY: 'idle' },
      on: {
        'SESSION.TIMEOUT': 'idle',
        'CODE.SUBMIT': 'findingBooking',
        'SCAN.READ': [{ guard: 'scannedBooking', target: 'findingBooking' }, { actions: 'scanNotRecognised' }],
        'SESSION.ACTIVITY': { target: 'enteringCode', reenter: true },
        'NAV.BACK': 'menu',
        'CARD.REMOVED': 'idle',
      },
    },
    findingBooking: {
      invoke: {
        src: 'findBooking',
        input: ({ event }) => ({
          code: event.type === 'CODE.SUBMIT' ? event.code : event.type === 'SCAN.READ' && event.classified.kind === 'booking' ? event.classified.booking : '',
        }),
        onDone: { target: 'reviewing', actions: assign({ booking: ({ event }) => event.output, error: () => null }) },
        onError: { target: 'enteringCode', actions: assign({ error: ({ event }) => toUiError(event.error) }) },
      },
    },
    reviewing: {
      after: { INACTIVITY: 'idle' },
      on: {
        'SESSION.TIMEOUT': 'idle',
        'PAY.CASH': { target: 'startingPayment', actions: assign({ method: () => 'cash' as const, error: () => null }) },
        'PAY.CARD': { target: 'startingPayment', actions: assign({ method: () => 'card' as const, error: () => null }) },
        'NAV.BACK': { target: 'enteringCode', actions: assign({ booking: () => null }) },
        'CARD.REMOVED': 'idle',
      },
    },
    startingPayment: {
      invoke: {
        src: 'beginPayment',
        input: ({ context }) => ({
          bookingCode: context.booking?.bookingCode ?? '',
          taxCode: context.citizen?.taxCode ?? context.booking?.taxCode ?? '',
          method: context.method,
        }),
        onDone: {
          target: 'paying',
          actions: assign({
            payment: ({ context, event }) => ({ paymentId: event.output.paymentId, method: context.method, amountDueCents: event.output.amountDueCents, creditedCents: 0 }),
          }),
        },
        onError: { target: 'reviewing', actions: assign({ error: ({ event }) => toUiError(event.error) }) },
      },
    },
    paying: {
      // No inactivity timeout and no card-removal exit here: money may be credited.
      on: {
        'CASH.CREDIT': {
          guard: 'isOurPayment',
          actions: assign({
            payment: ({ context, event }) => ({ ...context.payment!, creditedCents: event.creditedCents }),
            error: () => null,
          }),
        },
        'PAYMENT.COMMITTED': {
          guard: 'isOurPayment',
          target: 'printing',
          actions: assign({
            completed: ({ event }) => ({ transactionId: event.transactionId, paidCents: event.paidCents, changeDueCents: event.changeDueCents }),
          }),
        },
        'CASH.REJECTED': { actions: assign({ error: ({ event }) => ({ code: `CASH_${event.reason}`, message: String(event.valueCents) }) }) },
        'POS.DECLINED': {
          guard: 'isOurPayment',
          target: 'reviewing',
          actions: assign({ payment: () => null, error: ({ event }) => ({ code: event.code, message: event.message }) }),
        },
        'SESSION.CANCEL': 'cancellingPayment',
      },
    },
    cancellingPayment: {
      invoke: {
        src: 'cancelPayment',
        input: ({ context }) => ({ paymentId: context.payment?.paymentId ?? '' }),
        onDone: { target: 'cancelled', actions: assign({ cancellation: ({ event }) => event.output }) },
        onError: { target: 'cancelled', actions: assign({ error: ({ event }) => toUiError(event.error) }) },
      },
      on: {
        // A card payment being stopped settles through the POS: cancelled comes back.
        'POS.DECLINED': { guard: 'isOurPayment', target: 'cancelled' },
        // A coin that was already in the chute when cancel was pressed can still complete it.
        'PAYMENT.COMMITTED': {
          guard: 'isOurPayment',
          target: 'printing',
          actions: assign({
            completed: ({ event }) => ({ transactionId: event.transactionId, paidCents: event.paidCents, changeDueCents: event.changeDueCents }),
          }),
        },
      },
    },
    codeRead: {
      after: { INACTIVITY: 'idle' },
      on: {
        'SESSION.TIMEOUT': 'idle',
        'NAV.BACK': [
          { guard: 'identified', target: 'menu', actions: assign({ scanned: () => null }) },
          { target: 'idle' },
        ],
        'SESSION.FINISH': 'idle',
        'CARD.REMOVED': 'idle',
      },
    },
    cancelled: {
      after: { FAREWELL: 'idle' },
      on: { 'SESSION.FINISH': 'idle' },
    },
    printing: {
      invoke: {
        src: 'printReceipt',
        input: ({ context }) => ({ transactionId: context.completed?.transactionId ?? '' }),
        onDone: { target: 'done', actions: assign({ receipt: ({ event }) => event.output }) },
        onError: { target: 'printFailed', actions: assign({ error: ({ event }) => toUiError(event.error) }) },
      },
    },
    printFailed: {
      after: { FAREWELL: 'idle' },
      on: { 'SESSION.FINISH': 'idle' },
    },
    done: {
      after: { FAREWELL: 'idle' },
      on: { 'SESSION.FINISH': 'idle' },
    },
  },
});

export type SessionMachine = typeof sessionMachine;
export type SessionStateValue =
  | 'idle'
  | 'waitingCard'
  | 'cardError'
  | 'menu'
  | 'enteringCode'
  | 'codeRead'
  | 'findingBooking'
  | 'reviewing'
  | 'startingPayment'
  | 'paying'
  | 'cancellingPayment'
  | 'cancelled'
  | 'printing'
  | 'printFailed'
  | 'done';

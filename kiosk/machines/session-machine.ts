import { assign } from 'xstate';
import { EMPTY, initialSelection, paymentItems, toggled } from './session-context.ts';
import { BOOK_SCANNED_PRESCRIPTION, BOOK_SHOWN_PRESCRIPTION, bookingStates, type BookingStateValue } from './session-booking.ts';
import { incomeBandStates } from './session-income-band.ts';
import { MANAGE_FROM_MENU, manageStates, type ManageStateValue } from './session-manage.ts';
import { ASK_NEWS, campaignStates, MENU_NEWS_EVENTS, type CampaignStateValue } from './session-campaigns.ts';
import { sessionSetup, WALKED_AWAY } from './session-setup.ts';

export * from './session-context.ts';

/** Handlers of a scan on the screens where a citizen may show any code. */
const SCAN_ANYTHING = [
  { guard: 'scannedTaxCode', target: 'menu', actions: 'identifyFromScan' },
  { guard: 'scannedBooking', target: 'findingBooking' },
  { guard: 'scannedNotice', target: 'findingNotice' },
  { guard: 'scannedPrescription', target: 'codeRead', actions: 'keepScan' },
  { actions: 'scanNotRecognised' },
] as const;

/** Back to where the citizen chose how to pay, by what they are paying. */
const backToChoice = <A extends 'setError' | 'paymentRefused' | 'clearError'>(actions: A) =>
  [
    { guard: 'payingNotice', target: 'reviewingNotice', actions },
    { guard: 'payingUnpaid', target: 'choosingMethod', actions },
    { target: 'reviewing', actions },
  ] as const;

/** A card the POS did not take: the citizen's choice while the payment goes on, else back to how to pay. */
const POS_DECLINED = [
  { guard: 'otherPayment' },
  { guard: 'paymentStaysOpen', target: 'cardDeclined', actions: 'cardRefused' },
  ...backToChoice('paymentRefused'),
] as const;

/**
 * The citizen's session at a kiosk: identify; find a booking, a pagoPA notice or their unpaid
 * list; pay in cash, by card or part each; get the receipt; self-certify their income band
 * (`session-income-band.ts`); or book a visit (`session-booking.ts`). Side effects are the actors named in `session-setup.ts`; the host
 * supplies them through `.provide()`. Nothing here knows about devices, the network or the DOM.
 */
export const sessionMachine = sessionSetup.createMachine({
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
        'TAX_CODE.ENTER': 'enteringTaxCode',
      },
    },
    /** The codice fiscale typed on the on-screen keyboard; a card inserted or scanned meanwhile wins. */
    enteringTaxCode: {
      after: { INACTIVITY: 'idle' },
      on: {
        'SESSION.TIMEOUT': 'idle',
        'TAX_CODE.SUBMIT': { guard: 'taxCodeValid', target: 'menu', actions: 'identifyFromTaxCode' },
        'CARD.INSERTED': { target: 'menu', actions: 'setCitizen' },
        'CARD.ERROR': { target: 'cardError', actions: assign({ error: ({ event }) => ({ code: event.code, message: event.message }) }) },
        'SCAN.READ': [...SCAN_ANYTHING],
        'SESSION.ACTIVITY': { target: 'enteringTaxCode', reenter: true },
        'NAV.BACK': 'waitingCard',
      },
    },
    cardError: {
      after: { FAREWELL: 'idle' },
      on: { 'SESSION.FINISH': 'idle', 'CARD.REMOVED': 'idle' },
    },
    menu: {
      entry: ASK_NEWS,
      after: { INACTIVITY: 'idle' },
      on: {
        ...WALKED_AWAY,
        'SCAN.READ': [BOOK_SCANNED_PRESCRIPTION, ...SCAN_ANYTHING.slice(1)],
        'MENU.BOOK': { guard: 'identified', target: 'findingPrescriptions', actions: 'leaveBooking' },
        'MENU.MANAGE': [...MANAGE_FROM_MENU],
        ...MENU_NEWS_EVENTS,
        'MENU.PAY_BOOKING': { target: 'enteringCode', actions: 'clearError' },
        'MENU.PAY_NOTICE': { target: 'enteringNotice', actions: 'clearError' },
        'MENU.UNPAID': { guard: 'identified', target: 'findingUnpaid', actions: 'clearError' },
        'MENU.INCOME_BAND': { guard: 'identified', target: 'findingIncomeBand', actions: 'clearError' },
        'SESSION.FINISH': 'idle',
      },
    },
    enteringCode: {
      after: { INACTIVITY: 'idle' },
      on: {
        ...WALKED_AWAY,
        'CODE.SUBMIT': 'findingBooking',
        'SCAN.READ': [{ guard: 'scannedBooking', target: 'findingBooking' }, { actions: 'scanNotRecognised' }],
        'SESSION.ACTIVITY': { target: 'enteringCode', reenter: true },
        'NAV.BACK': { target: 'menu', actions: 'clearError' },
      },
    },
    findingBooking: {
      invoke: {
        src: 'findBooking',
        input: ({ event }) => ({
          code: event.type === 'CODE.SUBMIT' ? event.code : event.type === 'SCAN.READ' && event.classified.kind === 'booking' ? event.classified.booking : '',
        }),
        onDone: { target: 'reviewing', actions: assign({ booking: ({ event }) => event.output, flow: () => 'booking' as const, error: () => null }) },
        onError: { target: 'enteringCode', actions: 'setError' },
      },
    },
    reviewing: {
      after: { INACTIVITY: 'idle' },
      on: {
        ...WALKED_AWAY,
        'PAY.CASH': { target: 'startingPayment', actions: 'payCash' },
        'PAY.CARD': { target: 'startingPayment', actions: 'payCard' },
        'PAY.SPLIT': { target: 'enteringCardPart', actions: 'clearError' },
        'NAV.BACK': { target: 'enteringCode', actions: assign({ booking: () => null, error: () => null }) },
      },
    },
    enteringNotice: {
      after: { INACTIVITY: 'idle' },
      on: {
        ...WALKED_AWAY,
        'CODE.SUBMIT': 'findingNotice',
        'SCAN.READ': [{ guard: 'scannedNotice', target: 'findingNotice' }, { actions: 'scanNotRecognised' }],
        'SESSION.ACTIVITY': { target: 'enteringNotice', reenter: true },
        'NAV.BACK': { target: 'menu', actions: 'clearError' },
      },
    },
    findingNotice: {
      invoke: {
        src: 'findNotice',
        // A QR is passed whole: the central checks its creditor and amount against the notice.
        input: ({ event }) => ({ code: event.type === 'CODE.SUBMIT' ? event.code : event.type === 'SCAN.READ' ? event.text : '' }),
        onDone: { target: 'reviewingNotice', actions: assign({ notice: ({ event }) => event.output, flow: () => 'notice' as const, error: () => null }) },
        onError: [
          { guard: 'offline', target: 'noticeOffline', actions: ['setError', assign({ flow: () => 'notice' as const })] },
          { target: 'enteringNotice', actions: 'setError' },
        ],
      },
    },
    reviewingNotice: {
      after: { INACTIVITY: 'idle' },
      on: {
        ...WALKED_AWAY,
        'PAY.CASH': { guard: 'noticePayable', target: 'startingPayment', actions: 'payCash' },
        'PAY.CARD': { guard: 'noticePayable', target: 'startingPayment', actions: 'payCard' },
        'PAY.SPLIT': { guard: 'noticePayable', target: 'enteringCardPart', actions: 'clearError' },
        'NAV.BACK': { target: 'enteringNotice', actions: assign({ notice: () => null, error: () => null }) },
      },
    },
    /** The central does not answer: a notice cannot be verified or locked, a booking can be paid. */
    noticeOffline: {
      after: { INACTIVITY: 'idle' },
      on: {
        ...WALKED_AWAY,
        'MENU.PAY_BOOKING': { target: 'enteringCode', actions: ['clearError', assign({ notice: () => null, unpaid: () => null, selected: () => [] })] },
        'NAV.BACK': [{ guard: 'identified', target: 'menu', actions: 'clearError' }, { target: 'idle' }],
        'SESSION.FINISH': 'idle',
      },
    },
    findingUnpaid: {
      invoke: {
        src: 'unpaidTickets',
        input: ({ context }) => ({ taxCode: context.citizen?.taxCode ?? '' }),
        onDone: {
          target: 'unpaidList',
          actions: assign({ unpaid: ({ event }) => event.output, selected: ({ event }) => initialSelection(event.output), flow: () => 'unpaid' as const, error: () => null }),
        },
        onError: [
          { guard: 'offline', target: 'noticeOffline', actions: ['setError', assign({ flow: () => 'unpaid' as const })] },
          { target: 'menu', actions: 'setError' },
        ],
      },
    },
    unpaidList: {
      after: { INACTIVITY: 'idle' },
      on: {
        ...WALKED_AWAY,
        'UNPAID.TOGGLE': {
          target: 'unpaidList',
          reenter: true,
          actions: assign({ selected: ({ context, event }) => toggled(context.selected, event.key), error: () => null }),
        },
        'PAY.SELECTED': { guard: 'somethingSelected', target: 'choosingMethod', actions: 'clearError' },
        'NAV.BACK': { target: 'menu', actions: assign({ unpaid: () => null, selected: () => [], error: () => null }) },
      },
    },
    choosingMethod: {
      after: { INACTIVITY: 'idle' },
      on: {
        ...WALKED_AWAY,
        'PAY.CASH': { target: 'startingPayment', actions: 'payCash' },
        'PAY.CARD': { target: 'startingPayment', actions: 'payCard' },
        'PAY.SPLIT': { target: 'enteringCardPart', actions: 'clearError' },
        'NAV.BACK': { target: 'unpaidList', actions: 'clearError' },
      },
    },
    enteringCardPart: {
      after: { INACTIVITY: 'idle' },
      on: {
        ...WALKED_AWAY,
        'CARD_PART.SUBMIT': { guard: 'cardPartValid', target: 'startingPayment', actions: 'payCardPart' },
        'SESSION.ACTIVITY': { target: 'enteringCardPart', reenter: true },
        'NAV.BACK': [...backToChoice('clearError')],
      },
    },
    startingPayment: {
      invoke: {
        src: 'beginPayment',
        input: ({ context }) => ({
          items: paymentItems(context),
          taxCode: context.citizen?.taxCode ?? context.booking?.taxCode ?? context.notice?.taxCode ?? '',
          method: context.method,
          ...(context.method === 'card' && context.cardPartCents !== null ? { cardCents: context.cardPartCents } : {}),
        }),
        onDone: {
          target: 'paying',
          actions: assign({
            payment: ({ context, event }) => ({
              paymentId: event.output.paymentId,
              method: context.method,
              amountDueCents: event.output.amountDueCents,
              cashDueCents: event.output.cashDueCents,
              creditedCents: 0,
              cardPaidCents: 0,
              cardCents: context.method === 'card' ? event.output.cardCents || event.output.amountDueCents : 0,
            }),
            declined: () => null,
          }),
        },
        onError: [{ guard: 'offline', target: 'noticeOffline', actions: 'setError' }, ...backToChoice('setError')],
      },
    },
    paying: {
      // No inactivity timeout and no card-removal exit here: money may be credited.
      on: {
        'CASH.CREDIT': { guard: 'isOurPayment', actions: 'creditCash' },
        'PAYMENT.COMMITTED': { guard: 'isOurPayment', target: 'printing', actions: 'commit' },
        'CASH.REJECTED': { actions: assign({ error: ({ event }) => ({ code: `CASH_${event.reason}`, message: String(event.valueCents) }) }) },
        'POS.APPROVED': { guard: 'isOurPayment', actions: 'cardApproved' },
        'POS.DECLINED': [...POS_DECLINED],
        'PAY.REST_BY_CARD': { guard: 'payingInCash', target: 'startingCard', actions: 'cardStarting' },
        'SESSION.CANCEL': 'cancellingPayment',
      },
    },
    /** The rest of an open payment goes to the card terminal. */
    startingCard: {
      invoke: {
        src: 'payRestByCard',
        input: ({ context }) => ({ paymentId: context.payment?.paymentId ?? '' }),
        onDone: [
          // Nothing left for a card: a coin in flight paid it (its commit comes), or it was given up.
          { guard: ({ event }) => event.output.cardCents <= 0, target: 'paying', actions: 'backToCash' },
          { target: 'paying', actions: assign({ payment: ({ context, event }) => ({ ...context.payment!, cardCents: event.output.cardCents }) }) },
        ],
        onError: { target: 'paying', actions: ['backToCash', 'setError'] },
      },
      on: {
        'CASH.CREDIT': { guard: 'isOurPayment', actions: 'creditCash' },
        // A coin already in the chute may complete the payment before the card starts.
        'PAYMENT.COMMITTED': { guard: 'isOurPayment', target: 'printing', actions: 'commit' },
        'POS.DECLINED': [...POS_DECLINED],
      },
    },
    /** A card was not taken and the payment goes on: more cash, another card, or money back. */
    cardDeclined: {
      // No timeout: money is credited, and only the citizen decides what becomes of it.
      on: {
        'PAY.MORE_CASH': { target: 'paying', actions: 'backToCash' },
        'PAY.REST_BY_CARD': { target: 'startingCard', actions: 'cardStarting' },
        'SESSION.CANCEL': 'cancellingPayment',
        // A coin dropped meanwhile answers the question: back to the coin screen.
        'CASH.CREDIT': { guard: 'isOurPayment', target: 'paying', actions: ['backToCash', 'creditCash'] },
        'CASH.REJECTED': { target: 'paying', actions: ['backToCash', assign({ error: ({ event }) => ({ code: `CASH_${event.reason}`, message: String(event.valueCents) }) })] },
        'PAYMENT.COMMITTED': { guard: 'isOurPayment', target: 'printing', actions: 'commit' },
      },
    },
    cancellingPayment: {
      invoke: {
        src: 'cancelPayment',
        input: ({ context }) => ({ paymentId: context.payment?.paymentId ?? '' }),
        onDone: { target: 'cancelled', actions: assign({ cancellation: ({ event }) => event.output }) },
        onError: { target: 'cancelled', actions: 'setError' },
      },
      on: {
        // A card-only payment being stopped settles through the POS: cancelled comes back. When
        // cash or a card part was taken, the cancel's own answer says what came back.
        'POS.DECLINED': { guard: ({ context, event }) => event.paymentId === context.payment?.paymentId && !event.paymentOpen, target: 'cancelled' },
        // A coin that was already in the chute when cancel was pressed can still complete it.
        'PAYMENT.COMMITTED': { guard: 'isOurPayment', target: 'printing', actions: 'commit' },
      },
    },
    ...incomeBandStates,
    ...bookingStates,
    ...manageStates,
    ...campaignStates,
    codeRead: {
      after: { INACTIVITY: 'idle' },
      on: {
        ...WALKED_AWAY,
        'NAV.BACK': [
          { guard: 'identified', target: 'menu', actions: assign({ scanned: () => null }) },
          { target: 'idle' },
        ],
        'SESSION.FINISH': 'idle',
        'CARD.INSERTED': BOOK_SHOWN_PRESCRIPTION,
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
        onError: { target: 'printFailed', actions: 'setError' },
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
  | 'enteringTaxCode'
  | 'cardError'
  | 'menu'
  | 'enteringCode'
  | 'findingBooking'
  | 'reviewing'
  | 'enteringNotice'
  | 'findingNotice'
  | 'reviewingNotice'
  | 'noticeOffline'
  | 'findingUnpaid'
  | 'unpaidList'
  | 'choosingMethod'
  | 'enteringCardPart'
  | 'startingPayment'
  | 'paying'
  | 'startingCard'
  | 'cardDeclined'
  | 'cancellingPayment'
  | 'cancelled'
  | 'findingIncomeBand'
  | 'choosingIncomeBand'
  | 'declaringIncomeBand'
  | 'incomeBandRecorded'
  | 'codeRead'
  | 'printing'
  | 'printFailed'
  | 'done'
  | BookingStateValue
  | CampaignStateValue
  | ManageStateValue;

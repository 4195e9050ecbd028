import { assign, fromPromise, setup } from 'xstate';
import type { Citizen, Classified } from '@cup-kiosk/sync-service/domain';
// The module itself, not the domain's barrel: the barrel would bring zod and the rule tables into the kiosk's bundle.
import { parseTaxCode, type TaxCodeInfo } from '../../sync-service/domain/tax-code.ts';
import type {
  BeginPaymentInput,
  DeclareIncomeBandInput,
  IncomeBandDeclared,
  IncomeBandInForce,
  PayableBooking,
  PayableNotice,
  PaymentStarted,
  ReceiptPrinted,
  UnpaidTickets,
} from '../bridge/terminal-api.ts';
import { cashRounded } from './cash-rounding.ts';
import { bookingActors } from './session-booking-actors.ts';
import { manageActors } from './session-manage-actors.ts';
import { campaignActors } from './session-campaigns-actors.ts';
import { holdLeftMs, NO_BOOKING_FLOW } from './session-booking-context.ts';
import type { SessionEvent } from './session-events.ts';
import { EMPTY, basketTotal, toUiError, validCardPart, type Cancellation, type ScannedCode, type SessionContext } from './session-context.ts';

/** The codice fiscale (the card's barcode, or typed) identifies the citizen; names come only from the chip. */
function citizenFromScan(c: TaxCodeInfo): Citizen {
  return { taxCode: c.taxCode, surname: '', name: '', sex: c.sex, birthDate: c.birthDate, birthplaceCode: c.birthplaceCode };
}

/** The citizen of a typed codice fiscale, or null when `parseTaxCode` refuses it (format, check character, date). */
function citizenTyped(e: SessionEvent): Citizen | null {
  if (e.type !== 'TAX_CODE.SUBMIT') return null;
  try {
    return citizenFromScan(parseTaxCode(e.taxCode));
  } catch {
    return null;
  }
}

type Scan = Extract<SessionEvent, { type: 'SCAN.READ' }>;
const scanned = (e: SessionEvent, kind: Classified['kind']) => e.type === 'SCAN.READ' && e.classified.kind === kind;

/** Leaving a screen that waits for the citizen: nobody there, or the card taken out. */
export const WALKED_AWAY = { 'SESSION.TIMEOUT': 'idle', 'CARD.REMOVED': 'idle' } as const;

/**
 * What the citizen session is made of: its types, the side effects it names (the host supplies
 * them through `.provide()`, tests three-line fakes), its timings, guards and context updates.
 * The states that use them are in `session-machine.ts`.
 */
export const sessionSetup = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
  },
  actors: {
    findBooking: fromPromise<PayableBooking, { code: string }>(async () => {
      throw new Error('findBooking not provided');
    }),
    findNotice: fromPromise<PayableNotice, { code: string }>(async () => {
      throw new Error('findNotice not provided');
    }),
    unpaidTickets: fromPromise<UnpaidTickets, { taxCode: string }>(async () => {
      throw new Error('unpaidTickets not provided');
    }),
    incomeBand: fromPromise<IncomeBandInForce, { taxCode: string }>(async () => {
      throw new Error('incomeBand not provided');
    }),
    declareIncomeBand: fromPromise<IncomeBandDeclared, DeclareIncomeBandInput>(async () => {
      throw new Error('declareIncomeBand not provided');
    }),
    beginPayment: fromPromise<PaymentStarted, BeginPaymentInput>(async () => {
      throw new Error('beginPayment not provided');
    }),
    payRestByCard: fromPromise<{ cardCents: number }, { paymentId: string }>(async () => {
      throw new Error('payRestByCard not provided');
    }),
    cancelPayment: fromPromise<Cancellation, { paymentId: string }>(async () => {
      throw new Error('cancelPayment not provided');
    }),
    printReceipt: fromPromise<ReceiptPrinted, { transactionId: string }>(async () => {
      throw new Error('printReceipt not provided');
    }),
    ...bookingActors,
    ...manageActors,
    ...campaignActors,
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
    /** Until the held slot lapses (`heldUntil`), by this terminal's clock, which the host shares. */
    HOLD_LEFT: ({ context }) => holdLeftMs(context.hold, Date.now()),
    /** The same, for the new slot of a booking being moved. */
    MOVE_HOLD_LEFT: ({ context }) => holdLeftMs(context.moveHold, Date.now()),
  },
  guards: {
    scannedTaxCode: ({ event }) => scanned(event, 'taxCode'),
    scannedBooking: ({ event }) => scanned(event, 'booking'),
    scannedNotice: ({ event }) => scanned(event, 'pagopa'),
    scannedPrescription: ({ event }) => scanned(event, 'nre'),
    identified: ({ context }) => context.citizen !== null,
    taxCodeValid: ({ event }) => citizenTyped(event) !== null,
    isOurPayment: ({ context, event }) =>
      'paymentId' in event && context.payment !== null && event.paymentId === context.payment.paymentId,
    otherPayment: ({ context, event }) => !('paymentId' in event) || event.paymentId !== context.payment?.paymentId,
    paymentStaysOpen: ({ event }) => event.type === 'POS.DECLINED' && event.paymentOpen,
    payingInCash: ({ context }) => context.payment?.method === 'cash',
    payingNotice: ({ context }) => context.flow === 'notice',
    payingUnpaid: ({ context }) => context.flow === 'unpaid',
    noticePayable: ({ context }) => context.notice?.status === 'payable' && context.notice.amountDueCents > 0,
    somethingSelected: ({ context }) => context.selected.length > 0,
    bandChosen: ({ context }) => context.chosenBand !== null,
    cardPartValid: ({ context, event }) => event.type === 'CARD_PART.SUBMIT' && validCardPart(event.cents, basketTotal(context).amountDueCents),
    offline: ({ event }) => 'error' in event && toUiError(event.error).code === 'NOTICE_OFFLINE',
  },
  actions: {
    forget: assign(() => ({ ...EMPTY })),
    setCitizen: assign({
      citizen: ({ event }) => (event.type === 'CARD.INSERTED' ? event.citizen : null),
      error: () => null,
    }),
    clearError: assign({ error: () => null }),
    /** Off the band form: what was shown and picked there goes. */
    leaveIncomeBand: assign({ incomeBand: () => null, chosenBand: () => null, error: () => null }),
    /** Off the booking flow (or into a new one): nothing of it stays. */
    leaveBooking: assign(() => ({ ...NO_BOOKING_FLOW, error: null })),
    setError: assign({ error: ({ event }) => ('error' in event ? toUiError(event.error) : null) }),
    identifyFromScan: assign({
      citizen: ({ event }) => citizenFromScan((event as Scan).classified as Extract<Classified, { kind: 'taxCode' }>),
      error: () => null,
    }),
    identifyFromTaxCode: assign({ citizen: ({ event }) => citizenTyped(event), error: () => null }),
    keepScan: assign({ scanned: ({ event }) => (event as Scan).classified as ScannedCode, error: () => null }),
    scanNotRecognised: assign({
      error: ({ event }) => {
        const c = (event as Scan).classified;
        return { code: 'SCAN_NOT_RECOGNISED', message: c.kind === 'unknown' ? c.reason : c.kind };
      },
    }),
    payCash: assign({ method: () => 'cash' as const, cardPartCents: () => null, error: () => null }),
    payCard: assign({ method: () => 'card' as const, cardPartCents: () => null, error: () => null }),
    payCardPart: assign({
      method: () => 'card' as const,
      cardPartCents: ({ event }) => (event.type === 'CARD_PART.SUBMIT' ? event.cents : null),
      error: () => null,
    }),
    /** The POS did not take the card and the payment is over: back to the choice, with why. */
    paymentRefused: assign({
      payment: () => null,
      error: ({ event }) => (event.type === 'POS.DECLINED' ? { code: event.code, message: event.message } : null),
    }),
    creditCash: assign({
      payment: ({ context, event }) => (event.type === 'CASH.CREDIT' ? { ...context.payment!, creditedCents: event.creditedCents } : context.payment),
      error: () => null,
    }),
    commit: assign({
      completed: ({ event }) =>
        event.type === 'PAYMENT.COMMITTED' ? { transactionId: event.transactionId, paidCents: event.paidCents, changeDueCents: event.changeDueCents } : null,
    }),
    cardRefused: assign({
      declined: ({ event }) => (event.type === 'POS.DECLINED' ? { outcome: event.outcome, code: event.code, message: event.message } : null),
      // No card runs now; the coin slot is where the payment goes on unless another card is tried,
      // for what the approved cards leave, rounded (a declined card part had left no cash due yet).
      payment: ({ context }) => {
        const p = context.payment!;
        const rest = p.amountDueCents - p.cardPaidCents;
        return { ...p, method: 'cash' as const, cardCents: 0, cashDueCents: rest > 0 ? cashRounded(rest) : 0 };
      },
      error: () => null,
    }),
    /** A card part approved: the rest is due in cash (or, with nothing left, the commit follows). */
    cardApproved: assign({
      payment: ({ context, event }) => {
        if (event.type !== 'POS.APPROVED') return context.payment;
        const p = context.payment!;
        const cash = event.cashDueCents > 0;
        return { ...p, cardPaidCents: p.cardPaidCents + event.cardCents, cashDueCents: event.cashDueCents, method: cash ? 'cash' : 'card', cardCents: cash ? 0 : p.cardCents };
      },
    }),
    /** The card terminal takes over; until the host says the amount, it is what is left exactly. */
    cardStarting: assign({
      payment: ({ context }) => {
        const p = context.payment!;
        return { ...p, method: 'card' as const, cardCents: Math.max(0, p.amountDueCents - p.creditedCents - p.cardPaidCents) };
      },
      declined: () => null,
      error: () => null,
    }),
    backToCash: assign({
      payment: ({ context }) => ({ ...context.payment!, method: 'cash' as const, cardCents: 0 }),
      declined: () => null,
    }),
  },
});

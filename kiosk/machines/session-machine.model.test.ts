import { getShortestPaths } from '@xstate/graph';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createActor, SimulatedClock, type AnyActorLogic, type AnyStateNode } from 'xstate';
import { classify, DEMO_CITIZENS } from '@cup-kiosk/sync-service/domain';
import type { TerminalApi } from '../bridge/terminal-api.ts';
import { heldSlot, prescription, search } from './session-booking-fakes.ts';
import { sessionMachineFor } from './session-actors.ts';
import { booking, notice } from './session-fakes.ts';
import { cancelled, heldMove, managed, managedLate, moved, moveSearch } from './session-manage-fakes.ts';
import { EMPTY, sessionMachine, type SessionContext, type SessionStateValue } from './session-machine.ts';
import type { SessionEvent } from './session-events.ts';

type Snap = ReturnType<typeof sessionMachine.getInitialSnapshot>;

/** The wall clock, frozen while the paths are replayed so a hold's time left is the same when scheduled and when run. */
const NOW = Date.now();
const MARIO = DEMO_CITIZENS[0]!;
const NRE = prescription.nre;
const PAYMENT_ID = 'p1';
const INVITE = 'SCR-CCR-RSSMRA85T10A562S';
const CONFLICT_KEY = 'booking:200000000113';
/** What an identified citizen is told: one invitation and one conflict (or, offline or with nothing, neither). */
const NEWS = {
  invitations: [{ invitationId: INVITE, campaignName: 'Screening del tumore del colon-retto', kind: 'screening' as const, serviceDescription: 'Screening colorettale', validTo: '2027-03-01' }],
  conflicts: [{ key: CONFLICT_KEY, kind: 'booking', reason: 'SLOT_TAKEN', bookingCode: '200000000113', what: 'Prima visita cardiologica', startsAt: '2026-12-14T09:30', paidCents: null, at: '2026-12-01T09:00:00.000Z' }],
};

/** The commands the session invokes; each is a `TerminalApi` method of the same name (`session-actors.ts`). */
type Src =
  | 'findBooking'
  | 'findNotice'
  | 'unpaidTickets'
  | 'incomeBand'
  | 'declareIncomeBand'
  | 'beginPayment'
  | 'payRestByCard'
  | 'cancelPayment'
  | 'printReceipt'
  | 'prescriptions'
  | 'findSlots'
  | 'holdSlot'
  | 'releaseHold'
  | 'confirmBooking'
  | 'joinWaitingList'
  | 'declineInvitation'
  | 'acknowledgeConflict'
  | 'citizenBookings'
  | 'manageBooking'
  | 'cancelBooking'
  | 'findMoveSlots'
  | 'holdMoveSlot'
  | 'releaseMoveHold'
  | 'confirmMove';
type Output<K extends Src> = Awaited<ReturnType<TerminalApi[K]>>;

/**
 * What each host command answers on the paths: one plausible output per invoked actor. The slot
 * search has two, because what the citizen may do next depends on it: a slot to hold, or, with
 * nothing in time, the waiting list.
 */
const OUTPUTS: { [K in Src]: readonly Output<K>[] } = {
  findBooking: [booking],
  findNotice: [notice],
  unpaidTickets: [{ bookings: [booking], notices: [notice] }],
  incomeBand: [{ band: 3, declaredOn: '2026-11-20' }],
  declareIncomeBand: [{ declarationId: 'd1', band: 2, declaredOn: '2026-12-03' }],
  beginPayment: [{ paymentId: PAYMENT_ID, amountDueCents: 2066, cashDueCents: 2065, cardCents: 0 }],
  payRestByCard: [{ cardCents: 1566 }],
  cancelPayment: [{ refundedCents: 500, voucherCents: 0, cardReversedCents: 0 }],
  printReceipt: [{ transactionId: 't1', text: 'RICEVUTA', svg: '<svg/>', changePaidCents: 35, voucherCents: 0 }],
  prescriptions: [[prescription]],
  findSlots: [search, { ...search, slots: [] }],
  // Ten minutes from now: lapses only when the model takes its delay.
  holdSlot: [heldSlot('s1')],
  releaseHold: [undefined],
  confirmBooking: [{ booking: heldSlot('s1').booking, slip: { text: 'PROMEMORIA', svg: '<svg/>' } }],
  joinWaitingList: [{ requestId: 'w1' }],
  declineInvitation: [undefined],
  acknowledgeConflict: [undefined],
  // A booking cancellable in time, or one too close to cancel without the ticket staying due.
  citizenBookings: [{ bookings: [managed], offline: false }],
  manageBooking: [managed, managedLate],
  cancelBooking: [cancelled],
  findMoveSlots: [moveSearch],
  holdMoveSlot: [heldMove('s1')],
  releaseMoveHold: [undefined],
  confirmMove: [moved('s1')],
};
const SOURCES = Object.keys(OUTPUTS) as Src[];
/** Typed errors the host rejects with; the machine branches on the first four. */
const ERROR_CODES = ['BOOKING_OFFLINE', 'SLOT_TAKEN', 'HOLD_UNKNOWN', 'NOTICE_OFFLINE', 'BOOKING_NOT_FOUND', 'PRINTER_PAPER_OUT'];

/** The state nodes of the machine, leaves only, as their state values, from the definition itself. */
function leaves(node: AnyStateNode): AnyStateNode[] {
  const children = Object.values(node.states) as AnyStateNode[];
  return children.length === 0 ? [node] : children.flatMap(leaves);
}
const LEAVES = leaves(sessionMachine.root);
const STATE_VALUES = LEAVES.map((n) => n.path.join('.'));

/** Every invocation of the machine by its id (the id the done and error events carry), with its source. */
const INVOKED = LEAVES.flatMap((n) => n.invoke.map((inv) => ({ state: n.path.join('.'), id: inv.id, src: inv.src as Src })));
const SRC_OF = new Map(INVOKED.map((i) => [i.id, i.src]));

/**
 * The delays, as events: a state's `after` transition is taken on the model like any event, and
 * on the real machine by moving its simulated clock on by the delay.
 */
const AFTER = LEAVES.flatMap((n) => n.after.map((t) => ({ type: t.eventType, delay: t.delay as string })));
const DELAY_OF = new Map(AFTER.map((a) => [a.type, a.delay]));
function delayMs(delay: string, context: SessionContext): number {
  const d = (sessionMachine.implementations.delays as Record<string, number | ((a: { context: SessionContext }) => number)>)[delay];
  return typeof d === 'function' ? d({ context }) : d!;
}

const scan = (text: string) => ({ type: 'SCAN.READ', text, classified: classify(text) }) as const;
const SCANS = {
  taxCode: scan(MARIO.taxCode),
  booking: scan(booking.bookingCode),
  pagopa: scan(notice.noticeCode),
  nre: scan(NRE),
  unknown: scan('hello'),
};

/** Every event the model may take: the citizen's and the host's, and each invoked command ending either way. */
const EVENTS: SessionEvent[] = [
  { type: 'SESSION.START' },
  { type: 'CARD.INSERTED', citizen: MARIO },
  ...Object.values(SCANS),
  { type: 'CARD.ERROR', code: 'CARD_MUTE', message: 'the chip does not answer' },
  { type: 'CARD.REMOVED' },
  { type: 'SESSION.CANCEL' },
  { type: 'SESSION.FINISH' },
  { type: 'SESSION.ACTIVITY' },
  { type: 'SESSION.TIMEOUT' },
  { type: 'NAV.BACK' },
  { type: 'MENU.PAY_BOOKING' },
  { type: 'MENU.PAY_NOTICE' },
  { type: 'MENU.UNPAID' },
  { type: 'MENU.INCOME_BAND' },
  { type: 'MENU.BOOK' },
  { type: 'CODE.SUBMIT', code: booking.bookingCode },
  { type: 'CODE.SUBMIT', code: notice.noticeCode },
  { type: 'UNPAID.TOGGLE', key: `booking:${booking.bookingCode}` },
  { type: 'PAY.SELECTED' },
  { type: 'PAY.CASH' },
  { type: 'PAY.CARD' },
  { type: 'PAY.SPLIT' },
  { type: 'CARD_PART.SUBMIT', cents: 1000 },
  { type: 'PAY.REST_BY_CARD' },
  { type: 'PAY.MORE_CASH' },
  { type: 'CASH.CREDIT', paymentId: PAYMENT_ID, valueCents: 500, creditedCents: 500, amountDueCents: 2066 },
  { type: 'CASH.REJECTED', valueCents: 200, reason: 'COUNTERFEIT' },
  { type: 'POS.APPROVED', paymentId: PAYMENT_ID, cardCents: 1000, cashDueCents: 1065 },
  { type: 'POS.DECLINED', paymentId: PAYMENT_ID, outcome: 'declined', code: 'POS_DECLINED', message: 'declined', paymentOpen: true },
  { type: 'POS.DECLINED', paymentId: PAYMENT_ID, outcome: 'declined', code: 'POS_DECLINED', message: 'declined', paymentOpen: false },
  { type: 'PAYMENT.COMMITTED', paymentId: PAYMENT_ID, transactionId: 't1', paidCents: 2100, changeDueCents: 35 },
  { type: 'INCOME_BAND.CHOOSE', band: 2 },
  { type: 'INCOME_BAND.CONFIRM' },
  { type: 'PRESCRIPTION.CHOOSE', nre: NRE },
  { type: 'SLOT.CHOOSE', slotId: 's1' },
  { type: 'SLOTS.SEARCH' },
  { type: 'BOOKING.CONFIRM', payAt: 'now' },
  { type: 'BOOKING.CONFIRM', payAt: 'appointment' },
  { type: 'BOOKING.PAY' },
  { type: 'WAITING_LIST.JOIN' },
  { type: 'PHONE.SUBMIT', phone: '+39 010 555 1234' },
  // What the host tells of the citizen, beside the menu: an invitation and a conflict, or nothing.
  { type: 'NEWS.LOADED', taxCode: MARIO.taxCode, news: NEWS },
  { type: 'NEWS.LOADED', taxCode: MARIO.taxCode, news: { invitations: [], conflicts: [] } },
  { type: 'INVITATION.BOOK', invitationId: INVITE },
  { type: 'INVITATION.DECLINE', invitationId: INVITE },
  { type: 'INVITATION.LATER', invitationId: INVITE },
  { type: 'CONFLICT.ACKNOWLEDGE', key: CONFLICT_KEY },
  { type: 'MENU.MANAGE' },
  { type: 'MANAGE.CHOOSE', bookingCode: managed.bookingCode },
  { type: 'MANAGE.BY_CODE' },
  { type: 'MANAGE.CANCEL' },
  { type: 'MANAGE.MOVE' },
  { type: 'CANCEL.CONFIRM' },
  { type: 'MOVE.CONFIRM' },
  { type: 'TAX_CODE.ENTER' },
  { type: 'TAX_CODE.SUBMIT', taxCode: MARIO.taxCode },
  // A wrong check character: the guard refuses it.
  { type: 'TAX_CODE.SUBMIT', taxCode: 'RSSMRA85T10A562X' },
  ...AFTER.map(({ type }) => ({ type })),
  ...INVOKED.flatMap(({ id, src }) => [
    ...OUTPUTS[src].map((output) => ({ type: `xstate.done.actor.${id}`, output })),
    ...ERROR_CODES.map((code) => ({ type: `xstate.error.actor.${id}`, error: { code, message: code } })),
  ]),
] as SessionEvent[];

/**
 * States are told apart by their value and by what the guards read of the context, not by its
 * every byte (the error shown, the amounts), so the graph stays small: who is identified
 * (`identified`), what is being paid (`payingNotice`, `payingUnpaid`, `cardPartValid`), how the open
 * payment takes money (`payingInCash`, `isOurPayment`), a band picked (`bandChosen`), the
 * prescriptions listed (`listed`), slots found or none (`SLOT.CHOOSE`, `WAITING_LIST.JOIN`), and when
 * the booking is paid (`BOOKING.PAY`).
 */
function serializeState(snapshot: unknown): string {
  const { value, context: c } = snapshot as Snap;
  const slots = c.slotSearch ? c.slotSearch.slots.length > 0 : null;
  const news = [c.news?.invitations.length ?? null, c.news?.conflicts.length ?? null];
  // Changing a booking: the list shown or not, and whether the booking may still be cancelled in time.
  const manage = [c.myBookings !== null, c.managed?.cancelTiming ?? null];
  return JSON.stringify([value, c.citizen !== null, c.flow, c.payment?.method ?? null, c.chosenBand !== null, c.prescriptions !== null, slots, c.payAt, news, c.invitationId !== null, manage]);
}

/** The events each state handles, from the definition: the others change nothing, and trying them costs time. */
const HANDLED = new Map(LEAVES.map((n) => [n.path.join('.'), new Set(n.ownEvents)]));
const valueOf = (s: unknown) => String((s as Snap).value);
const events = (s: unknown) => EVENTS.filter((e) => HANDLED.get(valueOf(s))!.has(e.type));

const t0 = performance.now();
const paths = getShortestPaths(sessionMachine as AnyActorLogic, { events, serializeState });
const traversalMs = performance.now() - t0;

interface Call {
  src: Src;
  args: unknown[];
}

/** The real machine, its commands answered by hand: each call waits until the path says how it ends. */
function driven() {
  const calls: Call[] = [];
  const pending = new Map<Src, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const api = Object.fromEntries(
    SOURCES.map((src) => [
      src,
      (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          calls.push({ src, args });
          pending.set(src, { resolve, reject });
        }),
    ]),
  ) as unknown as TerminalApi;
  // Asked beside the menu; its answer is the NEWS.LOADED event the paths send.
  const news: string[] = [];
  api.citizenNews = (taxCode) => (news.push(taxCode), new Promise(() => undefined));
  const clock = new SimulatedClock();
  const actor = createActor(sessionMachineFor(api), { clock }).start();
  return {
    actor,
    news,
    calls,
    pending,
    async step(event: SessionEvent) {
      const m = /^xstate\.(done|error)\.actor\.(.+)$/.exec(event.type);
      const delay = DELAY_OF.get(event.type);
      if (delay !== undefined) {
        clock.increment(delayMs(delay, actor.getSnapshot().context));
      } else if (m) {
        const src = SRC_OF.get(m[2]!)!;
        const p = pending.get(src);
        expect(p, `${src} was invoked`).toBeDefined();
        pending.delete(src);
        if (m[1] === 'done') p!.resolve((event as unknown as { output: unknown }).output);
        else p!.reject((event as unknown as { error: unknown }).error);
      } else {
        actor.send(event);
      }
      await new Promise((r) => setImmediate(r));
    },
  };
}

type Check = (c: SessionContext, last: Call | undefined) => void;
const identified: Check = (c) => expect(c.citizen?.taxCode).toBe(MARIO.taxCode);
const all =
  (...checks: Check[]): Check =>
  (c, last) => {
    for (const check of checks) check(c, last);
  };
const asked =
  (src: Src, ...args: unknown[]): Check =>
  (_c, last) =>
    expect(last).toEqual({ src, args });
/** Back at a choice of how to pay: no payment is left open behind it. */
const noOpenPayment: Check = (c) => expect(c.payment).toBeNull();

/**
 * What must hold on each screen, whatever path led there; `last` is the host command asked last.
 * Every state has an entry, and the type makes `SessionStateValue` and this list agree.
 */
const CHECKS: Record<SessionStateValue, Check> = {
  idle: (c) => expect(c).toEqual(EMPTY),
  waitingCard: (c) => expect(c).toEqual(EMPTY),
  // Typing the codice fiscale: nobody identified until it is accepted.
  enteringTaxCode: (c) => expect(c.citizen).toBeNull(),
  cardError: (c) => {
    expect(c.citizen).toBeNull();
    expect(c.error?.code).toBe('CARD_MUTE');
  },
  menu: (c) => {
    expect(c.payment).toBeNull();
    expect(c.hold).toBeNull();
  },
  enteringCode: noOpenPayment,
  findingBooking: (c, last) => {
    expect(last?.src).toBe('findBooking');
    expect(c.payment).toBeNull();
  },
  reviewing: all(noOpenPayment, (c) => {
    expect(c.flow).toBe('booking');
    expect(c.booking).not.toBeNull();
  }),
  enteringNotice: noOpenPayment,
  findingNotice: (_c, last) => expect(last?.src).toBe('findNotice'),
  reviewingNotice: all(noOpenPayment, (c) => {
    expect(c.flow).toBe('notice');
    expect(c.notice).toEqual(notice);
  }),
  noticeOffline: (c) => expect(c.error?.code).toBe('NOTICE_OFFLINE'),
  findingUnpaid: all(identified, asked('unpaidTickets', MARIO.taxCode)),
  unpaidList: all(identified, (c) => {
    expect(c.flow).toBe('unpaid');
    expect(c.unpaid).not.toBeNull();
  }),
  choosingMethod: all(identified, noOpenPayment, (c) => {
    expect(c.flow).toBe('unpaid');
    expect(c.selected.length).toBeGreaterThan(0);
  }),
  enteringCardPart: all(noOpenPayment, (c) => expect(c.flow).not.toBeNull()),
  startingPayment: (c, last) => {
    expect(c.payment).toBeNull();
    expect(last?.src).toBe('beginPayment');
    const input = last!.args[0] as { items: unknown[]; taxCode: string; method: string };
    // Something is paid, by someone, and the way chosen is the one asked for.
    expect(input.items.length).toBeGreaterThan(0);
    expect(input.taxCode).toBe(MARIO.taxCode);
    expect(input.method).toBe(c.method);
  },
  paying: (c) => expect(c.payment?.paymentId).toBe(PAYMENT_ID),
  startingCard: (c, last) => {
    expect(c.payment?.method).toBe('card');
    expect(last).toEqual({ src: 'payRestByCard', args: [PAYMENT_ID] });
  },
  cardDeclined: (c) => {
    expect(c.declined).not.toBeNull();
    expect(c.payment?.method).toBe('cash');
  },
  cancellingPayment: all((c) => expect(c.payment).not.toBeNull(), asked('cancelPayment', PAYMENT_ID)),
  cancelled: (c) => expect(c.payment).not.toBeNull(),
  findingIncomeBand: all(identified, asked('incomeBand', MARIO.taxCode)),
  choosingIncomeBand: identified,
  declaringIncomeBand: all(identified, (c, last) => {
    expect(c.chosenBand).toBe(2);
    expect(last).toEqual({ src: 'declareIncomeBand', args: [{ taxCode: MARIO.taxCode, band: 2 }] });
  }),
  incomeBandRecorded: all(identified, (c) => expect(c.incomeBand).toEqual({ band: 2, declaredOn: '2026-12-03' })),
  codeRead: (c) => {
    // A memo shown before the card: explained, nobody identified yet.
    expect(c.citizen).toBeNull();
    expect(c.scanned?.nre).toBe(NRE);
  },
  printing: (c, last) => {
    expect(c.completed?.transactionId).toBe('t1');
    expect(last).toEqual({ src: 'printReceipt', args: ['t1'] });
  },
  printFailed: (c) => {
    expect(c.completed).not.toBeNull();
    expect(c.error).not.toBeNull();
  },
  done: (c) => expect(c.receipt?.transactionId).toBe('t1'),
  // Booking: always for an identified citizen.
  findingPrescriptions: all(identified, asked('prescriptions', MARIO.taxCode)),
  choosingPrescription: identified,
  // A prescription's slots, or an invitation's (booked on the same screens, with no NRE).
  findingSlots: all(identified, (c, last) =>
    expect(last).toEqual({ src: 'findSlots', args: [c.invitationId ? { taxCode: MARIO.taxCode, nre: '', invitationId: INVITE } : { taxCode: MARIO.taxCode, nre: NRE }] }),
  ),
  choosingSlot: all(identified, (c) => expect(c.slotSearch).not.toBeNull()),
  holdingSlot: all(identified, (c, last) => {
    expect(c.slot?.slotId).toBe('s1');
    expect(last).toEqual({ src: 'holdSlot', args: [c.invitationId ? { taxCode: MARIO.taxCode, nre: '', invitationId: INVITE, slotId: 's1' } : { taxCode: MARIO.taxCode, nre: NRE, slotId: 's1' }] });
  }),
  holding: all(identified, (c) => {
    expect(c.hold?.holdId).toBe('h-s1');
    expect(c.slot).not.toBeNull();
  }),
  releasingHold: all(identified, (c) => expect(c.hold).not.toBeNull(), asked('releaseHold', 'h-s1')),
  holdExpired: all(identified, (c) => expect(c.hold).toBeNull()),
  confirmingBooking: all(identified, (c, last) => {
    expect(c.hold).not.toBeNull();
    expect(last).toEqual({ src: 'confirmBooking', args: [{ holdId: 'h-s1', payAt: c.payAt }] });
  }),
  booked: all(identified, (c) => {
    expect(c.confirmed).not.toBeNull();
    expect(c.hold).toBeNull();
  }),
  // The waiting list is for prescriptions only.
  enteringPhone: all(identified, (c) => {
    expect(c.slotSearch?.slots).toEqual([]);
    expect(c.invitationId).toBeNull();
  }),
  joiningWaitingList: all(identified, asked('joinWaitingList', { taxCode: MARIO.taxCode, nre: NRE, phone: '+39 010 555 1234' })),
  waitingListJoined: all(identified, (c) => expect(c.callbackPhone).not.toBeNull()),
  bookingOffline: all(identified, (c) => expect(c.error?.code).toBe('BOOKING_OFFLINE')),
  decliningInvitation: all(identified, asked('declineInvitation', { taxCode: MARIO.taxCode, invitationId: INVITE }), (c) => {
    expect(c.answering).toBe(INVITE);
    expect(c.news?.invitations.map((i) => i.invitationId)).toContain(INVITE);
  }),
  acknowledgingConflict: all(identified, asked('acknowledgeConflict', { taxCode: MARIO.taxCode, key: CONFLICT_KEY }), (c) => {
    expect(c.answering).toBe(CONFLICT_KEY);
    expect(c.news?.conflicts.map((x) => x.key)).toContain(CONFLICT_KEY);
  }),
  // Changing a booking: the identified citizen's list, or a booking by its code (typed or scanned).
  findingMyBookings: all(identified, asked('citizenBookings', MARIO.taxCode), (c) => expect(c.managed).toBeNull()),
  choosingMyBooking: all(identified, (c) => expect(c.myBookings?.bookings).toEqual([managed])),
  enteringManageCode: (c) => expect(c.moveHold).toBeNull(),
  findingManagedBooking: (c, last) => expect(last).toEqual({ src: 'manageBooking', args: [{ bookingCode: booking.bookingCode, ...(c.citizen ? { taxCode: MARIO.taxCode } : {}) }] }),
  managingBooking: (c) => {
    expect(c.managed?.bookingCode).toBe(managed.bookingCode);
    expect(c.moveHold).toBeNull();
  },
  // The dialog: nothing is recorded yet, and only a booking not started gets there.
  confirmingCancel: (c, last) => {
    expect(c.managed?.cancelTiming).not.toBe('started');
    expect(last?.src).not.toBe('cancelBooking');
  },
  cancellingBooking: (c, last) => expect(last).toEqual({ src: 'cancelBooking', args: [{ bookingCode: managed.bookingCode, ...(c.citizen ? { taxCode: MARIO.taxCode } : {}) }] }),
  bookingCancelled: (c) => {
    expect(c.cancelDone?.refund?.refundId).toBe('RF-1A2B3C4D');
    expect(c.myBookings).toBeNull();
  },
  findingMoveSlots: (c, last) => {
    expect(last?.src).toBe('findMoveSlots');
    expect((last?.args[0] as { bookingCode: string }).bookingCode).toBe(managed.bookingCode);
    expect(c.moveHold).toBeNull();
  },
  choosingMoveSlot: (c) => expect(c.moveSearch?.slots.length).toBeGreaterThan(0),
  holdingMoveSlot: (c, last) => {
    expect(c.moveSlot?.slotId).toBe('s1');
    expect(last).toEqual({ src: 'holdMoveSlot', args: [{ bookingCode: managed.bookingCode, slotId: 's1', ...(c.citizen ? { taxCode: MARIO.taxCode } : {}) }] });
  },
  moveHeld: (c) => expect(c.moveHold?.holdId).toBe('m-s1'),
  releasingMoveHold: all((c) => expect(c.moveHold).not.toBeNull(), asked('releaseMoveHold', 'm-s1')),
  moveHoldExpired: (c) => expect(c.moveHold).toBeNull(),
  movingBooking: all((c) => expect(c.moveHold?.holdId).toBe('m-s1'), asked('confirmMove', 'm-s1')),
  bookingMoved: (c) => {
    expect(c.moved?.booking.bookingCode).toBe(managed.bookingCode);
    expect(c.moveHold).toBeNull();
  },
};

/** The only screens an open payment may be on, and the only ones a held slot may be kept on. */
const PAYMENT_OPEN_IN = ['paying', 'startingCard', 'cardDeclined', 'cancellingPayment', 'cancelled', 'printing', 'printFailed', 'done'];
const HOLD_KEPT_IN = ['holding', 'confirmingBooking', 'releasingHold', 'bookingOffline'];
const MOVE_HOLD_KEPT_IN = ['moveHeld', 'movingBooking', 'releasingMoveHold'];

/** What must hold after every step of every path: money and held slots are never forgotten on a screen that cannot show them. */
function checkStep(snapshot: Snap) {
  const state = valueOf(snapshot);
  if (snapshot.context.payment !== null) expect(PAYMENT_OPEN_IN, 'a payment is open').toContain(state);
  if (snapshot.context.hold !== null) expect(HOLD_KEPT_IN, 'a slot is held').toContain(state);
  if (snapshot.context.moveHold !== null) expect(MOVE_HOLD_KEPT_IN, 'a new slot is held for a move').toContain(state);
}

/**
 * States no event leads to (only a delay would), each with why. Asserted to be exactly the states
 * the generated paths miss: a state that becomes unreachable, or reachable, fails the test.
 */
const UNREACHABLE_BY_EVENTS: Record<string, string> = {};

describe('session machine, model-based: generated paths to every state', () => {
  beforeAll(() => void vi.useFakeTimers({ toFake: ['Date'], now: NOW }));
  afterAll(() => void vi.useRealTimers());

  it('builds the model from what the machine is made of', () => {
    expect(SCANS.taxCode.classified.kind).toBe('taxCode');
    expect(SCANS.booking.classified.kind).toBe('booking');
    expect(SCANS.pagopa.classified.kind).toBe('pagopa');
    expect(SCANS.nre.classified.kind).toBe('nre');
    expect(SCANS.unknown.classified.kind).toBe('unknown');
    // Every state is checked, and every command the machine invokes has an answer.
    expect(Object.keys(CHECKS).sort()).toEqual([...STATE_VALUES].sort());
    expect([...new Set(INVOKED.map((i) => i.src))].sort()).toEqual([...SOURCES].sort());
    expect(new Set(AFTER.map((a) => a.delay))).toEqual(new Set(['INACTIVITY', 'CARD_WAIT', 'FAREWELL', 'HOLD_LEFT', 'MOVE_HOLD_LEFT']));
  });

  it('has a generated path to every state of the machine', () => {
    console.info(`${STATE_VALUES.length} states, ${paths.length} paths, traversal ${Math.round(traversalMs)} ms`);
    const reached = new Set(paths.map((p) => valueOf(p.state)));
    const missed = STATE_VALUES.filter((s) => !reached.has(s));
    expect(missed.sort()).toEqual(Object.keys(UNREACHABLE_BY_EVENTS).sort());
  });

  it.each(STATE_VALUES.filter((s) => !(s in UNREACHABLE_BY_EVENTS)).map((s) => [s] as const))(
    'reaches %s on the real machine by every generated path to it',
    async (state) => {
      const toState = paths.filter((p) => valueOf(p.state) === state);
      expect(toState.length).toBeGreaterThan(0);
      for (const path of toState) {
        const d = driven();
        const trail: string[] = [];
        for (const step of path.steps) {
          if (step.event.type === 'xstate.init') continue;
          trail.push(step.event.type);
          await d.step(step.event as SessionEvent);
          expect(valueOf(d.actor.getSnapshot()), `after ${trail.join(' > ')}`).toBe(valueOf(step.state));
          try {
            checkStep(d.actor.getSnapshot());
          } catch (e) {
            throw new Error(`after ${trail.join(' > ')}: ${(e as Error).message}`);
          }
        }
        expect(valueOf(d.actor.getSnapshot())).toBe(state);
        // An invoking state has asked the host, and waits for its answer.
        for (const inv of INVOKED.filter((i) => i.state === state)) expect(d.pending.has(inv.src), `${inv.src} pending`).toBe(true);
        try {
          CHECKS[state as SessionStateValue](d.actor.getSnapshot().context, d.calls.at(-1));
        } catch (e) {
          throw new Error(`${state} by ${trail.join(' > ') || '(start)'}: ${(e as Error).message}`);
        }
        d.actor.stop();
      }
    },
  );
});

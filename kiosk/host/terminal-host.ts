import { randomUUID } from 'node:crypto';
import { CupError, normalizeBookingCode, roundCashTotal, todayInRome, type RuleSet } from '@cup-kiosk/sync-service/domain';
import type { Transaction } from '@cup-kiosk/sync-service/outbox';
import type {
  BeginPaymentInput,
  BookingConfirmed,
  ConfirmBookingInput,
  HeldSlot,
  HoldSlotInput,
  JoinWaitingListInput,
  OpenPrescription,
  SlotSearch,
  DeclareIncomeBandInput,
  IncomeBandDeclared,
  IncomeBandInForce,
  PayableBooking,
  PayableNotice,
  PaymentStarted,
  PrinterStatus,
  ReceiptPrinted,
  TerminalApi,
  TerminalEvent,
  TerminalInfo,
  UnpaidTickets,
} from '../bridge/terminal-api.ts';
import { BookingDesk, BookingOfflineError } from './booking-desk.ts';
import { BookingQuotes } from './booking-quotes.ts';
import type { BookingStore } from './booking-store.ts';
import { BookingChanges } from './booking-changes.ts';
import type { BookingChangeStore } from './booking-change-store.ts';
import type { OfflineAgenda } from './offline-agenda.ts';
import type { CardPartResult, CardPayments } from './card-payments.ts';
import type { CashService, ChangeOutcome, VoucherDue } from './cash/cash-service.ts';
import type { IncomeBandStore } from './income-band-store.ts';
import { IncomeBands } from './income-bands.ts';
import { NoticeDesk, noticeCodeIn, payableNotice } from './notices.ts';
import { checkPaymentInput } from './payment-input.ts';
import { resolveItems, unpaidTickets, type ItemSources } from './payment-items.ts';
import { itemAmountCents, type CardPartRow, type Committed, type PaymentStore } from './payment-store.ts';
import type { CashCredit, CentralPort, DeviceInput, ReceiptPrinterPort } from './ports.ts';
import { Receipts } from './receipts.ts';
import type { ServiceDesk } from './service/service-desk.ts';
import type { CounterDesk } from './counter/counter-desk.ts';
import { CampaignDesk } from './campaign-desk.ts';
import { releaseLeftoverHolds, type HeldSlots } from './held-slots.ts';
import type { CampaignStore } from './campaign-store.ts';

export interface TerminalHostOptions {
  terminalId: string;
  store: PaymentStore;
  /** Income bands self-certified here; absent, declarations are refused and quotes use the central's bands. */
  incomeBands?: IncomeBandStore;
  /** Bookings made here; absent, the kiosk books nothing (BOOKING_OFFLINE) and only pays. */
  bookingStore?: BookingStore;
  /** Campaign bookings, declines and acknowledged conflicts; absent, a citizen is told of neither (campaign-desk.ts). */
  campaignStore?: CampaignStore;
  /** Provisional booking from the last agenda snapshot while the central is unreachable; absent, BOOKING_OFFLINE then. */
  offlineAgenda?: OfflineAgenda;
  /** Holds open at the central, kept on disk so a restarted host gives them back; absent, they lapse there. */
  heldSlots?: HeldSlots;
  /** Cancellations and moves made here; absent, changing a booking is refused (BOOKING_CHANGES_NOT_AVAILABLE). */
  bookingChanges?: BookingChangeStore;
  central: CentralPort;
  cash: CashService;
  /** Card payments through the POS terminal; absent on a kiosk without one. */
  card?: CardPayments;
  printer: ReceiptPrinterPort;
  /** The technician's service mode; absent, its commands reject SERVICE_NOT_AVAILABLE. */
  service?: ServiceDesk;
  /**
   * A pharmacy counter: payments need a signed-in operator and record them, and cash is counted
   * by the operator (`counterCash`), never taken by the coin acceptor. Absent: a kiosk.
   */
  counter?: CounterDesk;
  /** Where a receipt's QR points to verify it; the transaction id is appended. */
  verifyBaseUrl: string;
  /** The rule sets the terminal holds now (pushed from the central); default the demo sets. */
  ruleSets?: () => readonly RuleSet[];
  /** Quiet time before the screen asks "are you still there?", and its countdown; default 45 s and 20 s. */
  attention?: { quietMs: number; warningMs: number };
  now?: () => Date;
}

interface CardRun {
  /** The part on the POS; null while the rest is being worked out (cash stopping). */
  part: CardPartRow | null;
  done: Promise<void>;
}

const NOTHING_BACK = { refundedCents: 0, voucherCents: 0, cardReversedCents: 0 };

/**
 * The host: owns the payment store and talks to devices and the central through ports, and
 * implements `TerminalApi` for the UI. Money events are published only after the store
 * committed them.
 */
export class TerminalHost implements TerminalApi {
  private readonly listeners = new Set<(e: TerminalEvent) => void>();
  private readonly now: () => Date;
  private readonly bookings: BookingQuotes;
  private readonly desk: BookingDesk | null;
  private readonly campaigns: CampaignDesk | null;
  private readonly changes: BookingChanges | null;
  private readonly bands: IncomeBands;
  private readonly notices: NoticeDesk;
  private readonly receipts: Receipts;
  private readonly sources: ItemSources;
  /** Change being paid out, by payment, while it is: the receipt waits for it, to print what was given. */
  private readonly payouts = new Map<string, Promise<ChangeOutcome>>();
  /** Card parts on the POS, by payment: a cancel waits for the POS to settle them. */
  private readonly cardRuns = new Map<string, CardRun>();
  /** Payments being cancelled: a card part ending meanwhile does not start cash again. */
  private readonly cancelling = new Set<string>();
  /** When the standing call for help was made; null when nobody waits. */
  private assistanceAt: string | null = null;

  constructor(private readonly o: TerminalHostOptions) {
    this.now = o.now ?? (() => new Date());
    this.bands = new IncomeBands({ ...(o.incomeBands ? { store: o.incomeBands } : {}), central: o.central, terminalId: o.terminalId, now: this.now });
    this.bookings = new BookingQuotes(o.central, o.store, this.bands, o.ruleSets, this.now, o.bookingStore);
    this.desk = o.bookingStore
      ? new BookingDesk({ terminalId: o.terminalId, central: o.central, store: o.bookingStore, quotes: this.bookings, printer: o.printer, now: this.now, ...(o.offlineAgenda ? { offline: o.offlineAgenda } : {}) })
      : null;
    this.campaigns = this.desk && o.campaignStore ? new CampaignDesk({ terminalId: o.terminalId, central: o.central, store: o.campaignStore, bookings: this.desk, quotes: this.bookings, now: this.now }) : null;
    this.changes = o.bookingChanges ? new BookingChanges({ terminalId: o.terminalId, central: o.central, store: o.bookingChanges, quotes: this.bookings, printer: o.printer, now: this.now }) : null;
    this.notices = new NoticeDesk(o.central);
    this.sources = { bookings: this.bookings, notices: this.notices, store: o.store };
    this.receipts = new Receipts({ store: o.store, printer: o.printer, terminalId: o.terminalId, verifyBaseUrl: o.verifyBaseUrl, now: this.now });
  }

  async info(): Promise<TerminalInfo> {
    return {
      terminalId: this.o.terminalId,
      today: todayInRome(this.now()),
      cardPayments: this.o.card !== undefined,
      attention: this.o.attention ?? { quietMs: 45_000, warningMs: 20_000 },
      ...(this.o.counter ? { counter: true } : {}),
    };
  }

  async findBooking(code: string): Promise<PayableBooking> {
    return this.bookings.find(normalizeBookingCode(code));
  }

  async findNotice(code: string): Promise<PayableNotice> {
    const notice = await this.notices.verify(noticeCodeIn(code, this.now()));
    return payableNotice(notice, await this.o.store.isNoticePaidHere(notice.noticeCode));
  }

  unpaidTickets(taxCode: string): Promise<UnpaidTickets> {
    return unpaidTickets(taxCode, this.sources, this.now());
  }

  incomeBand(taxCode: string): Promise<IncomeBandInForce> {
    return this.bands.current(taxCode);
  }

  declareIncomeBand(input: DeclareIncomeBandInput): Promise<IncomeBandDeclared> {
    return this.bands.declare(input);
  }

  prescriptions(taxCode: string): Promise<OpenPrescription[]> {
    return this.booking().prescriptions(taxCode);
  }

  // An invitation is booked on the same screens as a prescription: its commands carry `invitationId`.
  findSlots(input: { taxCode: string; nre: string; invitationId?: string }): Promise<SlotSearch> {
    return input.invitationId ? this.campaign().findSlots(input) : this.booking().findSlots(input);
  }

  async holdSlot(input: HoldSlotInput): Promise<HeldSlot> {
    const held = await (input.invitationId ? this.campaign().holdSlot(input) : this.booking().holdSlot(input));
    // A provisional hold is this terminal's own: the central never heard of it.
    if (!held.provisional) await this.o.heldSlots?.add(held.holdId, held.heldUntil, this.now());
    return held;
  }

  async releaseHold(holdId: string): Promise<void> {
    if (await this.campaigns?.owns(holdId)) await this.campaigns!.releaseHold(holdId);
    else await this.booking().releaseHold(holdId);
    await this.o.heldSlots?.remove(holdId);
  }

  async confirmBooking(input: ConfirmBookingInput): Promise<BookingConfirmed> {
    const confirmed = await ((await this.campaigns?.owns(String(input.holdId))) ? this.campaigns!.confirmBooking(input) : this.booking().confirmBooking(input));
    await this.o.heldSlots?.remove(String(input.holdId));
    return confirmed;
  }

  /**
   * Gives back at the central the holds a stopped host left open (held-slots.ts), except those
   * that became a booking or a move here. Run after start, beside the citizen's first session.
   */
  async releaseLeftoverHolds(): Promise<{ released: string[]; kept: string[] }> {
    if (!this.o.heldSlots) return { released: [], kept: [] };
    const { bookingStore, bookingChanges, campaignStore, central } = this.o;
    return releaseLeftoverHolds(
      this.o.heldSlots,
      {
        confirmed: async (holdId) =>
          (await bookingStore?.byHold(holdId)) !== undefined || (await bookingChanges?.moveByHold(holdId)) !== undefined || (await campaignStore?.bookingByHold(holdId)) !== undefined,
        release: async (holdId) => {
          if (!central.releaseHold) throw new CupError('CENTRAL_UNREACHABLE', 'this central holds no slots');
          await central.releaseHold(holdId);
        },
      },
      this.now(),
    );
  }

  citizenNews: TerminalApi['citizenNews'] = async (taxCode) => (this.campaigns ? this.campaigns.citizenNews(taxCode) : { invitations: [], conflicts: [] });
  declineInvitation: TerminalApi['declineInvitation'] = (input) => this.campaign().declineInvitation(input);
  acknowledgeConflict: TerminalApi['acknowledgeConflict'] = (input) => this.campaign().acknowledgeConflict(input);

  private campaign(): CampaignDesk {
    if (!this.campaigns) throw new BookingOfflineError('this terminal keeps no campaign bookings');
    return this.campaigns;
  }

  joinWaitingList(input: JoinWaitingListInput): Promise<{ requestId: string }> {
    return this.booking().joinWaitingList(input);
  }

  private booking(): BookingDesk {
    if (!this.desk) throw new BookingOfflineError('this terminal keeps no bookings');
    return this.desk;
  }

  async beginPayment(raw: BeginPaymentInput): Promise<PaymentStarted> {
    const input = checkPaymentInput(raw);
    const counter = this.o.counter;
    const operator = counter?.operatorForPayment();
    if (input.method === 'card' && !this.o.card) throw new CupError('CARD_NOT_AVAILABLE', 'this kiosk has no card terminal');
    const printer = await this.o.printer.status().catch(() => null);
    // A kiosk that takes money and then cannot print has cheated the citizen: ask first.
    if (!printer?.ready) throw new CupError('PRINTER_NOT_READY', 'the receipt printer cannot print now');
    const stale = await this.o.store.openPaymentRow();
    if (stale) await this.cancelPayment(stale.payment_id);
    const paymentId = randomUUID();
    const { items, ruleVersion, release } = await resolveItems(input, paymentId, this.sources);
    try {
      const amountDueCents = items.reduce((s, i) => s + itemAmountCents(i), 0);
      if (input.cardCents !== undefined && input.cardCents > amountDueCents) {
        throw new CupError('CARD_AMOUNT_INVALID', `a card part of ${input.cardCents} cents is more than the ${amountDueCents} due`);
      }
      // The open payment (and a card part) is on disk before any device is asked to take money.
      const part = await this.o.store.openPayment({
        paymentId,
        items,
        taxCode: input.taxCode,
        method: input.method,
        ruleVersion,
        ...(input.method === 'card' ? { cardPartCents: input.cardCents ?? amountDueCents } : {}),
        ...(counter && operator ? { onOpen: (tx: Transaction) => counter.recordPaymentOperator(tx, paymentId, operator) } : {}),
      });
      if (part) {
        this.startCardPart(paymentId, part);
        return { paymentId, amountDueCents, cashDueCents: 0, cardCents: part.amount_cents };
      }
      // At a counter the operator counts the cash: the coin acceptor stays off.
      if (!counter) await this.o.cash.refreshAcceptance(paymentId);
      return { paymentId, amountDueCents, cashDueCents: roundCashTotal(amountDueCents), cardCents: 0 };
    } catch (e) {
      if ((await this.o.store.payment(paymentId)) === undefined) await release();
      throw e;
    }
  }

  async payRestByCard(paymentId: string): Promise<{ cardCents: number }> {
    const card = this.o.card;
    if (!card) throw new CupError('CARD_NOT_AVAILABLE', 'this kiosk has no card terminal');
    if ((await this.o.store.payment(paymentId))?.status !== 'open') throw new CupError('PAYMENT_NOT_OPEN', `payment ${paymentId} is not open`);
    if (this.cardRuns.has(paymentId) || this.cancelling.has(paymentId)) throw new CupError('CARD_PART_RUNNING', `payment ${paymentId} has a card part on the POS`);
    // A part whose outcome the POS could not give: it is asked again first, or it may be charged twice.
    for (const unknown of (await this.o.store.cardParts(paymentId)).filter((p) => p.status === 'unknown')) {
      const r = await card.settle(unknown, true);
      if (r.kind === 'unknown') throw new CupError(r.code, `the POS cannot say yet how the last card payment ended: ${r.message}`);
      await this.afterCardPart(paymentId, r);
      if ((await this.o.store.payment(paymentId))?.status !== 'open') return { cardCents: 0 };
    }
    // Held while cash stops, so a cancel in between waits for the part and then stops it.
    let opened!: () => void;
    this.cardRuns.set(paymentId, { part: null, done: new Promise<void>((r) => (opened = r)) });
    let part: CardPartRow | null;
    try {
      // A coin in flight still lands: the rest is worked out once cash is off and every credit is in.
      await this.o.cash.pause(paymentId);
      part = await this.o.store.openRestCardPart(paymentId);
    } catch (e) {
      this.cardRuns.delete(paymentId);
      opened();
      await this.o.cash.resume(paymentId, !this.cancelling.has(paymentId));
      throw e;
    }
    this.cardRuns.delete(paymentId);
    if (!part) {
      // A coin in flight paid it all, or the payment was closed meanwhile.
      opened();
      await this.o.cash.resume(paymentId, false);
      return { cardCents: 0 };
    }
    if (this.cancelling.has(paymentId)) {
      // Given up before the request went out: nothing was asked of the POS.
      await this.o.store.declineCardPart(part.part_id);
      opened();
      return { cardCents: 0 };
    }
    this.startCardPart(paymentId, part);
    opened();
    return { cardCents: part.amount_cents };
  }

  async cancelPayment(paymentId: string): Promise<{ refundedCents: number; voucherCents: number; cardReversedCents: number }> {
    this.cancelling.add(paymentId);
    try {
      // The POS is asked to stop; the part then settles as cancelled, or approved if the card was faster.
      for (let run = this.cardRuns.get(paymentId); run; run = this.cardRuns.get(paymentId)) {
        if (run.part) await this.o.card?.abort(run.part);
        await run.done;
      }
      await this.o.cash.disable();
      await this.o.cash.resume(paymentId, false);
      // A part the POS could not be asked about: ask now, giving back an approval found.
      let cardReversedCents = 0;
      for (const part of (await this.o.store.cardParts(paymentId)).filter((p) => p.status === 'open' || p.status === 'unknown')) {
        const r = await this.o.card?.settle(part, false);
        if (r?.kind === 'not-taken' && r.reversed) cardReversedCents += part.amount_cents;
      }
      const { creditedCents, cancelled, reversals } = await this.o.store.cancel(paymentId);
      if (!cancelled) {
        // Ended by its card part (nothing else was taken), or paid: a notice held goes free only if not paid.
        if ((await this.o.store.payment(paymentId))?.status === 'cancelled') await this.releaseNotices(paymentId);
        return { ...NOTHING_BACK, cardReversedCents };
      }
      cardReversedCents += await this.reverseParts(reversals);
      await this.releaseNotices(paymentId);
      if (creditedCents === 0) return { ...NOTHING_BACK, cardReversedCents };
      // The citizen's money goes back from the hoppers; what they cannot pay is a voucher.
      const { paidCents, voucherCents } = await this.o.cash.payChange(paymentId, creditedCents);
      if (voucherCents > 0) await this.printVoucher({ key: `voucher:${paymentId}:change`, paymentId, amountCents: voucherCents, reason: 'payment-not-completed' });
      return { refundedCents: paidCents, voucherCents, cardReversedCents };
    } finally {
      this.cancelling.delete(paymentId);
    }
  }

  /**
   * Settles what a crash left behind and prints what is owed; run once at start. Each card part
   * sent without a recorded outcome is asked at the POS; an open payment its approvals and cash
   * cover commits (its receipt prints), any other is given up: approvals reversed, cash refunded
   * as a voucher. Reversals the POS did not confirm are asked again.
   */
  async recover(): Promise<VoucherDue[]> {
    const committed: string[] = [];
    const card = this.o.card;
    if (card) {
      for (const part of await this.o.store.unsettledCardParts()) {
        const r = await card.settle(part, part.payment_status === 'open');
        if (r.kind !== 'unknown' && r.outcome?.committed) committed.push(part.payment_id);
        if (r.kind === 'not-taken' && r.outcome?.cancelled) await this.releaseNotices(part.payment_id);
      }
      for (const p of await this.o.store.openPaymentsWithCard()) {
        if (await this.o.store.commitIfCovered(p.payment_id)) {
          committed.push(p.payment_id);
          continue;
        }
        const { reversals } = await this.o.store.cancel(p.payment_id);
        await this.reverseParts(reversals);
        await this.releaseNotices(p.payment_id);
      }
      for (const part of await this.o.store.pendingReversals()) await card.reverse(part);
    }
    const openCash = await this.o.store.openPaymentRow();
    const vouchers = await this.o.cash.recover();
    if (openCash) await this.releaseNotices(openCash.payment_id);
    for (const paymentId of committed) {
      const p = await this.o.store.payment(paymentId);
      if (p?.transaction_id) await this.printReceipt(p.transaction_id).catch(() => {});
    }
    for (const v of vouchers) await this.printVoucher(v).catch(() => {});
    return vouchers;
  }

  /** Decides a bill held in escrow (the bill validator asks). */
  async decideEscrow(valueCents: number): Promise<'stack' | 'return'> {
    // The technician's acceptance test takes every bill into the cash box.
    if (this.o.service?.takesCredits()) return 'stack';
    const decision = await this.o.cash.decideEscrow(valueCents);
    // The citizen sees the bill come back and is told why.
    if (decision === 'return') this.publish({ type: 'cash.rejected', valueCents, reason: 'NO_CHANGE' });
    return decision;
  }

  /** Called by the coin acceptor composition; resolves once the credit is durable. */
  async recordCredit(credit: CashCredit): Promise<void> {
    if (this.o.service?.takesCredits()) return this.o.service.recordTestCredit(credit);
    const outcome = await this.o.store.recordCredit(credit);
    if (!outcome.fresh) return;
    if (!outcome.paymentId) {
      // Money that came in with no payment to take it: the ledger owes it back, on paper now.
      const key = `voucher:${credit.key}`;
      await this.printVoucher({ key, paymentId: credit.key, amountCents: credit.valueCents, reason: 'payment-not-completed' }).catch(() => {});
      return;
    }
    this.publish({
      type: 'cash.credit',
      paymentId: outcome.paymentId,
      valueCents: credit.valueCents,
      creditedCents: outcome.creditedCents,
      amountDueCents: outcome.amountDueCents,
    });
    if (!outcome.committed) {
      await this.o.cash.refreshAcceptance(outcome.paymentId);
      return;
    }
    await this.committed(outcome.paymentId, outcome.committed);
  }

  async printReceipt(transactionId: string): Promise<ReceiptPrinted> {
    const found = await this.o.store.byTransaction(transactionId);
    if (!found?.transaction_id || found.status !== 'committed') throw new CupError('TRANSACTION_NOT_FOUND', `no committed payment ${transactionId}`);
    // The receipt says what the hoppers gave: it waits for the payout of the change.
    await this.payouts.get(found.payment_id);
    return this.receipts.receipt({ ...(await this.o.store.byTransaction(transactionId))!, transaction_id: transactionId });
  }

  printerStatus(): Promise<PrinterStatus> {
    return this.o.printer.status();
  }

  async requestAssistance(): Promise<{ requestedAt: string }> {
    // Pressed again while staff are on their way: the first call stands, nothing goes twice.
    if (this.assistanceAt === null) {
      this.assistanceAt = this.now().toISOString();
      this.publish({ type: 'assistance.requested', requestedAt: this.assistanceAt });
    }
    return { requestedAt: this.assistanceAt };
  }

  async clearAssistance(): Promise<void> {
    if (this.assistanceAt === null) return;
    this.assistanceAt = null;
    this.publish({ type: 'assistance.cleared' });
  }

  // The technician's service mode: every command is the service desk's (service/service-desk.ts).
  serviceOpen: TerminalApi['serviceOpen'] = (input) => this.service().serviceOpen(input);
  serviceClose: TerminalApi['serviceClose'] = () => this.service().serviceClose();
  serviceStatus: TerminalApi['serviceStatus'] = () => this.service().serviceStatus();
  serviceTestPrint: TerminalApi['serviceTestPrint'] = () => this.service().serviceTestPrint();
  serviceAcceptanceTest: TerminalApi['serviceAcceptanceTest'] = (input) => this.service().serviceAcceptanceTest(input);
  servicePayoutTest: TerminalApi['servicePayoutTest'] = (hopper) => this.service().servicePayoutTest(hopper);
  serviceEmptyCashBox: TerminalApi['serviceEmptyCashBox'] = () => this.service().serviceEmptyCashBox();
  serviceRefillHopper: TerminalApi['serviceRefillHopper'] = (input) => this.service().serviceRefillHopper(input);
  serviceEventLog: TerminalApi['serviceEventLog'] = () => this.service().serviceEventLog();
  serviceConfig: TerminalApi['serviceConfig'] = () => this.service().serviceConfig();
  serviceSyncNow: TerminalApi['serviceSyncNow'] = () => this.service().serviceSyncNow();

  // The pharmacy counter: every command is the counter desk's (counter/counter-desk.ts).
  counterLogin: TerminalApi['counterLogin'] = (input) => this.counter().counterLogin(input);
  counterLogout: TerminalApi['counterLogout'] = () => this.counter().counterLogout();
  counterSession: TerminalApi['counterSession'] = () => this.counter().counterSession();
  counterCash: TerminalApi['counterCash'] = (input) => this.counter().counterCash(input);
  counterDayTotals: TerminalApi['counterDayTotals'] = () => this.counter().counterDayTotals();
  counterCloseDay: TerminalApi['counterCloseDay'] = () => this.counter().counterCloseDay();

  // Cancelling and moving a booking: every command is the booking changes' (booking-changes.ts).
  citizenBookings: TerminalApi['citizenBookings'] = (taxCode) => this.bookingChanges().citizenBookings(taxCode);
  manageBooking: TerminalApi['manageBooking'] = (ref) => this.bookingChanges().manageBooking(ref);
  cancelBooking: TerminalApi['cancelBooking'] = (ref) => this.bookingChanges().cancelBooking(ref);
  findMoveSlots: TerminalApi['findMoveSlots'] = (ref) => this.bookingChanges().findMoveSlots(ref);
  holdMoveSlot: TerminalApi['holdMoveSlot'] = async (input) => {
    const held = await this.bookingChanges().holdMoveSlot(input);
    await this.o.heldSlots?.add(held.holdId, held.heldUntil, this.now());
    return held;
  };
  releaseMoveHold: TerminalApi['releaseMoveHold'] = async (holdId) => {
    await this.bookingChanges().releaseMoveHold(holdId);
    await this.o.heldSlots?.remove(String(holdId));
  };
  confirmMove: TerminalApi['confirmMove'] = async (holdId) => {
    const moved = await this.bookingChanges().confirmMove(holdId);
    await this.o.heldSlots?.remove(String(holdId));
    return moved;
  };

  private bookingChanges(): BookingChanges {
    if (!this.changes) throw new CupError('BOOKING_CHANGES_NOT_AVAILABLE', 'this terminal keeps no bookings to change');
    return this.changes;
  }

  private counter(): CounterDesk {
    if (!this.o.counter) throw new CupError('COUNTER_NOT_AVAILABLE', 'this terminal is not a pharmacy counter');
    return this.o.counter;
  }

  private service(): ServiceDesk {
    if (!this.o.service) throw new CupError('SERVICE_NOT_AVAILABLE', 'this terminal has no service mode');
    return this.o.service;
  }

  /** Device events (card reader) enter here and go out to every UI. */
  deviceInput(e: DeviceInput): void {
    // A technician's badge is the service desk's: a citizen's screen never hears of it.
    if (e.type === 'scan.read' && this.o.service?.badgeScanned(e.text)) return;
    this.publish(e);
  }

  publish(e: TerminalEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // One broken listener must not stop the others from hearing about money.
      }
    }
  }

  subscribe(listener: (event: TerminalEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs a card part on the POS in the background; the outcome comes as events. */
  private startCardPart(paymentId: string, part: CardPartRow): void {
    const done = this.o
      .card!.run(part)
      .then((r) => this.afterCardPart(paymentId, r))
      // Everything the part did is on disk already; what failed after is settled at the next start.
      .catch((e: unknown) => console.error(`card part ${part.part_id}:`, e))
      .finally(() => {
        if (this.cardRuns.get(paymentId)?.part === part) this.cardRuns.delete(paymentId);
      });
    this.cardRuns.set(paymentId, { part, done });
  }

  private async afterCardPart(paymentId: string, r: CardPartResult): Promise<void> {
    const cancelling = this.cancelling.has(paymentId);
    if (r.kind === 'unknown') {
      // The card may have been charged: cash waits until the POS can be asked (or the next start).
      const s = await this.o.store.state(paymentId);
      const paymentOpen = s?.status === 'open' && (s.creditedCents > 0 || s.approvedCardCents > 0);
      this.publish({ type: 'pos.declined', paymentId, outcome: 'failed', code: r.code, message: r.message, paymentOpen });
      return;
    }
    const o = r.outcome;
    if (!o) return;
    if (o.unwanted) {
      // Approved after the payment was given up: back to the card.
      await this.reverseParts([r.part]);
      return;
    }
    if (o.committed) return this.committed(paymentId, o.committed);
    // Cash is taken again before the citizen is told, so a coin put in at once is taken.
    if (r.kind === 'approved') {
      if (cancelling) return;
      await this.o.cash.resume(paymentId);
      this.publish({ type: 'pos.approved', paymentId, cardCents: r.part.amount_cents, cashDueCents: o.state.cashDueCents });
      return;
    }
    // More cash, another card, or cancel: cash is taken meanwhile.
    if (o.state.status === 'open' && !cancelling) await this.o.cash.resume(paymentId);
    this.publish({ type: 'pos.declined', paymentId, outcome: r.reason, code: r.code, message: r.message, paymentOpen: o.state.status === 'open' });
    if (o.cancelled) await this.releaseNotices(paymentId);
  }

  /** A payment just committed: cash stops, change goes out, the UI and the sync hear of it. */
  private async committed(paymentId: string, c: Committed): Promise<void> {
    await this.o.cash.resume(paymentId, false);
    await this.o.cash.disable();
    const payout = c.changeDueCents > 0 ? this.o.cash.payChange(paymentId, c.changeDueCents) : Promise.resolve({ paidCents: 0, voucherCents: 0 });
    this.payouts.set(paymentId, payout);
    // Kept only while the hoppers pay: a receipt asked for later reads the payout from the store.
    const done = () => void this.payouts.delete(paymentId);
    payout.then(done, done);
    this.publish({ type: 'payment.committed', paymentId, ...c });
    this.o.central.kick();
    await payout;
  }

  /** Gives approved parts back to the card; returns what the POS confirmed reversed. */
  private async reverseParts(parts: readonly CardPartRow[]): Promise<number> {
    let reversed = 0;
    for (const part of parts) if ((await this.o.card?.reverse(part)) === 'reversed') reversed += part.amount_cents;
    return reversed;
  }

  private async releaseNotices(paymentId: string): Promise<void> {
    const codes = (await this.o.store.items(paymentId)).flatMap((i) => (i.notice_code ? [i.notice_code] : []));
    if (codes.length > 0) await this.notices.releaseAll(codes, paymentId);
  }

  private printVoucher(v: VoucherDue): Promise<void> {
    return this.receipts.voucher(v);
  }
}

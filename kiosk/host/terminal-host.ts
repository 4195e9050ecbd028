import { randomUUID } from 'node:crypto';
import {
  CupError,
  DEMO_RULE_SETS,
  normalizeBookingCode,
  quoteBooking,
  roundCashTotal,
  todayInRome,
  type Booking,
  type RuleSet,
} from '@cup-kiosk/sync-service/domain';
import type {
  BeginPaymentInput,
  PayableBooking,
  PaymentStarted,
  PrinterStatus,
  ReceiptPrinted,
  TerminalApi,
  TerminalEvent,
  TerminalInfo,
} from '../bridge/terminal-api.ts';
import type { CardPayments } from './card-payments.ts';
import type { CashService, ChangeOutcome, VoucherDue } from './cash/cash-service.ts';
import type { CashCredit, CentralPort, DeviceInput, ReceiptPrinterPort } from './ports.ts';
import type { PaymentStore } from './payment-store.ts';

/** How long a voucher can be redeemed at a desk. */
const VOUCHER_VALID_DAYS = 365;

export interface TerminalHostOptions {
  terminalId: string;
  store: PaymentStore;
  central: CentralPort;
  cash: CashService;
  /** Card payments through the POS terminal; absent on a kiosk without one. */
  card?: CardPayments;
  printer: ReceiptPrinterPort;
  /** Where a receipt's QR points to verify it; the transaction id is appended. */
  verifyBaseUrl: string;
  /** The rule sets the terminal holds now (pushed from the central); default the demo sets. */
  ruleSets?: () => readonly RuleSet[];
  /** Quiet time before the screen asks "are you still there?", and its countdown; default 45 s and 20 s. */
  attention?: { quietMs: number; warningMs: number };
  now?: () => Date;
}

/**
 * The host: owns the payment store and talks to devices and the central through ports, and
 * implements `TerminalApi` for the UI. Money events are published only after the store
 * committed them.
 */
export class TerminalHost implements TerminalApi {
  private readonly listeners = new Set<(e: TerminalEvent) => void>();
  private readonly ruleSets: () => readonly RuleSet[];
  private readonly now: () => Date;
  /** Change being paid out, by payment: the receipt waits for it, to print what was given. */
  private readonly payouts = new Map<string, Promise<ChangeOutcome>>();
  /** Card payments running on the POS: a cancel waits for the POS to settle them. */
  private readonly cardRuns = new Map<string, Promise<void>>();

  constructor(private readonly o: TerminalHostOptions) {
    this.ruleSets = o.ruleSets ?? (() => DEMO_RULE_SETS);
    this.now = o.now ?? (() => new Date());
  }

  async info(): Promise<TerminalInfo> {
    return {
      terminalId: this.o.terminalId,
      today: todayInRome(this.now()),
      cardPayments: this.o.card !== undefined,
      attention: this.o.attention ?? { quietMs: 45_000, warningMs: 20_000 },
    };
  }

  async findBooking(code: string): Promise<PayableBooking> {
    const booking = await this.o.central.lookupBooking(normalizeBookingCode(code));
    return this.quote(booking, await this.o.store.isPaidHere(booking.code), await this.incomeBand(booking.taxCode));
  }

  async beginPayment(input: BeginPaymentInput): Promise<PaymentStarted> {
    const booking = await this.o.central.lookupBooking(normalizeBookingCode(input.bookingCode));
    const quote = this.quote(booking, await this.o.store.isPaidHere(booking.code), await this.incomeBand(booking.taxCode));
    if (quote.status !== 'booked') throw new CupError('BOOKING_NOT_PAYABLE', `booking ${booking.code} is ${quote.status}`);
    if (quote.amountDueCents <= 0) throw new CupError('NOTHING_DUE', `booking ${booking.code} has nothing to pay`);
    const printer = await this.o.printer.status().catch(() => null);
    // A kiosk that takes money and then cannot print has cheated the citizen: ask first.
    if (!printer?.ready) throw new CupError('PRINTER_NOT_READY', 'the receipt printer cannot print now');
    if (input.method === 'card' && !this.o.card) throw new CupError('CARD_NOT_AVAILABLE', 'this kiosk has no card terminal');
    const stale = await this.o.store.openPaymentRow();
    if (stale) await this.cancelPayment(stale.payment_id);
    const paymentId = randomUUID();
    // The open payment is on disk before any device is asked to take money for it.
    await this.o.store.openPayment({ paymentId, booking, quote, taxCode: input.taxCode, method: input.method });
    if (input.method === 'card') {
      const run = this.o.card!.run(paymentId, quote.amountDueCents).finally(() => this.cardRuns.delete(paymentId));
      this.cardRuns.set(paymentId, run);
      return { paymentId, amountDueCents: quote.amountDueCents };
    }
    await this.o.cash.refreshAcceptance(paymentId);
    return { paymentId, amountDueCents: quote.cashDueCents };
  }

  async cancelPayment(paymentId: string): Promise<{ refundedCents: number; voucherCents: number }> {
    const p = await this.o.store.payment(paymentId);
    if (p?.method === 'card') {
      // The POS is asked to stop; the running payment then settles as cancelled, or as paid if the card was faster.
      await this.o.card?.abort(paymentId);
      await this.cardRuns.get(paymentId);
      return { refundedCents: 0, voucherCents: 0 };
    }
    await this.o.cash.disable();
    const { creditedCents, cancelled } = await this.o.store.cancel(paymentId);
    if (!cancelled || creditedCents === 0) return { refundedCents: 0, voucherCents: 0 };
    // The citizen's money goes back from the hoppers; what they cannot pay is a voucher.
    const { paidCents, voucherCents } = await this.o.cash.payChange(paymentId, creditedCents);
    if (voucherCents > 0) await this.printVoucher({ key: `voucher:${paymentId}:change`, paymentId, amountCents: voucherCents, reason: 'payment-not-completed' });
    return { refundedCents: paidCents, voucherCents };
  }

  /** Settles what a crash left behind and prints the vouchers owed; run once at start. */
  async recover(): Promise<VoucherDue[]> {
    for (const paymentId of (await this.o.card?.recover()) ?? []) {
      const p = await this.o.store.payment(paymentId);
      if (p?.transaction_id) await this.printReceipt(p.transaction_id).catch(() => {});
    }
    const vouchers = await this.o.cash.recover();
    for (const v of vouchers) await this.printVoucher(v).catch(() => {});
    return vouchers;
  }

  /** Decides a bill held in escrow (the bill validator asks). */
  async decideEscrow(valueCents: number): Promise<'stack' | 'return'> {
    const decision = await this.o.cash.decideEscrow(valueCents);
    // The citizen sees the bill come back and is told why.
    if (decision === 'return') this.publish({ type: 'cash.rejected', valueCents, reason: 'NO_CHANGE' });
    return decision;
  }

  /** Called by the coin acceptor composition; resolves once the credit is durable. */
  async recordCredit(credit: CashCredit): Promise<void> {
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
    await this.o.cash.disable();
    const { changeDueCents } = outcome.committed;
    const payout = this.o.cash.payChange(outcome.paymentId, changeDueCents);
    this.payouts.set(outcome.paymentId, payout);
    this.publish({ type: 'payment.committed', paymentId: outcome.paymentId, ...outcome.committed });
    this.o.central.kick();
    await payout;
  }

  async printReceipt(transactionId: string): Promise<ReceiptPrinted> {
    let p = await this.o.store.byTransaction(transactionId);
    if (!p || p.status !== 'committed') throw new CupError('TRANSACTION_NOT_FOUND', `no committed payment ${transactionId}`);
    await this.payouts.get(p.payment_id);
    this.payouts.delete(p.payment_id);
    p = (await this.o.store.byTransaction(transactionId))!;
    const booking = JSON.parse(p.booking_json) as Booking;
    const quote = JSON.parse(p.quote_json) as PayableBooking;
    const card = p.card_json ? (JSON.parse(p.card_json) as { cardholderReceipt: string[] }) : null;
    const { text, svg } = await this.o.printer.printPaymentReceipt({
      transactionId,
      issuedAt: p.closed_at ?? this.now().toISOString(),
      terminalId: this.o.terminalId,
      providerName: booking.provider.name,
      providerFiscalCode: booking.provider.fiscalCode,
      placeName: booking.place.name,
      bookingCode: booking.code,
      payerTaxCode: p.tax_code,
      services: quote.services.map((s) => ({ code: s.code, description: s.description, amountCents: s.exempt ? 0 : s.tariffCents })),
      totalCents: p.amount_due_cents,
      paidCents: p.paid_cents ?? 0,
      // Only what the hoppers reported paid is printed as given; the rest prints as owed.
      changeCents: p.change_paid_cents ?? 0,
      cashRoundingCents: p.cash_rounding_cents,
      method: p.method === 'card' ? 'card' : 'cash',
      ...(card ? { cardholderReceipt: card.cardholderReceipt } : {}),
      verifyUrl: `${this.o.verifyBaseUrl}${encodeURIComponent(transactionId)}`,
    });
    await this.o.store.markPrinted(transactionId);
    return { transactionId, text, svg, changePaidCents: p.change_paid_cents ?? 0, voucherCents: p.voucher_cents ?? 0 };
  }

  private async printVoucher(v: VoucherDue): Promise<void> {
    const p = await this.o.store.payment(v.paymentId);
    const booking = p ? (JSON.parse(p.booking_json) as Booking) : null;
    const issued = this.now();
    const validUntil = new Date(issued.getTime() + VOUCHER_VALID_DAYS * 86_400_000);
    await this.o.printer.printVoucher({
      voucherCode: v.key.replace(/[^0-9a-f]/gi, '').slice(0, 20).toUpperCase(),
      amountCents: v.amountCents,
      reason: v.reason,
      transactionId: p?.transaction_id ?? v.paymentId,
      paymentId: v.paymentId,
      issuedAt: issued.toISOString(),
      validUntil: todayInRome(validUntil),
      terminalId: this.o.terminalId,
      providerName: booking?.provider.name ?? 'CUP',
      placeName: booking?.place.name ?? '',
      ...(p ? { payerTaxCode: p.tax_code } : {}),
      redeemAt: 'qualsiasi sportello CUP',
    });
  }

  printerStatus(): Promise<PrinterStatus> {
    return this.o.printer.status();
  }

  /** Device events (card reader) enter here and go out to every UI. */
  deviceInput(e: DeviceInput): void {
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

  /**
   * The band the citizen declared, as the central knows it. Offline the quote goes on without
   * one: the rules say what no declared band means (the highest band, where bands apply).
   */
  private async incomeBand(taxCode: string): Promise<1 | 2 | 3 | 4 | null> {
    return (await this.o.central.incomeBand?.(taxCode, todayInRome(this.now())).catch(() => null)) ?? null;
  }

  /** The quote of today; a booking paid here but not yet synced is paid all the same. */
  private quote(booking: Booking, paidHere: boolean, incomeBand: 1 | 2 | 3 | 4 | null): PayableBooking {
    const q = quoteBooking(booking, todayInRome(this.now()), incomeBand, this.ruleSets());
    return {
      bookingCode: booking.code,
      taxCode: booking.taxCode,
      providerName: booking.provider.name,
      placeName: booking.place.name,
      placeAddress: booking.place.address,
      startsAt: booking.startsAt,
      services: q.services,
      ruleVersion: q.ruleVersion,
      amountDueCents: q.amountDueCents,
      cashDueCents: roundCashTotal(q.amountDueCents),
      status: paidHere ? 'paid' : booking.status,
    };
  }
}

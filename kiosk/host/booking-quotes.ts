import { CupError, DEMO_RULE_SETS, quoteBooking, roundCashTotal, ruleSetInForce, todayInRome, type Booking, type RuleSet } from '@cup-kiosk/sync-service/domain';
import type { PayableBooking } from '../bridge/terminal-api.ts';
import type { IncomeBands } from './income-bands.ts';
import type { NewPaymentItem, PaymentStore } from './payment-store.ts';
import type { CentralPort } from './ports.ts';

/**
 * Bookings as the kiosk quotes them today: looked up at the central, quoted here with the rule
 * set in force (offline too) and the citizen's newest declared income band, and paid already when
 * this terminal took the money, synced or not.
 */
export class BookingQuotes {
  constructor(
    private readonly central: CentralPort,
    private readonly store: PaymentStore,
    private readonly bands: IncomeBands,
    private readonly ruleSets: () => readonly RuleSet[] = () => DEMO_RULE_SETS,
    private readonly now: () => Date = () => new Date(),
    private readonly madeHere?: { get(code: string): Promise<Booking | undefined> },
  ) {}

  async find(code: string): Promise<PayableBooking> {
    return this.quoted(await this.lookup(code));
  }

  /**
   * The booking as the central holds it; one made here that the central has not heard of yet
   * (not synced, or the central unreachable) as this terminal recorded it.
   */
  async lookup(code: string): Promise<Booking> {
    try {
      return await this.central.lookupBooking(code);
    } catch (e) {
      const why = (e as { code?: string }).code;
      if (why !== 'BOOKING_NOT_FOUND' && why !== 'CENTRAL_UNREACHABLE') throw e;
      const local = await this.madeHere?.get(code);
      if (!local) throw e;
      return local;
    }
  }

  /** A booking quoted now, as the central returned it. */
  async quoted(booking: Booking, incomeBand?: 1 | 2 | 3 | 4 | null): Promise<PayableBooking> {
    return this.quote(booking, await this.store.isPaidHere(booking.code), incomeBand === undefined ? await this.incomeBand(booking.taxCode) : incomeBand);
  }

  /** The booking as a payment item; BOOKING_NOT_PAYABLE or NOTHING_DUE when it cannot be paid. */
  async payable(code: string): Promise<NewPaymentItem> {
    const booking = await this.lookup(code);
    const quote = await this.quoted(booking);
    if (quote.status !== 'booked') throw new CupError('BOOKING_NOT_PAYABLE', `booking ${booking.code} is ${quote.status}`);
    if (quote.amountDueCents <= 0) throw new CupError('NOTHING_DUE', `booking ${booking.code} has nothing to pay`);
    return { kind: 'booking', booking, quote };
  }

  /** The version of the rules in force today (what a payment of notices only records). */
  ruleVersionToday(): string {
    return ruleSetInForce(this.ruleSets(), todayInRome(this.now()))?.version ?? 'none';
  }

  /**
   * The band the citizen declared last, here or anywhere the central heard of. With none the
   * rules say what applies (the highest band, where bands apply).
   */
  async incomeBand(taxCode: string): Promise<1 | 2 | 3 | 4 | null> {
    return (await this.bands.inForce(taxCode, todayInRome(this.now())))?.band ?? null;
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

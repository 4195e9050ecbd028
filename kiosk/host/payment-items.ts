import { CupError, parseTaxCode } from '@cup-kiosk/sync-service/domain';
import type { BeginPaymentInput, PayableBooking, PayableNotice, UnpaidTickets } from '../bridge/terminal-api.ts';
import type { BookingQuotes } from './booking-quotes.ts';
import { payableNotice, type NoticeDesk } from './notices.ts';
import type { NewPaymentItem, PaymentStore } from './payment-store.ts';

export interface ItemSources {
  bookings: BookingQuotes;
  notices: NoticeDesk;
  store: PaymentStore;
}

export interface ResolvedItems {
  items: NewPaymentItem[];
  /** The rules the payment was quoted with: its first booking's, else today's. */
  ruleVersion: string;
  /** Lets go of the notices locked for the payment (when it does not open after all). */
  release(): Promise<void>;
}

/**
 * What a payment pays, in the order asked: each booking quoted now, each notice verified and
 * locked at the central for `paymentId` before the payment is opened. A refusal leaves no lock.
 */
export async function resolveItems(input: BeginPaymentInput, paymentId: string, s: ItemSources): Promise<ResolvedItems> {
  const bookings = new Map<string, NewPaymentItem & { kind: 'booking' }>();
  for (const i of input.items) if (i.kind === 'booking') bookings.set(i.bookingCode, (await s.bookings.payable(i.bookingCode)) as NewPaymentItem & { kind: 'booking' });
  const noticeCodes = input.items.flatMap((i) => (i.kind === 'notice' ? [i.noticeCode] : []));
  for (const code of noticeCodes) {
    if (await s.store.isNoticePaidHere(code)) throw new CupError('NOTICE_PAID', `notice ${code} was paid at this kiosk`, { noticeCode: code });
  }
  const locked = new Map((await s.notices.lockAll(noticeCodes, paymentId)).map((n) => [n.noticeCode, n]));
  const release = () => s.notices.releaseAll(noticeCodes, paymentId);
  try {
    for (const n of locked.values()) {
      // The notice recovers its booking's ticket: both in one payment would pay it twice.
      if (bookings.has(n.bookingCode)) throw new CupError('PAYMENT_ITEMS_DUPLICATE', `notice ${n.noticeCode} is the ticket of booking ${n.bookingCode}, also in the payment`);
      if (n.amountCents <= 0) throw new CupError('NOTHING_DUE', `notice ${n.noticeCode} has nothing to pay`);
    }
  } catch (e) {
    await release();
    throw e;
  }
  const items = input.items.map((i): NewPaymentItem => (i.kind === 'booking' ? bookings.get(i.bookingCode)! : { kind: 'notice', notice: locked.get(i.noticeCode)! }));
  const first = bookings.values().next().value;
  return { items, ruleVersion: first ? first.quote.ruleVersion : s.bookings.ruleVersionToday(), release };
}

/**
 * What a citizen still owes, from the central: bookings quoted here today (those with nothing
 * due, or paid here, left out) and payable notices. NOTICE_OFFLINE when the central cannot be asked.
 */
export async function unpaidTickets(taxCode: string, s: ItemSources, now: Date): Promise<UnpaidTickets> {
  const { taxCode: code } = parseTaxCode(String(taxCode).trim().toUpperCase(), now);
  const list = await s.notices.unpaid(code);
  const notices: PayableNotice[] = [];
  for (const n of list.notices) {
    const p = payableNotice(n, await s.store.isNoticePaidHere(n.noticeCode));
    if (p.status === 'payable') notices.push(p);
  }
  // A booking whose ticket became a notice is paid through the notice.
  const recovered = new Set(list.notices.map((n) => n.bookingCode));
  const band = await s.bookings.incomeBand(code);
  const bookings: PayableBooking[] = [];
  for (const b of list.bookings) {
    if (recovered.has(b.code)) continue;
    const q = await s.bookings.quoted(b, b.taxCode === code ? band : undefined);
    if (q.status === 'booked' && q.amountDueCents > 0) bookings.push(q);
  }
  return { bookings, notices };
}

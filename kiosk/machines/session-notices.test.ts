import { describe, expect, it } from 'vitest';
import { fromPromise } from 'xstate';
import { classify } from '@cup-kiosk/sync-service/domain';
import type { BeginPaymentInput, PayableNotice, PaymentStarted, UnpaidTickets } from '../bridge/terminal-api.ts';
import { EMPTY, MAX_ITEMS, basketTotal, initialSelection, toggled, unpaidEntries } from './session-machine.ts';
import { booking, mario, notice, settle, start } from './session-fakes.ts';

const QR = 'PAGOPA|002|302000000000000184|01406310993|2453';
const scan = (text: string) => ({ type: 'SCAN.READ', text, classified: classify(text) }) as const;
/** A fake actor that rejects with a typed error, as the host does. */
const rejects = <O, I>(code: string) =>
  fromPromise<O, I>(async () => {
    throw { code, message: code.toLowerCase() };
  });
const beginRejects = (code: string) => rejects<PaymentStarted, BeginPaymentInput>(code);
const unpaidRejects = (code: string) => rejects<UnpaidTickets, { taxCode: string }>(code);

describe('pagoPA notices', () => {
  it('a scanned QR is verified at the central, reviewed and paid like a booking', async () => {
    const { actor, calls, begun } = start();
    actor.send(scan(QR));
    expect(actor.getSnapshot().value).toBe('findingNotice');
    await settle();
    // The QR goes whole to the central, which checks creditor and amount against its notice.
    expect(calls).toContain(`notice:${QR}`);
    expect(actor.getSnapshot().value).toBe('reviewingNotice');
    expect(actor.getSnapshot().context.notice?.creditorName).toContain('San Martino');
    actor.send({ type: 'PAY.CASH' });
    await settle();
    // Nobody identified: the debtor on the notice is the payer.
    expect(begun.at(-1)).toEqual({ items: [{ kind: 'notice', noticeCode: notice.noticeCode }], taxCode: notice.taxCode, method: 'cash' });
    expect(actor.getSnapshot().value).toBe('paying');
    actor.send({ type: 'PAYMENT.COMMITTED', paymentId: 'p1', transactionId: 't9', paidCents: 2455, changeDueCents: 0 });
    await settle();
    expect(actor.getSnapshot().value).toBe('done');
  });

  it('a typed code from the menu finds the notice; an unknown one is said on the code screen', async () => {
    const { actor, calls } = start();
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    actor.send({ type: 'MENU.PAY_NOTICE' });
    expect(actor.getSnapshot().value).toBe('enteringNotice');
    actor.send({ type: 'CODE.SUBMIT', code: '302000000000000285' });
    await settle();
    expect(actor.getSnapshot().value).toBe('enteringNotice');
    expect(actor.getSnapshot().context.error?.code).toBe('NOTICE_UNKNOWN');
    // A booking slip shown here is not a notice.
    actor.send(scan('123456789092'));
    expect(actor.getSnapshot().context.error?.code).toBe('SCAN_NOT_RECOGNISED');
    actor.send({ type: 'CODE.SUBMIT', code: notice.noticeCode });
    await settle();
    expect(calls).toContain(`notice:${notice.noticeCode}`);
    expect(actor.getSnapshot().value).toBe('reviewingNotice');
    expect(actor.getSnapshot().context.error).toBeNull();
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('enteringNotice');
    expect(actor.getSnapshot().context.notice).toBeNull();
  });

  it.each(['paid', 'cancelled'] as const)('a %s notice is shown and cannot be paid', async (status) => {
    const { actor, begun } = start({ findNotice: fromPromise<PayableNotice, { code: string }>(async () => ({ ...notice, status })) });
    actor.send(scan(QR));
    await settle();
    expect(actor.getSnapshot().value).toBe('reviewingNotice');
    actor.send({ type: 'PAY.CASH' });
    actor.send({ type: 'PAY.CARD' });
    actor.send({ type: 'PAY.SPLIT' });
    expect(actor.getSnapshot().value).toBe('reviewingNotice');
    expect(begun).toEqual([]);
  });

  it('offline, a notice is not payable and the kiosk says a booking still is', async () => {
    const { actor } = start({ findNotice: rejects<PayableNotice, { code: string }>('NOTICE_OFFLINE') });
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    actor.send(scan(QR));
    await settle();
    expect(actor.getSnapshot().value).toBe('noticeOffline');
    expect(actor.getSnapshot().context.flow).toBe('notice');
    actor.send({ type: 'MENU.PAY_BOOKING' });
    expect(actor.getSnapshot().value).toBe('enteringCode');
    actor.send({ type: 'CODE.SUBMIT', code: booking.bookingCode });
    await settle();
    expect(actor.getSnapshot().value).toBe('reviewing');
  });

  it('a notice being paid elsewhere is refused at the start of the payment, with its reason', async () => {
    const { actor } = start({ beginPayment: beginRejects('NOTICE_LOCKED') });
    actor.send(scan(QR));
    await settle();
    actor.send({ type: 'PAY.CARD' });
    await settle();
    expect(actor.getSnapshot().value).toBe('reviewingNotice');
    expect(actor.getSnapshot().context.error?.code).toBe('NOTICE_LOCKED');
    expect(actor.getSnapshot().context.payment).toBeNull();
  });

  it('the central going away between review and payment leads to the offline screen', async () => {
    const { actor } = start({ beginPayment: beginRejects('NOTICE_OFFLINE') });
    actor.send(scan(QR));
    await settle();
    actor.send({ type: 'PAY.CASH' });
    await settle();
    expect(actor.getSnapshot().value).toBe('noticeOffline');
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('idle');
  });
});

describe('a citizen’s unpaid tickets', () => {
  async function atList(overrides: Parameters<typeof start>[0] = {}) {
    const kit = start(overrides);
    kit.actor.send({ type: 'CARD.INSERTED', citizen: mario });
    kit.actor.send({ type: 'MENU.UNPAID' });
    expect(kit.actor.getSnapshot().value).toBe('findingUnpaid');
    await settle();
    return kit;
  }

  it('lists bookings and notices, all checked, and pays the two in one payment', async () => {
    const { actor, calls, begun } = await atList();
    expect(calls).toContain(`unpaid:${mario.taxCode}`);
    expect(actor.getSnapshot().value).toBe('unpaidList');
    expect(actor.getSnapshot().context.selected).toEqual([`booking:${booking.bookingCode}`, `notice:${notice.noticeCode}`]);
    expect(basketTotal(actor.getSnapshot().context)).toEqual({ amountDueCents: 2066 + 2453, cashDueCents: 4520 });
    actor.send({ type: 'UNPAID.TOGGLE', key: `booking:${booking.bookingCode}` });
    expect(basketTotal(actor.getSnapshot().context).amountDueCents).toBe(2453);
    actor.send({ type: 'UNPAID.TOGGLE', key: `booking:${booking.bookingCode}` });
    actor.send({ type: 'PAY.SELECTED' });
    expect(actor.getSnapshot().value).toBe('choosingMethod');
    actor.send({ type: 'PAY.CASH' });
    await settle();
    expect(actor.getSnapshot().value).toBe('paying');
    // List order, whatever order they were checked in.
    expect(begun.at(-1)).toEqual({
      items: [
        { kind: 'booking', bookingCode: booking.bookingCode },
        { kind: 'notice', noticeCode: notice.noticeCode },
      ],
      taxCode: mario.taxCode,
      method: 'cash',
    });
  });

  it('pays nothing when nothing is checked, and a failed start returns to the method choice', async () => {
    const { actor } = await atList({ beginPayment: beginRejects('NOTICE_LOCKED') });
    actor.send({ type: 'UNPAID.TOGGLE', key: `booking:${booking.bookingCode}` });
    actor.send({ type: 'UNPAID.TOGGLE', key: `notice:${notice.noticeCode}` });
    actor.send({ type: 'PAY.SELECTED' });
    expect(actor.getSnapshot().value).toBe('unpaidList');
    actor.send({ type: 'UNPAID.TOGGLE', key: `notice:${notice.noticeCode}` });
    actor.send({ type: 'PAY.SELECTED' });
    actor.send({ type: 'PAY.SPLIT' });
    // The card part must be below the total of what is checked.
    actor.send({ type: 'CARD_PART.SUBMIT', cents: 2453 });
    expect(actor.getSnapshot().value).toBe('enteringCardPart');
    actor.send({ type: 'CARD_PART.SUBMIT', cents: 1000 });
    await settle();
    expect(actor.getSnapshot().value).toBe('choosingMethod');
    expect(actor.getSnapshot().context.error?.code).toBe('NOTICE_LOCKED');
  });

  it('is asked only for an identified citizen', async () => {
    const { actor, calls } = start();
    // A slip scanned at the idle screen, then back: the menu, with nobody identified.
    actor.send(scan('070000000143'));
    await settle();
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('menu');
    actor.send({ type: 'MENU.UNPAID' });
    expect(actor.getSnapshot().value).toBe('menu');
    expect(calls.filter((c) => c.startsWith('unpaid'))).toEqual([]);
  });

  it('offline, says so; another failure is said on the menu', async () => {
    const offline = await atList({ unpaidTickets: unpaidRejects('NOTICE_OFFLINE') });
    expect(offline.actor.getSnapshot().value).toBe('noticeOffline');
    expect(offline.actor.getSnapshot().context.flow).toBe('unpaid');
    offline.actor.send({ type: 'NAV.BACK' });
    expect(offline.actor.getSnapshot().value).toBe('menu');
    const broken = await atList({ unpaidTickets: unpaidRejects('CENTRAL_ERROR') });
    expect(broken.actor.getSnapshot().value).toBe('menu');
    expect(broken.actor.getSnapshot().context.error?.code).toBe('CENTRAL_ERROR');
  });

  it('an empty list offers nothing to pay', async () => {
    const { actor } = await atList({ unpaidTickets: fromPromise<UnpaidTickets, { taxCode: string }>(async () => ({ bookings: [], notices: [] })) });
    expect(actor.getSnapshot().value).toBe('unpaidList');
    actor.send({ type: 'PAY.SELECTED' });
    expect(actor.getSnapshot().value).toBe('unpaidList');
  });

  it('is forgotten, with the citizen, when the card comes out', async () => {
    const { actor } = await atList();
    expect(actor.getSnapshot().context.unpaid?.notices).toHaveLength(1);
    actor.send({ type: 'CARD.REMOVED' });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context).toEqual(EMPTY);
  });

  it('ends a paid list in the same forgetting', async () => {
    const { actor, clock } = await atList({
      beginPayment: fromPromise<PaymentStarted, BeginPaymentInput>(async () => ({ paymentId: 'p1', amountDueCents: 4519, cashDueCents: 0, cardCents: 4519 })),
    });
    actor.send({ type: 'PAY.SELECTED' });
    actor.send({ type: 'PAY.CARD' });
    await settle();
    actor.send({ type: 'PAYMENT.COMMITTED', paymentId: 'p1', transactionId: 't1', paidCents: 4519, changeDueCents: 0 });
    await settle();
    expect(actor.getSnapshot().value).toBe('done');
    clock.increment(10_000);
    expect(actor.getSnapshot().context).toEqual(EMPTY);
  });
});

describe('selection', () => {
  const many: UnpaidTickets = {
    bookings: Array.from({ length: 7 }, (_, i) => ({ ...booking, bookingCode: `07000000${String(i).padStart(4, '0')}` })),
    notices: Array.from({ length: 5 }, (_, i) => ({ ...notice, noticeCode: `30200000000000${String(i).padStart(4, '0')}` })),
  };

  it('checks at most one payment’s worth at the start, and refuses an eleventh', () => {
    const selected = initialSelection(many);
    expect(selected).toHaveLength(MAX_ITEMS);
    expect(selected).toEqual(unpaidEntries(many).slice(0, MAX_ITEMS).map((e) => e.key));
    const last = unpaidEntries(many).at(-1)!.key;
    expect(toggled(selected, last)).toEqual(selected);
    const fewer = toggled(selected, selected[0]!);
    expect(toggled(fewer, last)).toContain(last);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CentralNotices, CentralRules, ingestBatch, type CentralStore } from '../../../sync-service/central/index.ts';
import { MARIO, NOTICE_BOOKING, NOTICE_FIXTURE_BOOKINGS, NOTICE_RUN_DATE } from '../../../sync-service/central/notice-fixtures.ts';
import { DEMO_RULE_SETS, draftNotice, noticeCode } from '../../../sync-service/domain/index.ts';
import type { Notice, PaymentItem, SyncItem } from '../../../sync-service/protocol/index.ts';
import { bothStores, type OpenedStore } from './both-stores.ts';

// The notice part of the central store's contract, on both stores: issuing numbers each notice
// once and never twice for a booking, a lock has one holder, and a payment marks its notices
// paid, whichever store a region runs.

const NOW = '2026-04-02T09:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();
const iuv = (n: number) => noticeCode({ aux: 3, segregation: '02', iuvBase: String(n).padStart(13, '0') });

const STORES = bothStores('cupk-notice-contract-');

const pay = (key: string, seq: number, items: PaymentItem[]): SyncItem => {
  const amountCents = items.reduce((s, i) => s + i.amountCents, 0);
  return {
    seq,
    key,
    kind: 'payment',
    createdAt: NOW,
    payload: {
      paymentId: `pay-${key}`,
      transactionId: `T-${key}`,
      bookingCode: items[0]!.bookingCode,
      taxCode: MARIO,
      amountCents,
      paidCents: amountCents,
      changeCents: 0,
      method: 'card',
      cardCents: amountCents,
      items,
      ruleVersion: 'demo-4',
      paidAt: NOW,
      terminalId: 'kiosk-1',
    },
  };
};
const item = (n: Notice): PaymentItem => ({ bookingCode: n.bookingCode, amountCents: n.amountCents, noticeCode: n.noticeCode });

describe.each(STORES)('notice store contract on %s', (_name, open) => {
  let opened: OpenedStore;
  let store: CentralStore;
  let notices: CentralNotices;
  const run = async (asOf = NOTICE_RUN_DATE) => (await notices.issue(asOf)).issued;

  beforeEach(async () => {
    opened = await open();
    store = opened.store;
    await store.addBookings(NOTICE_FIXTURE_BOOKINGS);
    const rules = new CentralRules(store);
    await rules.seed(DEMO_RULE_SETS);
    notices = new CentralNotices({ store, rules, now: () => new Date(NOW) });
  });
  afterEach(async () => {
    await opened.cleanup();
  });

  it('finds the bookings unpaid before a date with no notice, in appointment order', async () => {
    expect((await store.noticeCandidates(NOTICE_RUN_DATE)).map((b) => b.code)).toEqual([NOTICE_BOOKING.old, NOTICE_BOOKING.unpaid, NOTICE_BOOKING.exempt, NOTICE_BOOKING.private]);
    expect((await store.noticeCandidates(NOTICE_RUN_DATE, [NOTICE_BOOKING.private, NOTICE_BOOKING.paid])).map((b) => b.code)).toEqual([NOTICE_BOOKING.private]);
    expect((await store.unpaidBookings(MARIO)).map((b) => b.code)).toEqual([NOTICE_BOOKING.unpaid, NOTICE_BOOKING.future]);
  });

  it('issues in order with numbers from the sequence, and never a second notice for a booking', async () => {
    const first = await run();
    expect(first.map((n) => [n.bookingCode, n.noticeCode])).toEqual([
      [NOTICE_BOOKING.old, iuv(1)],
      [NOTICE_BOOKING.unpaid, iuv(2)],
      [NOTICE_BOOKING.private, iuv(3)],
    ]);
    expect(await store.getNotice(iuv(2))).toEqual(first[1]);
    expect(await run()).toEqual([]);
    expect((await store.noticeCandidates(NOTICE_RUN_DATE)).map((b) => b.code)).toEqual([NOTICE_BOOKING.exempt]);
    expect((await store.unpaidBookings(MARIO)).map((b) => b.code)).toEqual([NOTICE_BOOKING.future]);
    // Drafts for bookings that have a notice, or are no longer booked, are dropped when issued.
    const booking = NOTICE_FIXTURE_BOOKINGS.find((b) => b.code === NOTICE_BOOKING.paid)!;
    expect(await store.issueNotices([draftNotice(booking, 100, NOTICE_RUN_DATE)], { segregationCode: '02', issuedAt: NOW })).toEqual([]);
    expect((await run('2027-06-01')).map((n) => n.noticeCode)).toEqual([iuv(4)]);
  });

  it('issues once for each booking when runs race', async () => {
    const runs = await Promise.all([run(), run(), run()]);
    const issued = runs.flat();
    expect(issued.map((n) => n.bookingCode).sort()).toEqual([NOTICE_BOOKING.old, NOTICE_BOOKING.unpaid, NOTICE_BOOKING.private].sort());
    expect(new Set(issued.map((n) => n.noticeCode)).size).toBe(3);
    expect(await store.listNotices()).toHaveLength(3);
  });

  it('gives a lock to one holder at a time, extends it for that holder, frees it when it expires or is released', async () => {
    const [, unpaid] = await run();
    const a = { terminalId: 'kiosk-1', paymentId: 'pay-a' };
    const b = { terminalId: 'kiosk-2', paymentId: 'pay-b' };
    const racing = await Promise.all(Array.from({ length: 8 }, (_, i) => store.lockNotice(unpaid!.noticeCode, { terminalId: `kiosk-${i}`, paymentId: `pay-${i}` }, NOW, later(10))));
    expect(racing.filter((r) => r.locked)).toHaveLength(1);
    expect(racing.filter((r) => !r.locked).map((r) => (r.locked ? '' : r.reason))).toEqual(Array(7).fill('NOTICE_LOCKED'));
    const holder = (await store.getNotice(unpaid!.noticeCode))!.lock!;
    expect(holder.lockedUntil).toBe(later(10));
    expect(await store.releaseNotice(unpaid!.noticeCode, a)).toBe(holder.paymentId === 'pay-a');
    await store.releaseNotice(unpaid!.noticeCode, { terminalId: holder.terminalId, paymentId: holder.paymentId });

    expect(await store.lockNotice(unpaid!.noticeCode, a, NOW, later(10))).toEqual({ locked: true, lockedUntil: later(10) });
    expect(await store.lockNotice(unpaid!.noticeCode, a, later(5), later(15))).toEqual({ locked: true, lockedUntil: later(15) });
    // The same payment id from another terminal is another holder.
    expect(await store.lockNotice(unpaid!.noticeCode, { ...a, terminalId: 'kiosk-2' }, later(5), later(15))).toEqual({ locked: false, reason: 'NOTICE_LOCKED' });
    expect(await store.lockNotice(unpaid!.noticeCode, b, later(15), later(25))).toEqual({ locked: true, lockedUntil: later(25) });
    expect(await store.releaseNotice(unpaid!.noticeCode, a)).toBe(false);
    expect(await store.releaseNotice(unpaid!.noticeCode, b)).toBe(true);
    expect((await store.getNotice(unpaid!.noticeCode))?.lock).toBeNull();
    expect(await store.lockNotice(iuv(99), a, NOW, later(10))).toEqual({ locked: false, reason: 'NOTICE_UNKNOWN' });
  });

  it('marks the notices of a stored payment paid, by code or by booking, and refuses a second payment', async () => {
    const [old, unpaid, priv] = await run();
    await store.lockNotice(unpaid!.noticeCode, { terminalId: 'kiosk-1', paymentId: 'pay-a' }, NOW, later(10));
    const byBooking: PaymentItem = { bookingCode: priv!.bookingCode, amountCents: 12000 };
    expect(await ingestBatch(store, 'kiosk-1', [pay('a', 1, [item(unpaid!), byBooking]), pay('b', 2, [item(old!), item(unpaid!)])], NOW)).toEqual([
      { key: 'a', status: 'stored' },
      { key: 'b', status: 'conflict', reason: 'NOTICE_ALREADY_PAID' },
    ]);
    expect(await store.getNotice(unpaid!.noticeCode)).toMatchObject({ status: 'paid', paidAt: NOW, paidBy: 'a', lock: null });
    expect(await store.getNotice(priv!.noticeCode)).toMatchObject({ status: 'paid', paidBy: 'a' });
    expect((await store.getNotice(old!.noticeCode))?.status).toBe('payable');
    expect((await store.getBooking(old!.bookingCode))?.status).toBe('booked');
    expect(await store.lockNotice(unpaid!.noticeCode, { terminalId: 'kiosk-2', paymentId: 'pay-c' }, NOW, later(10))).toEqual({ locked: false, reason: 'NOTICE_PAID' });
    expect((await store.listNotices({ taxCode: MARIO, status: 'paid' })).map((n) => n.noticeCode)).toEqual([unpaid!.noticeCode]);
    expect((await store.listNotices({ status: 'payable' })).map((n) => n.noticeCode)).toEqual([old!.noticeCode]);
  });

  it('pays one notice once when two terminals send its payment at once', async () => {
    const [, unpaid] = await run();
    const results = await Promise.all(['kiosk-1', 'kiosk-2'].map((terminalId) => ingestBatch(store, terminalId, [{ ...pay(terminalId, 1, [item(unpaid!)]), payload: { ...pay(terminalId, 1, [item(unpaid!)]).payload, terminalId } }], NOW)));
    expect(results.flat().map((r) => r.reason ?? r.status).sort()).toEqual(['NOTICE_ALREADY_PAID', 'stored']);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_RULE_SETS } from '../domain/index.ts';
import { migrate } from '../outbox/migrate.ts';
import { openDatabase } from '../outbox/sqlite.ts';
import type { Notice, PaymentItem } from '../protocol/index.ts';
import { buildCentralApp } from './app.ts';
import { digestOf } from './ingest.ts';
import { GIULIA, MARIO, NOTICE_BOOKING, NOTICE_FIXTURE_BOOKINGS, NOTICE_RUN_DATE } from './notice-fixtures.ts';
import { CentralRules } from './rules.ts';
import { CENTRAL_SQLITE_MIGRATIONS, SqliteCentralStore } from './sqlite-store.ts';

let dir: string;
let store: SqliteCentralStore;
let app: FastifyInstance;
const notices: Record<'old' | 'unpaid' | 'private', Notice> = {} as never;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-notice-ingest-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  await store.addBookings(NOTICE_FIXTURE_BOOKINGS);
  await new CentralRules(store).seed(DEMO_RULE_SETS);
  app = buildCentralApp(store, { requireSignatures: false, adminToken: 'notice-admin-token-0123', now: () => new Date('2026-04-02T09:00:00.000Z') });
  const run = await app.inject({ method: 'POST', url: '/v1/admin/notices/issue', headers: { authorization: 'Bearer notice-admin-token-0123' }, payload: { asOf: NOTICE_RUN_DATE } });
  for (const n of run.json().issued as Notice[]) notices[n.bookingCode === NOTICE_BOOKING.old ? 'old' : n.bookingCode === NOTICE_BOOKING.unpaid ? 'unpaid' : 'private'] = n;
});

afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A card payment of `items` by kiosk `terminalId`, sync item `key` at `seq`. */
const pay = (key: string, seq: number, items: PaymentItem[], over: Record<string, unknown> = {}) => {
  const amountCents = items.reduce((s, i) => s + i.amountCents, 0);
  return {
    seq,
    key,
    kind: 'payment',
    createdAt: '2026-04-02T09:00:00.000Z',
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
      paidAt: '2026-04-02T09:00:00.000Z',
      terminalId: 'kiosk-1',
      ...over,
    },
  };
};
const noticeItem = (n: Notice, over: Partial<PaymentItem> = {}): PaymentItem => ({ bookingCode: n.bookingCode, amountCents: n.amountCents, noticeCode: n.noticeCode, ...over });
const post = async (items: unknown[], terminalId = 'kiosk-1') => (await app.inject({ method: 'POST', url: '/v1/sync/batches', payload: { terminalId, items } })).json().results as unknown[];
const statusOf = async (bookingCode: string) => (await store.getBooking(bookingCode))?.status;

describe('payments of notices', () => {
  it('marks every item paid: the bookings, the notice named, its lock cleared', async () => {
    await app.inject({ method: 'POST', url: '/v1/notices/lock', payload: { noticeCode: notices.unpaid.noticeCode, paymentId: 'pay-a' } });
    const items = [noticeItem(notices.unpaid), { bookingCode: NOTICE_BOOKING.future, amountCents: 2066 }];
    expect(await post([pay('a', 1, items)])).toEqual([{ key: 'a', status: 'stored' }]);
    expect([await statusOf(NOTICE_BOOKING.unpaid), await statusOf(NOTICE_BOOKING.future)]).toEqual(['paid', 'paid']);
    expect(await store.getNotice(notices.unpaid.noticeCode)).toMatchObject({ status: 'paid', paidAt: '2026-04-02T09:00:00.000Z', paidBy: 'a', lock: null });
    const lock = await app.inject({ method: 'POST', url: '/v1/notices/lock', payload: { noticeCode: notices.unpaid.noticeCode, paymentId: 'pay-b' } });
    expect([lock.statusCode, lock.json().error.code]).toEqual([409, 'NOTICE_PAID']);
    expect((await app.inject(`/v1/citizens/${MARIO}/unpaid`)).json()).toEqual({ bookings: [], notices: [] });
    expect(await store.db.all('SELECT position, booking_code, amount_cents, notice_code FROM payment_items ORDER BY position')).toEqual([
      { position: 0, booking_code: NOTICE_BOOKING.unpaid, amount_cents: 2066, notice_code: notices.unpaid.noticeCode },
      { position: 1, booking_code: NOTICE_BOOKING.future, amount_cents: 2066, notice_code: null },
    ]);
    expect(await store.db.get('SELECT method, card_cents FROM payments')).toEqual({ method: 'card', card_cents: 4132 });
  });

  it('answers a second payment of a paid notice NOTICE_ALREADY_PAID and applies none of it, on resend too', async () => {
    await post([pay('a', 1, [noticeItem(notices.unpaid)])]);
    const second = pay('b', 1, [{ bookingCode: NOTICE_BOOKING.private, amountCents: 12000 }, noticeItem(notices.unpaid)], { terminalId: 'desk-2', taxCode: GIULIA });
    expect(await post([second], 'desk-2')).toEqual([{ key: 'b', status: 'conflict', reason: 'NOTICE_ALREADY_PAID' }]);
    expect(await post([second], 'desk-2')).toEqual([{ key: 'b', status: 'conflict', reason: 'NOTICE_ALREADY_PAID' }]);
    expect(await statusOf(NOTICE_BOOKING.private)).toBe('booked');
    expect((await store.getNotice(notices.private.noticeCode))?.status).toBe('payable');
    expect(await store.db.all("SELECT payment_id FROM payments WHERE payment_id = 'pay-b'")).toEqual([]);
  });

  it('lets the first of two payments of one notice in a batch win', async () => {
    expect(await post([pay('a', 1, [noticeItem(notices.old)]), pay('b', 2, [noticeItem(notices.old)])])).toEqual([
      { key: 'a', status: 'stored' },
      { key: 'b', status: 'conflict', reason: 'NOTICE_ALREADY_PAID' },
    ]);
  });

  it('marks the notice of a booking paid by its code, as a terminal without items pays it', async () => {
    const old = pay('a', 1, [{ bookingCode: NOTICE_BOOKING.old, amountCents: 2066 }], { method: 'cash', cardCents: 0, paidCents: 2100, changeCents: 35, cashRoundingCents: -1 });
    const { items: _items, ...withoutItems } = old.payload;
    expect(await post([{ ...old, payload: withoutItems }])).toEqual([{ key: 'a', status: 'stored' }]);
    expect(await store.getNotice(notices.old.noticeCode)).toMatchObject({ status: 'paid', paidBy: 'a' });
    // The notice's own payment comes later: the citizen paid twice, this one is refunded.
    expect(await post([pay('b', 2, [noticeItem(notices.old)])])).toEqual([{ key: 'b', status: 'conflict', reason: 'NOTICE_ALREADY_PAID' }]);
  });

  it('types every other reason a notice item cannot be paid', async () => {
    await store.db.run("UPDATE notices SET status = 'cancelled' WHERE notice_code = ?", [notices.private.noticeCode]);
    const cases: [unknown, string][] = [
      [pay('a', 1, [noticeItem(notices.unpaid, { noticeCode: '302000000000099948' })]), 'NOTICE_UNKNOWN'],
      [pay('b', 2, [noticeItem(notices.unpaid, { bookingCode: NOTICE_BOOKING.future })]), 'NOTICE_BOOKING_MISMATCH'],
      [pay('c', 3, [noticeItem(notices.unpaid, { amountCents: 2000 })]), 'NOTICE_AMOUNT_MISMATCH'],
      [pay('d', 4, [noticeItem(notices.private)]), 'NOTICE_CANCELLED'],
      [pay('e', 5, [noticeItem(notices.unpaid), noticeItem(notices.unpaid)]), 'PAYLOAD_INVALID'],
      [pay('f', 6, [noticeItem(notices.unpaid), { bookingCode: NOTICE_BOOKING.paid, amountCents: 2066 }]), 'BOOKING_ALREADY_PAID'],
      [pay('g', 7, [noticeItem(notices.unpaid), { bookingCode: NOTICE_BOOKING.cancelled, amountCents: 2066 }]), 'BOOKING_CANCELLED'],
    ];
    expect(await post(cases.map(([item]) => item))).toEqual(cases.map(([item, reason]) => ({ key: (item as { key: string }).key, status: 'conflict', reason })));
    expect((await store.getNotice(notices.unpaid.noticeCode))?.status).toBe('payable');
    expect(await statusOf(NOTICE_BOOKING.unpaid)).toBe('booked');
  });
});

describe('notices migration', () => {
  it('gives payments kept before items their one item and no card part', async () => {
    const file = join(dir, 'old.db');
    const db = await openDatabase(file);
    await migrate(db, CENTRAL_SQLITE_MIGRATIONS.slice(0, 4), { scope: 'central' });
    const booking = NOTICE_FIXTURE_BOOKINGS[1]!;
    await db.run("INSERT INTO bookings (code, tax_code, status, data, updated_at) VALUES (?, ?, 'paid', ?, 'x')", [booking.code, booking.taxCode, JSON.stringify(booking)]);
    await db.run("INSERT INTO transactions (key, terminal_id, seq, kind, payload, digest, status, reason, created_at, received_at) VALUES ('k', 'kiosk-1', 1, 'payment', '{}', ?, 'stored', NULL, 'x', 'x')", [digestOf('payment', {})]);
    await db.run("INSERT INTO payments VALUES ('p', 'k', ?, 'kiosk-1', 'T-1', ?, 2066, 2100, 34, 'cash', 'demo-4', 'x')", [booking.code, booking.taxCode]);
    await db.close();
    const upgraded = await SqliteCentralStore.open(file);
    try {
      expect(await upgraded.db.all('SELECT payment_id, position, booking_code, amount_cents, notice_code FROM payment_items')).toEqual([{ payment_id: 'p', position: 0, booking_code: booking.code, amount_cents: 2066, notice_code: null }]);
      expect(await upgraded.db.get('SELECT card_cents FROM payments')).toEqual({ card_cents: 0 });
      expect(await upgraded.noticeCandidates('2030-01-01')).toEqual([]);
    } finally {
      await upgraded.close();
    }
  });
});

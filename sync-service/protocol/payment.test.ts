import { describe, expect, it } from 'vitest';
import { jsonSchema, NoticeViewSchema, PaymentPayloadSchema, paymentItems } from './index.ts';

const base = {
  paymentId: 'pay-1',
  transactionId: 'T-0001',
  bookingCode: '123456789092',
  taxCode: 'RSSMRA85T10A562S',
  amountCents: 5681,
  paidCents: 5681,
  changeCents: 0,
  method: 'card',
  cardCents: 5681,
  ruleVersion: 'demo-4',
  paidAt: '2026-11-23T09:30:00.000Z',
  terminalId: 'kiosk-1',
};
const items = [
  { bookingCode: '123456789092', amountCents: 3228 },
  { bookingCode: '070000000434', amountCents: 2453, noticeCode: '302000000000000184' },
];

describe('payment payload', () => {
  it('reads an old terminal\'s payload: cash, no card part, one booking', () => {
    const { cardCents: _c, ...old } = base;
    const parsed = PaymentPayloadSchema.parse({ ...old, method: 'cash', amountCents: 3228, paidCents: 3500, changeCents: 270, cashRoundingCents: 2 });
    expect(parsed.cardCents).toBe(0);
    expect(paymentItems(parsed)).toEqual([{ bookingCode: '123456789092', amountCents: 3228 }]);
  });

  it('takes several items, a notice among them, summing to the amount', () => {
    const parsed = PaymentPayloadSchema.parse({ ...base, items });
    expect(paymentItems(parsed)).toEqual(items);
  });

  it('takes a mixed payment: card part plus cash, the cash part rounded', () => {
    // 56.81 due: 20.00 by card, 36.81 in cash rounded to 36.80, paid with 40.00.
    const mixed = { ...base, method: 'mixed', cardCents: 2000, paidCents: 6000, changeCents: 320, cashRoundingCents: -1, items };
    expect(PaymentPayloadSchema.safeParse(mixed).success).toBe(true);
  });

  it.each([
    ['items that do not sum to the amount', { items: [items[0]] }],
    ['a first item that is not the top booking', { items: [...items].reverse() }],
    ['no items at all', { items: [] }],
    ['eleven items', { items: Array.from({ length: 11 }, () => ({ bookingCode: '123456789092', amountCents: 0 })), amountCents: 0, paidCents: 0, cardCents: 0 }],
    ['a notice code of 17 digits', { items: [items[0], { ...items[1], noticeCode: '30200000000000018' }] }],
    ['a card part above what was paid', { method: 'mixed', cardCents: 5682 }],
    ['a card payment whose card part is not all of it', { cardCents: 5000 }],
    ['an unknown method', { method: 'cheque' }],
  ])('refuses %s', (_what, change) => {
    expect(PaymentPayloadSchema.safeParse({ ...base, items, ...change }).success).toBe(false);
  });

  it('publishes NoticeView with every field required, lockedUntil nullable', () => {
    const schema = jsonSchema(NoticeViewSchema);
    expect(schema.required).toEqual(['noticeCode', 'creditorFiscalCode', 'creditorName', 'subject', 'bookingCode', 'taxCode', 'amountCents', 'dueDate', 'status', 'lockedUntil']);
  });
});

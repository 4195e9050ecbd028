import { describe, expect, it } from 'vitest';
import { PaymentPayloadSchema } from '@cup-kiosk/sync-service/protocol';
import { paymentPayload } from './payment-payload.ts';
import { paidInFull } from './payment-sums.ts';

// What the terminal enqueues is what the central reads: each way a payment closes parses.

const payment = { payment_id: 'pay-1', tax_code: 'RSSMRA85T10A562S', amount_due_cents: 5681, rule_version: 'demo-4' };
const items = [
  { booking_code: '123456789092', notice_code: null, amount_cents: 3228 },
  { booking_code: '070000000434', notice_code: '302000000000000184', amount_cents: 2453 },
];
const payload = (approvedCardCents: number, creditedCents: number, last: 'card' | 'cash') =>
  paymentPayload({
    payment,
    items,
    paid: paidInFull({ amountDueCents: 5681, approvedCardCents, creditedCents }, last)!,
    approvedCardCents,
    transactionId: 'K-1-000001',
    paidAt: '2026-11-23T10:00:00.000Z',
    terminalId: 'K-1',
  });

describe('payment payload', () => {
  it.each([
    ['all cash, rounded and with change', 0, 6000, 'cash', { method: 'cash', cardCents: 0, cashRoundingCents: -1, changeCents: 320 }],
    ['all card', 5681, 0, 'card', { method: 'card', cardCents: 5681, cashRoundingCents: 0, changeCents: 0 }],
    ['cash, then a card for the exact rest', 3681, 2000, 'card', { method: 'mixed', cardCents: 3681, cashRoundingCents: 0, paidCents: 5681 }],
    ['a card part, then cash rounded', 3000, 2700, 'cash', { method: 'mixed', cardCents: 3000, cashRoundingCents: -1, changeCents: 20 }],
  ] as const)('%s', (_what, card, cash, last, expected) => {
    const p = payload(card, cash, last);
    expect(p).toMatchObject({ ...expected, amountCents: 5681, bookingCode: '123456789092' });
    const parsed = PaymentPayloadSchema.safeParse(p);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.items).toEqual([
      { bookingCode: '123456789092', amountCents: 3228 },
      { bookingCode: '070000000434', amountCents: 2453, noticeCode: '302000000000000184' },
    ]);
  });
});

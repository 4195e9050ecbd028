import { describe, expect, it } from 'vitest';
import { dayTotals } from './counter-day.ts';
import type { CounterItemRow, CounterPaymentRow } from './counter-store.ts';

const OP = { code: 'DEMO', name: 'Farmacista demo' };
const pay = (id: string, closedAt: string, amount: number, paid: number, change: number, card: number): CounterPaymentRow => ({
  payment_id: id,
  amount_due_cents: amount,
  paid_cents: paid,
  change_due_cents: change,
  cash_rounding_cents: 0,
  closed_at: closedAt,
  card_cents: card,
});
const booking = (id: string, amount: number, provider: string): CounterItemRow => ({ payment_id: id, kind: 'booking', amount_cents: amount, detail_json: JSON.stringify({ quote: { providerName: provider } }) });
const notice = (id: string, amount: number, creditor: string): CounterItemRow => ({ payment_id: id, kind: 'notice', amount_cents: amount, detail_json: JSON.stringify({ notice: { creditorName: creditor } }) });

describe('an operator’s day at the counter', () => {
  it('counts cash as kept (tendered − change), card as approved, and the rounding as what is left over the items', () => {
    const t = dayTotals(
      OP,
      '2026-12-03',
      [
        // Cash 32,28 → 32,30, 50 € handed over, 17,70 € back.
        pay('a', '2026-12-03T09:00:00.000Z', 3228, 5000, 1770, 0),
        // Card part 20 €, the rest 4,53 → 4,55 in cash, 5 € handed over.
        pay('b', '2026-12-03T10:00:00.000Z', 2453, 2500, 45, 2000),
        // Card only.
        pay('c', '2026-12-03T11:00:00.000Z', 3615, 3615, 0, 3615),
      ],
      [booking('a', 3228, 'IRCCS San Martino'), booking('b', 1000, 'ASL 3 Genovese'), notice('b', 1453, 'ASL 3 Genovese'), booking('c', 3615, 'ASL 3 Genovese')],
    );
    expect(t).toEqual({
      operator: OP,
      day: '2026-12-03',
      payments: 3,
      cashCents: 3230 + 455,
      cardCents: 2000 + 3615,
      totalCents: 3230 + 455 + 2000 + 3615,
      roundingCents: 2 + 2,
      items: [
        { label: 'Avvisi pagoPA', count: 1, amountCents: 1453 },
        { label: 'Ticket prenotazioni', count: 3, amountCents: 3228 + 1000 + 3615 },
      ],
      providers: [
        { label: 'ASL 3 Genovese', count: 3, amountCents: 1000 + 1453 + 3615 },
        { label: 'IRCCS San Martino', count: 1, amountCents: 3228 },
      ],
    });
  });

  it('sums every payment of the close, those after midnight too, under the day the close is for', () => {
    // A night pharmacy: 23:30 in Rome on the 3rd, then 00:30 on the 4th, one close for the night.
    const payments = [pay('late', '2026-12-03T22:30:00.000Z', 500, 500, 0, 500), pay('night', '2026-12-03T23:30:00.000Z', 700, 700, 0, 700)];
    const t = dayTotals(OP, '2026-12-03', payments, [booking('late', 500, 'X'), booking('night', 700, 'X')]);
    expect([t.day, t.payments, t.totalCents, t.items]).toEqual(['2026-12-03', 2, 1200, [{ label: 'Ticket prenotazioni', count: 2, amountCents: 1200 }]]);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cashDueCents, paidInFull, restByCardCents } from './payment-sums.ts';

const t = (amountDueCents: number, approvedCardCents: number, creditedCents: number) => ({ amountDueCents, approvedCardCents, creditedCents });

describe('payment sums', () => {
  it('rounds an all-cash payment to 5 cents and pays the overpayment as change', () => {
    expect(cashDueCents(t(3228, 0, 0))).toBe(3230);
    expect(paidInFull(t(3228, 0, 3225), 'cash')).toBeNull();
    expect(paidInFull(t(3228, 0, 3250), 'cash')).toEqual({ paidCents: 3250, cashRoundingCents: 2, changeDueCents: 20, method: 'cash' });
    // 32,26 € rounds down: 32,25 € pays it.
    expect(paidInFull(t(3226, 0, 3225), 'cash')).toEqual({ paidCents: 3225, cashRoundingCents: -1, changeDueCents: 0, method: 'cash' });
  });

  it('a card pays exact cents, whole or for the rest after cash, with no rounding', () => {
    expect(paidInFull(t(3228, 3228, 0), 'card')).toEqual({ paidCents: 3228, cashRoundingCents: 0, changeDueCents: 0, method: 'card' });
    expect(restByCardCents(t(3228, 0, 1500))).toBe(1728);
    expect(paidInFull(t(3228, 1728, 1500), 'card')).toEqual({ paidCents: 3228, cashRoundingCents: 0, changeDueCents: 0, method: 'mixed' });
  });

  it('a card part first leaves cash the rest, rounded', () => {
    // 32,28 € less 20,00 € by card: 12,28 € in cash is 12,30 €.
    expect(cashDueCents(t(3228, 2000, 0))).toBe(1230);
    expect(paidInFull(t(3228, 2000, 0), 'card')).toBeNull();
    expect(paidInFull(t(3228, 2000, 1220), 'cash')).toBeNull();
    expect(paidInFull(t(3228, 2000, 1300), 'cash')).toEqual({ paidCents: 3300, cashRoundingCents: 2, changeDueCents: 70, method: 'mixed' });
  });

  it('a coin that came while the card paid the rest is change', () => {
    expect(paidInFull(t(3228, 1728, 1700), 'card')).toEqual({ paidCents: 3428, cashRoundingCents: 0, changeDueCents: 200, method: 'mixed' });
  });

  it('a cash part that rounds to nothing is paid by the card part alone', () => {
    expect(cashDueCents(t(3228, 3227, 0))).toBe(0);
    expect(paidInFull(t(3228, 3227, 0), 'card')).toEqual({ paidCents: 3227, cashRoundingCents: -1, changeDueCents: 0, method: 'card' });
  });

  it('always closes: paid - change = amount + rounding, rounding within 2 cents, change never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 100 }), fc.array(fc.constantFrom(5, 10, 20, 50, 100, 200, 500), { maxLength: 40 }), (amount, cardShare, coins) => {
        const card = Math.floor((amount * cardShare) / 100);
        const credited = coins.reduce((s, c) => s + c, 0);
        for (const last of ['card', 'cash'] as const) {
          const paid = paidInFull(t(amount, card, credited), last);
          if (!paid) continue;
          expect(paid.paidCents - paid.changeDueCents).toBe(amount + paid.cashRoundingCents);
          expect(Math.abs(paid.cashRoundingCents)).toBeLessThanOrEqual(2);
          expect(paid.changeDueCents).toBeGreaterThanOrEqual(0);
        }
        // The card's rest after cash then always completes the payment exactly.
        const rest = restByCardCents(t(amount, card, credited));
        if (rest > 0) expect(paidInFull(t(amount, card + rest, credited), 'card')?.cashRoundingCents).toBe(0);
      }),
    );
  });
});

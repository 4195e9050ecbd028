import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exhaustiveFewestCoins as exhaustive } from './exhaustive-change.test-support.ts';
import { planPayout, replanPayout, type HopperLevel } from './payout-plan.ts';

const KIOSK: HopperLevel[] = [
  { id: 3, valueCents: 200, count: 10 },
  { id: 4, valueCents: 100, count: 10 },
  { id: 5, valueCents: 50, count: 10 },
  { id: 6, valueCents: 20, count: 10 },
  { id: 7, valueCents: 10, count: 10 },
];


describe('payout planning', () => {
  it('plans the fewest coins per hopper', () => {
    expect(planPayout(380, KIOSK)).toEqual({
      owedCents: 380,
      lines: [
        { id: 3, valueCents: 200, count: 1 },
        { id: 4, valueCents: 100, count: 1 },
        { id: 5, valueCents: 50, count: 1 },
        { id: 6, valueCents: 20, count: 1 },
        { id: 7, valueCents: 10, count: 1 },
      ],
      plannedCents: 380,
      voucherCents: 0,
    });
    expect(planPayout(0, KIOSK)).toEqual({ owedCents: 0, lines: [], plannedCents: 0, voucherCents: 0 });
  });

  it('is not greedy with limited coins', () => {
    const plan = planPayout(60, [{ id: 3, valueCents: 50, count: 1 }, { id: 4, valueCents: 20, count: 3 }]);
    expect(plan.lines).toEqual([{ id: 4, valueCents: 20, count: 3 }]);
  });

  it('shares one value between its hoppers, the fuller first', () => {
    const plan = planPayout(700, [{ id: 3, valueCents: 200, count: 1 }, { id: 9, valueCents: 200, count: 2 }, { id: 4, valueCents: 100, count: 5 }]);
    expect(plan.lines).toEqual([
      { id: 9, valueCents: 200, count: 2 },
      { id: 3, valueCents: 200, count: 1 },
      { id: 4, valueCents: 100, count: 1 },
    ]);
  });

  it('pays the largest exact amount and leaves the rest as a voucher', () => {
    expect(planPayout(130, [{ id: 3, valueCents: 50, count: 2 }, { id: 4, valueCents: 20, count: 1 }])).toMatchObject({ plannedCents: 120, voucherCents: 10 });
    expect(planPayout(30, [{ id: 3, valueCents: 20, count: 5 }])).toMatchObject({ lines: [{ id: 3, valueCents: 20, count: 1 }], voucherCents: 10 });
    expect(planPayout(70, [])).toMatchObject({ lines: [], plannedCents: 0, voucherCents: 70 });
  });

  it('re-plans the rest after a hopper ran empty or jammed', () => {
    // 2 € hopper paid 1 of 2 and stopped: the remaining 2 € come from the 1 € hopper.
    const rest = replanPayout(480, KIOSK, [{ id: 3, paid: 1, unpaid: 1 }]);
    expect(rest.owedCents).toBe(280);
    expect(rest.lines).toEqual([
      { id: 4, valueCents: 100, count: 2 },
      { id: 5, valueCents: 50, count: 1 },
      { id: 6, valueCents: 20, count: 1 },
      { id: 7, valueCents: 10, count: 1 },
    ]);
    // Nothing else can pay 10 c once the 10 c hopper jammed: a voucher.
    expect(replanPayout(30, KIOSK, [{ id: 6, paid: 1, unpaid: 0 }, { id: 7, paid: 0, unpaid: 1 }])).toMatchObject({ owedCents: 10, lines: [], voucherCents: 10 });
  });

  it('refuses bad levels', () => {
    expect(() => planPayout(10, [{ id: 3, valueCents: 10, count: 1 }, { id: 3, valueCents: 20, count: 1 }])).toThrow(expect.objectContaining({ code: 'INVALID_CASH_AMOUNT' }));
    expect(() => planPayout(-5, KIOSK)).toThrow(expect.objectContaining({ code: 'INVALID_CASH_AMOUNT' }));
    expect(() => replanPayout(10, KIOSK, [{ id: 99, paid: 1, unpaid: 0 }])).toThrow(expect.objectContaining({ code: 'INVALID_CASH_AMOUNT' }));
  });

  it('matches an exhaustive search: fewest coins, smallest voucher, never more than held', () => {
    const levels = fc.uniqueArray(fc.record({ id: fc.integer({ min: 3, max: 12 }), valueCents: fc.constantFrom(5, 10, 20, 50, 100, 200), count: fc.integer({ min: 0, max: 4 }) }), { selector: (h) => h.id, maxLength: 6 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1200 }), levels, (owed, hoppers) => {
        const plan = planPayout(owed, hoppers);
        const stock = new Map<number, number>();
        for (const h of hoppers) stock.set(h.valueCents, (stock.get(h.valueCents) ?? 0) + h.count);
        const entries = [...stock.entries()];
        for (const line of plan.lines) expect(line.count).toBeLessThanOrEqual(hoppers.find((h) => h.id === line.id)?.count ?? 0);
        expect(plan.lines.reduce((s, l) => s + l.count * l.valueCents, 0)).toBe(plan.plannedCents);
        expect(plan.plannedCents + plan.voucherCents).toBe(owed);
        expect(plan.lines.reduce((s, l) => s + l.count, 0)).toBe(exhaustive(plan.plannedCents, entries));
        for (let a = plan.plannedCents + 1; a <= owed; a++) expect(exhaustive(a, entries)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

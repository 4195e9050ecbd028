import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acceptableValues, acceptancePlan, canAccept, escrowDecision, judgeValue, type AcceptanceState } from './acceptance.ts';

const COINS = [5, 10, 20, 50, 100, 200];
const BILLS = [500, 1000, 2000, 5000];

/** Whether some combination of the coins makes `due` exactly, by trying them all. */
function exactlyPayable(due: number, stock: Array<[number, number]>): boolean {
  const walk = (i: number, rest: number): boolean => {
    if (rest === 0) return true;
    const entry = stock[i];
    if (!entry || rest < 0) return false;
    const [value, count] = entry;
    for (let k = 0; k <= count && k * value <= rest; k++) if (walk(i + 1, rest - k * value)) return true;
    return false;
  };
  return walk(0, due);
}

describe('acceptance policy', () => {
  const state = (dueCents: number, creditedCents: number, hopperStock: Record<number, number>): AcceptanceState => ({ dueCents, creditedCents, hopperStock });

  it.each([
    // due, credited, stock, values, acceptable
    [1250, 0, {}, BILLS, [500, 1000]],
    [1250, 0, { 50: 1, 200: 2 }, BILLS, [500, 1000]],
    [1250, 0, { 50: 1, 100: 1, 200: 3 }, BILLS, [500, 1000, 2000]],
    [1250, 0, { 100: 1, 200: 4 }, BILLS, [500, 1000]],
    [1250, 1000, {}, COINS, [5, 10, 20, 50, 100, 200]],
    [1250, 1100, {}, COINS, [5, 10, 20, 50, 100]],
    [1250, 1100, { 50: 1 }, COINS, [5, 10, 20, 50, 100, 200]],
    [1250, 1250, { 200: 10 }, COINS, []],
    [0, 0, { 200: 10 }, COINS, []],
    // 60 c from one 50 c and three 20 c is three 20 c: greedy would refuse the 1 € coin. The
    // 50 c coin is refused: 10 c of change cannot be made.
    [40, 0, { 50: 1, 20: 3 }, COINS, [5, 10, 20, 100]],
  ])('due %i, credited %i, stock %o', (due, credited, stock, values, expected) => {
    expect(acceptableValues(state(due, credited, stock), values)).toEqual(expected);
  });

  it('tells why a value is refused and what change it would owe', () => {
    expect(judgeValue(state(300, 0, {}), 200)).toEqual({ acceptable: true, changeCents: 0 });
    expect(judgeValue(state(300, 0, { 100: 2 }), 500)).toEqual({ acceptable: true, changeCents: 200 });
    expect(judgeValue(state(300, 0, { 100: 1 }), 500)).toEqual({ acceptable: false, reason: 'no-change', changeCents: 200 });
    expect(judgeValue(state(300, 300, { 100: 9 }), 100)).toEqual({ acceptable: false, reason: 'paid' });
  });

  it('decides stack or return for a bill in escrow, and plans both devices', () => {
    const s = state(1250, 0, { 50: 1, 200: 2 });
    expect(escrowDecision(s, 1000)).toBe('stack');
    expect(escrowDecision(s, 2000)).toBe('return');
    expect(acceptancePlan(s, { coinValuesCents: COINS, billValuesCents: BILLS })).toEqual({ coins: COINS, bills: [500, 1000] });
  });

  it('refuses amounts that are not integer cents', () => {
    expect(() => canAccept(state(-1, 0, {}), 100)).toThrow(expect.objectContaining({ code: 'INVALID_CASH_AMOUNT' }));
    expect(() => canAccept(state(100, 0.5, {}), 100)).toThrow(expect.objectContaining({ code: 'INVALID_CASH_AMOUNT' }));
    expect(() => canAccept(state(100, 0, {}), 0)).toThrow(expect.objectContaining({ code: 'INVALID_CASH_AMOUNT' }));
    expect(() => canAccept(state(100, 0, { 10: -1 }), 500)).toThrow(expect.objectContaining({ code: 'INVALID_CASH_AMOUNT' }));
  });

  it('accepts a value exactly when the change it would owe can be paid from the hoppers', () => {
    const stockArb = fc.array(fc.tuple(fc.constantFrom(...COINS), fc.integer({ min: 0, max: 4 })), { maxLength: 6 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), stockArb, fc.constantFrom(...COINS, ...BILLS), (due, credited, list, value) => {
        const stock: Record<number, number> = {};
        for (const [v, n] of list) stock[v] = (stock[v] ?? 0) + n;
        const entries = Object.entries(stock).map(([v, n]) => [Number(v), n] as [number, number]);
        const change = credited + value - due;
        const expected = credited < due && (change <= 0 || exactlyPayable(change, entries));
        expect(canAccept({ dueCents: due, creditedCents: credited, hopperStock: stock }, value)).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('never lets a payment end owing change the hoppers cannot pay', () => {
    // Citizens insert random acceptable values until paid: every step stays exactly changeable.
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 4000 }).map((d) => d - (d % 5)), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (due, counts, picks) => {
        const stock = Object.fromEntries(COINS.map((v, i) => [v, counts[i] ?? 0]));
        let credited = 0;
        for (const pick of picks) {
          const options = acceptableValues({ dueCents: due, creditedCents: credited, hopperStock: stock }, [...COINS, ...BILLS]);
          if (options.length === 0) break;
          credited += options[pick % options.length] ?? 0;
        }
        const change = credited - due;
        if (change > 0) expect(exactlyPayable(change, Object.entries(stock).map(([v, n]) => [Number(v), n]))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

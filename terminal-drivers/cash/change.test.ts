import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exhaustiveFewestCoins as exhaustive } from './exhaustive-change.test-support.ts';
import { changeFor, makeChange, parseStockArg } from './change.ts';


describe('change-making with limited coins', () => {
  it('is not greedy: 60 c from one 50 c and three 20 c is three 20 c', () => {
    expect(changeFor(60, { 50: 1, 20: 3 })).toEqual({ coins: { '20': 3 }, count: 3 });
  });

  it('uses the fewest coins', () => {
    expect(changeFor(380, { 200: 5, 100: 5, 50: 5, 20: 5, 10: 5 })).toEqual({ coins: { '200': 1, '100': 1, '50': 1, '20': 1, '10': 1 }, count: 5 });
    expect(changeFor(0, { 200: 1 })).toEqual({ coins: {}, count: 0 });
    expect(changeFor(30, { 25: 10, 10: 10, 1: 10 })).toEqual({ coins: { '10': 3 }, count: 3 });
  });

  it('says CANNOT_MAKE_CHANGE when no exact way exists', () => {
    expect(() => changeFor(30, { 20: 5 })).toThrow(expect.objectContaining({ code: 'CANNOT_MAKE_CHANGE' }));
    expect(() => changeFor(80, { 50: 1, 20: 1 })).toThrow(expect.objectContaining({ code: 'CANNOT_MAKE_CHANGE' }));
    expect(() => changeFor(5, {})).toThrow(expect.objectContaining({ code: 'CANNOT_MAKE_CHANGE' }));
  });

  it('refuses amounts and stocks that are not integer cents', () => {
    expect(() => changeFor(1.5, { 1: 2 })).toThrow(expect.objectContaining({ code: 'INVALID_CASH_AMOUNT' }));
    expect(() => changeFor(-1, { 1: 2 })).toThrow(expect.objectContaining({ code: 'INVALID_CASH_AMOUNT' }));
    expect(() => changeFor(5, { 1: -2 })).toThrow(expect.objectContaining({ code: 'INVALID_CASH_AMOUNT' }));
    expect(() => makeChange(5, new Map([[0, 2]]))).toThrow(expect.objectContaining({ code: 'INVALID_CASH_AMOUNT' }));
  });

  it('matches an exhaustive search on small stocks', () => {
    const stockArb = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 4 })), { maxLength: 5, selector: (t) => t[0] });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), stockArb, (due, stock) => {
        const expected = exhaustive(due, stock);
        let got: ReturnType<typeof makeChange> | null = null;
        try {
          got = makeChange(due, new Map(stock));
        } catch (e) {
          expect((e as { code: string }).code).toBe('CANNOT_MAKE_CHANGE');
        }
        if (expected === null) {
          expect(got).toBeNull();
          return;
        }
        expect(got).not.toBeNull();
        const have = new Map(stock);
        let sum = 0;
        let count = 0;
        for (const [v, n] of got ?? []) {
          expect(n).toBeGreaterThan(0);
          expect(n).toBeLessThanOrEqual(have.get(v) ?? 0);
          sum += v * n;
          count += n;
        }
        expect(sum).toBe(due);
        expect(count).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('is fast on kiosk-sized amounts', () => {
    const t = performance.now();
    for (let i = 0; i < 200; i++) makeChange(4985, { 200: 40, 100: 40, 50: 40, 20: 40, 10: 40, 5: 40 });
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it('parses the CLI stock argument', () => {
    expect(parseStockArg('200:3, 50:1,50:2')).toEqual({ 200: 3, 50: 3 });
    expect(() => parseStockArg('200=3')).toThrow(expect.objectContaining({ code: 'INVALID_CASH_AMOUNT' }));
    expect(() => parseStockArg('0:3')).toThrow(expect.objectContaining({ code: 'INVALID_CASH_AMOUNT' }));
  });
});

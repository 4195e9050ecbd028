import { describe, expect, it } from 'vitest';
import { MoneyError, assertCents, formatEuro, roundCashTotal } from './money.ts';

const NBSP = '\u00a0';

describe('formatEuro', () => {
  it.each([
    [3228, `32,28${NBSP}€`],
    [0, `0,00${NBSP}€`],
    [5, `0,05${NBSP}€`],
    [3615, `36,15${NBSP}€`],
    [12_345_678, `123.456,78${NBSP}€`],
    [-500, `-5,00${NBSP}€`],
  ])('%i cents → %s', (cents, text) => {
    expect(formatEuro(cents)).toBe(text);
  });

  it('follows the locale', () => {
    expect(formatEuro(3228, 'en-GB')).toBe('€32.28');
    expect(formatEuro(3228, 'de-DE')).toBe(`32,28${NBSP}€`);
  });

  it('refuses anything but integer cents', () => {
    expect(() => formatEuro(32.28)).toThrow(MoneyError);
    expect(() => formatEuro(Number.NaN)).toThrow(MoneyError);
    expect(() => formatEuro(Number.POSITIVE_INFINITY)).toThrow(MoneyError);
  });
});

describe('assertCents', () => {
  it('passes integers and rejects the rest', () => {
    expect(() => assertCents(3615)).not.toThrow();
    expect(() => assertCents(0.1 + 0.2)).toThrow(MoneyError);
    expect(() => assertCents('3615')).toThrow(MoneyError);
    expect(() => assertCents(2 ** 53)).toThrow(MoneyError);
  });
  it('has a stable code', () => {
    try {
      assertCents(1.5);
    } catch (e) {
      expect((e as MoneyError).code).toBe('MONEY_NOT_CENTS');
    }
  });
});

describe('cash rounding', () => {
  it('rounds a cash total to the nearest 5 cents as the law says', () => {
    const endings = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => roundCashTotal(3220 + d) - 3220);
    expect(endings).toEqual([0, 0, 0, 5, 5, 5, 5, 5, 10, 10]);
    expect(roundCashTotal(3228)).toBe(3230);
    expect(roundCashTotal(0)).toBe(0);
    expect(() => roundCashTotal(1.5)).toThrow();
  });
});

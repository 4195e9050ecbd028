import { describe, expect, it } from 'vitest';
import { roundCashTotal } from '@cup-kiosk/sync-service/domain';
import { cashRounded } from './cash-rounding.ts';

describe('cashRounded', () => {
  it('is the domain’s cash rounding', () => {
    for (let cents = 0; cents <= 20_000; cents++) expect(cashRounded(cents), String(cents)).toBe(roundCashTotal(cents));
  });

  it('rounds endings 1, 2, 6, 7 down and 3, 4, 8, 9 up', () => {
    expect([3221, 3222, 3223, 3224, 3226, 3227, 3228, 3229].map(cashRounded)).toEqual([3220, 3220, 3225, 3225, 3225, 3225, 3230, 3230]);
  });
});

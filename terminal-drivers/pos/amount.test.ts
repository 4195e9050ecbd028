import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountToCents, centsToAmount, isPayableCents, MAX_AMOUNT_CENTS } from './amount.ts';

describe('nexo amounts ↔ cents', () => {
  it('round-trips every amount through the JSON text the terminal sees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_CENTS }), (cents) => {
        const wire = JSON.stringify({ RequestedAmount: centsToAmount(cents) });
        const back = (JSON.parse(wire) as { RequestedAmount: number }).RequestedAmount;
        expect(amountToCents(back)).toBe(cents);
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes the decimal digits exactly, with no float residue', () => {
    expect(JSON.stringify(centsToAmount(1234))).toBe('12.34');
    expect(JSON.stringify(centsToAmount(5))).toBe('0.05');
    expect(JSON.stringify(centsToAmount(1000))).toBe('10');
    expect(JSON.stringify(centsToAmount(MAX_AMOUNT_CENTS))).toBe('99999999.99');
    // 0.1 + 0.2 is the classic: the float sum is not 0.3, the text path never adds floats.
    expect(amountToCents(0.1 + 0.2)).toBe('sub-cent');
    expect(amountToCents(JSON.parse('0.30'))).toBe(30);
    expect(amountToCents(JSON.parse('1.1'))).toBe(110);
    expect(amountToCents(JSON.parse('1.10'))).toBe(110);
    expect(amountToCents(JSON.parse('19.99'))).toBe(1999);
  });

  it('refuses what is not whole cents in range', () => {
    expect(amountToCents(12.345)).toBe('sub-cent');
    expect(amountToCents(1e-7)).toBe('sub-cent');
    expect(amountToCents(-1)).toBe('negative');
    expect(amountToCents(100_000_000)).toBe('too-large');
    expect(amountToCents(1e21)).toBe('too-large');
    expect(amountToCents('12.34')).toBe('not-a-number');
    expect(amountToCents(Number.NaN)).toBe('not-a-number');
    expect(isPayableCents(0)).toBe(false);
    expect(isPayableCents(1.5)).toBe(false);
    expect(isPayableCents(MAX_AMOUNT_CENTS + 1)).toBe(false);
    expect(isPayableCents(1)).toBe(true);
  });
});

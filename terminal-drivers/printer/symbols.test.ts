import { describe, expect, it } from 'vitest';
import { CODE128_PATTERNS, CODE39_PATTERNS, code128Widths, code39Widths, placeImage, barsToImage, qrModules } from './symbols.ts';

const sum = (s: string): number => [...s].reduce((a, c) => a + Number(c), 0);

describe('symbols', () => {
  it('has 107 Code 128 patterns of 11 modules, the stop of 13', () => {
    expect(CODE128_PATTERNS).toHaveLength(107);
    CODE128_PATTERNS.slice(0, 106).forEach((p) => expect(sum(p)).toBe(11));
    expect(sum(CODE128_PATTERNS[106]!)).toBe(13);
    expect(new Set(CODE128_PATTERNS).size).toBe(107);
  });

  it('has Code 39 patterns of 9 elements, 3 wide', () => {
    for (const p of Object.values(CODE39_PATTERNS)) {
      expect(p).toHaveLength(9);
      expect([...p].filter((c) => c === 'w')).toHaveLength(3);
    }
  });

  it('computes the Code 128 check digit (set C 123456 → 44)', () => {
    const w = code128Widths('123456');
    // start C, 3 data symbols, check, stop: 5·6 + 7 elements
    expect(w).toHaveLength(37);
    expect(w.slice(24, 30).join('')).toBe(CODE128_PATTERNS[44]);
    expect(w.slice(0, 6).join('')).toBe(CODE128_PATTERNS[105]);
  });

  it('uses set B with its start symbol for text', () => {
    expect(code128Widths('Ab').slice(0, 6).join('')).toBe(CODE128_PATTERNS[104]);
  });

  it('wraps Code 39 in * start/stop', () => {
    const w = code39Widths('A');
    expect(w).toHaveLength(9 * 3 + 2);
  });

  it('builds images and places them', () => {
    const img = barsToImage([1, 1, 2], 2, 3);
    expect(img.width).toBe(8);
    expect([...img.bits.subarray(0, 8)]).toEqual([1, 1, 0, 0, 1, 1, 1, 1]);
    const placed = placeImage(img, 20, 'center');
    expect(placed.width).toBe(14);
    expect(qrModules('hello').length).toBe(21);
  });
});

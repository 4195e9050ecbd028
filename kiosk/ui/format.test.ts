import { describe, expect, it } from 'vitest';
import { euroIn, longDate, latinDigits, minutesSeconds, romeDay } from './format.ts';

// Band limits and dates in the citizen's language, with the digits of the Italian documents.

describe('euroIn', () => {
  it('writes whole euros the way each language does', () => {
    expect(euroIn(3_615_200, 'it-IT')).toBe('36.152\u00a0€');
    expect(euroIn(3_615_200, 'en-GB')).toBe('€36,152');
    expect(euroIn(10_000_000, 'de-DE')).toBe('100.000\u00a0€');
    expect(euroIn(7_000_000, 'fr-FR')).toBe('70\u202f000\u00a0€');
  });

  it('keeps Latin digits in Arabic and shows cents only when there are some', () => {
    const ar = euroIn(3_615_200, 'ar');
    expect(ar).toMatch(/36[^0-9]?152/);
    expect(ar).not.toMatch(/[\u0660-\u0669]/);
    expect(euroIn(3_615_198, 'it-IT')).toBe('36.151,98\u00a0€');
  });

  it('gives dates with Latin digits too', () => {
    expect(longDate('2026-12-03', latinDigits('ar'))).not.toMatch(/[\u0660-\u0669]/);
    expect(longDate('2026-12-03', latinDigits('ar'))).toContain('2026');
  });
});

describe('romeDay and minutesSeconds', () => {
  it('names the day an instant falls on in Rome, in the language asked', () => {
    // 23:30 UTC on 12 December is already the 13th in Rome.
    expect(romeDay('2026-12-12T23:30:00Z')).toBe('domenica 13 dicembre');
    expect(romeDay('2026-12-12T23:30:00Z', 'en-GB')).toBe('Sunday 13 December');
  });

  it('counts down in minutes and seconds, rounding up and stopping at zero', () => {
    expect(minutesSeconds(600_000)).toBe('10:00');
    expect(minutesSeconds(59_001)).toBe('01:00');
    expect(minutesSeconds(9_000)).toBe('00:09');
    expect(minutesSeconds(-5)).toBe('00:00');
  });
});

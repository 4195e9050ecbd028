import { describe, expect, it } from 'vitest';
import { addRomeDays, romeWallTime, romeWallTimeToInstant, todayInRome } from './rome-time.ts';

describe('todayInRome', () => {
  it.each([
    ['2020-08-31T21:59:59Z', '2020-08-31'], // 23:59:59 CEST
    ['2020-08-31T22:00:00Z', '2020-09-01'], // midnight in Rome: demo-4 starts
    ['2026-12-31T23:00:00Z', '2027-01-01'], // midnight CET
    ['2026-12-31T22:59:59Z', '2026-12-31'],
  ])('%s → %s', (instant, date) => {
    expect(todayInRome(new Date(instant))).toBe(date);
  });
});

describe('addRomeDays', () => {
  it('keeps the wall-clock time across daylight saving', () => {
    // 09:00 CET on 20 March 2026 → 09:00 CEST on 30 March.
    expect(addRomeDays(new Date('2026-03-20T08:00:00Z'), 10).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    // 09:00 CEST on 20 October 2026 → 09:00 CET on 30 October.
    expect(addRomeDays(new Date('2026-10-20T07:00:00Z'), 10).toISOString()).toBe('2026-10-30T08:00:00.000Z');
  });
  it('adds whole days when no change intervenes', () => {
    expect(addRomeDays(new Date('2026-06-01T10:15:30.250Z'), 30).toISOString()).toBe('2026-07-01T10:15:30.250Z');
  });
});

describe('Rome wall time', () => {
  it.each([
    ['2026-12-14T09:30', '2026-12-14T08:30:00.000Z'], // CET
    ['2026-06-01T10:00', '2026-06-01T08:00:00.000Z'], // CEST
    ['2026-03-30T09:00', '2026-03-30T07:00:00.000Z'], // the day after spring forward
    ['2026-10-26T09:00', '2026-10-26T08:00:00.000Z'], // the day after fall back
  ])('%s is %s and back', (local, instant) => {
    expect(romeWallTimeToInstant(local).toISOString()).toBe(instant);
    expect(romeWallTime(new Date(instant))).toBe(local);
  });
  it('answers an invalid date for text that is not a wall time', () => {
    expect(Number.isNaN(romeWallTimeToInstant('2026-12-14 09:30').getTime())).toBe(true);
  });
});

import fc from 'fast-check';
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

describe('the wall clock, worked out once per hour', () => {
  const reference = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  /** `YYYY-MM-DD HH:mm:ss` straight from the time-zone database. */
  const expected = (at: Date) => reference.format(at);

  it('agrees with the time-zone database at any instant, daylight-saving changes included', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T23:59:59Z'), noInvalidDate: true }), (at) => {
        expect(`${todayInRome(at)} ${romeWallTime(at).slice(11)}`.slice(0, 16)).toBe(expected(at).slice(0, 16));
      }),
      { numRuns: 2000 },
    );
    // The seconds either side of both changes of 2026, in the same hour bucket as the change.
    for (const iso of ['2026-03-29T00:59:59Z', '2026-03-29T01:00:00Z', '2026-10-25T00:59:59Z', '2026-10-25T01:00:00Z', '2026-10-25T01:59:59Z']) {
      const at = new Date(iso);
      expect(`${todayInRome(at)} ${romeWallTime(at).slice(11)}`.slice(0, 16)).toBe(expected(at).slice(0, 16));
    }
  });

  it('still refuses an invalid date', () => {
    expect(() => todayInRome(new Date(Number.NaN))).toThrow(RangeError);
  });
});

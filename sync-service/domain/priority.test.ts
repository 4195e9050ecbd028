import { describe, expect, it } from 'vitest';
import { priorityDeadline } from './priority.ts';

// 10:00 in Rome (CEST) on 1 June 2026.
const AT = new Date('2026-06-01T08:00:00Z');

describe('priorityDeadline', () => {
  it.each([
    ['U', 'visit', '2026-06-04T08:00:00.000Z'],
    ['U', 'test', '2026-06-04T08:00:00.000Z'],
    ['B', 'visit', '2026-06-11T08:00:00.000Z'],
    ['B', 'test', '2026-06-11T08:00:00.000Z'],
    ['D', 'visit', '2026-07-01T08:00:00.000Z'],
    ['D', 'test', '2026-07-31T08:00:00.000Z'],
    ['P', 'visit', '2026-09-29T08:00:00.000Z'],
    ['P', 'test', '2026-09-29T08:00:00.000Z'],
  ] as const)('%s %s → %s', (priority, kind, deadline) => {
    expect(priorityDeadline(priority, kind, AT).toISOString()).toBe(deadline);
  });

  it('counts days on the Rome calendar across daylight saving', () => {
    // P from 10:00 CEST on 1 September ends at 10:00 CET on 30 December.
    expect(priorityDeadline('P', 'visit', new Date('2026-09-01T08:00:00Z')).toISOString()).toBe('2026-12-30T09:00:00.000Z');
    // U is 72 elapsed hours even across the change.
    expect(priorityDeadline('U', 'visit', new Date('2026-10-24T08:00:00Z')).toISOString()).toBe('2026-10-27T08:00:00.000Z');
  });

  it('takes regional configuration class by class', () => {
    const config = { B: { visit: { days: 7 }, test: { days: 7 } }, P: { visit: { days: 180 }, test: { days: 180 } } };
    expect(priorityDeadline('B', 'visit', AT, config).toISOString()).toBe('2026-06-08T08:00:00.000Z');
    expect(priorityDeadline('P', 'test', AT, config).toISOString()).toBe('2026-11-28T09:00:00.000Z');
    expect(priorityDeadline('D', 'test', AT, config).toISOString()).toBe('2026-07-31T08:00:00.000Z');
    expect(priorityDeadline('U', 'visit', AT, { U: { visit: { hours: 48 }, test: { hours: 48 } } }).toISOString()).toBe('2026-06-03T08:00:00.000Z');
  });

  it('refuses an invalid request time', () => {
    expect(() => priorityDeadline('B', 'visit', new Date('nope'))).toThrow();
  });
});

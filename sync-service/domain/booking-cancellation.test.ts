import { describe, expect, it } from 'vitest';
import { cancellationCutoff, cancellationTiming } from './booking-cancellation.ts';

describe('cancellationTiming', () => {
  // 10:00 in Rome on 2026-12-10 is 09:00 UTC (winter time).
  const startsAt = '2026-12-10T10:00';

  it('is in time up to exactly 48 hours before the start', () => {
    expect(cancellationTiming(startsAt, new Date('2026-12-08T09:00:00Z'))).toBe('in-time');
    expect(cancellationTiming(startsAt, new Date('2026-12-01T00:00:00Z'))).toBe('in-time');
  });

  it('is late inside the 48 hours and started from the start on', () => {
    expect(cancellationTiming(startsAt, new Date('2026-12-08T09:00:01Z'))).toBe('late');
    expect(cancellationTiming(startsAt, new Date('2026-12-10T08:59:59Z'))).toBe('late');
    expect(cancellationTiming(startsAt, new Date('2026-12-10T09:00:00Z'))).toBe('started');
    expect(cancellationTiming(startsAt, new Date('2026-12-11T09:00:00Z'))).toBe('started');
  });

  it('takes a region cut-off and counts summer time', () => {
    // 10:00 in Rome on 2026-07-10 is 08:00 UTC.
    expect(cancellationTiming('2026-07-10T10:00', new Date('2026-07-09T08:00:00Z'), 24)).toBe('in-time');
    expect(cancellationTiming('2026-07-10T10:00', new Date('2026-07-09T08:00:01Z'), 24)).toBe('late');
  });

  it('treats a start that does not parse as started', () => {
    expect(cancellationTiming('tomorrow', new Date('2026-12-01T00:00:00Z'))).toBe('started');
  });

  it('gives the cut-off instant', () => {
    expect(cancellationCutoff(startsAt).toISOString()).toBe('2026-12-08T09:00:00.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { IncomeBandPayloadSchema } from '@cup-kiosk/sync-service/protocol';
import { incomeBandPayload, newerDeclaration } from './income-band-payload.ts';

// What the terminal enqueues is what the central reads, and the newer of two declarations is
// the one the central would answer.

const input = { declarationId: 'd-1', taxCode: 'RSSMRA85T10A562S', band: 2, terminalId: 'K-1', statement: 'autocert-reddito-v1' } as const;

describe('income band payload', () => {
  it('parses with the central schema, dated by the Rome calendar', () => {
    // 23:30 UTC on 31 December is already 1 January in Rome.
    const p = incomeBandPayload({ ...input, at: new Date('2026-12-31T23:30:00Z') });
    expect(p).toEqual({ ...input, declaredOn: '2027-01-01', declaredAt: '2026-12-31T23:30:00.000Z' });
    const parsed = IncomeBandPayloadSchema.safeParse(p);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('is refused by the central schema for a code that is not normalised', () => {
    const p = incomeBandPayload({ ...input, taxCode: 'rssmra85t10a562s', at: new Date('2026-12-03T10:00:00Z') });
    expect(IncomeBandPayloadSchema.safeParse(p).success).toBe(false);
  });
});

describe('newerDeclaration', () => {
  const d = (band: 1 | 2 | 3 | 4, declaredOn: string, declaredAt: string) => ({ band, declaredOn, declaredAt });

  it('takes the one there is, or none', () => {
    const a = d(2, '2026-12-03', '2026-12-03T10:00:00.000Z');
    expect(newerDeclaration(a, null)).toBe(a);
    expect(newerDeclaration(null, a)).toBe(a);
    expect(newerDeclaration(null, null)).toBeNull();
  });

  it('takes the later date, whatever the instants say', () => {
    const older = d(3, '2026-12-02', '2026-12-02T23:59:00.000Z');
    const newer = d(1, '2026-12-03', '2026-12-02T23:01:00.000Z'); // 00:01 in Rome
    expect(newerDeclaration(older, newer)).toBe(newer);
    expect(newerDeclaration(newer, older)).toBe(newer);
  });

  it('orders one day by instant, comparing times rather than text', () => {
    const morning = d(3, '2026-12-03', '2026-12-03T09:00:00.000Z');
    // 10:30 in Rome, written with its offset: later than 09:00 UTC although it sorts first as text.
    const later = d(1, '2026-12-03', '2026-12-03T10:30:00+01:00');
    expect(newerDeclaration(morning, later)).toBe(later);
    expect(newerDeclaration(later, morning)).toBe(later);
  });

  it('keeps the first of two with the same instant: the same declaration seen twice', () => {
    const here = d(2, '2026-12-03', '2026-12-03T09:00:00.000Z');
    const synced = { ...here };
    expect(newerDeclaration(here, synced)).toBe(here);
  });
});

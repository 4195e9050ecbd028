import { describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE } from './catalogue/demo-catalogue.ts';
import { DEMO_BOOKINGS, demoBooking } from './demo/bookings.ts';
import { QuoteError } from './quote.ts';
import { quoteBooking } from './quote-booking.ts';
import { DEMO_RULE_SETS } from './rules/demo-rules.ts';
import type { Booking } from './types.ts';

function booking(code: string): Booking {
  const b = demoBooking(code);
  if (!b) throw new Error(`no demo booking ${code}`);
  return b;
}

const TODAY = '2026-12-01';

describe('quoteBooking on the demo bookings', () => {
  it('a cardiology visit and ECG under the cap', () => {
    expect(quoteBooking(booking('123456789092'), TODAY, null, DEMO_RULE_SETS)).toEqual({
      ruleVersion: 'demo-4',
      amountDueCents: 3228,
      services: [
        { code: '89.7A.3', description: 'Prima visita cardiologica', tariffCents: 2066, exempt: false },
        { code: '89.52', description: 'Elettrocardiogramma', tariffCents: 1162, exempt: false },
      ],
    });
  });

  it('an ultrasound over the cap pays the cap', () => {
    expect(quoteBooking(booking('070000000143'), TODAY, null, DEMO_RULE_SETS).amountDueCents).toBe(3615);
  });

  it('exemption 013 frees the diabetology visit and HbA1c, not TSH', () => {
    const q = quoteBooking(booking('070000000240'), TODAY, null, DEMO_RULE_SETS);
    expect(q.amountDueCents).toBe(1170);
    expect(q.services.map((s) => [s.code, s.exempt])).toEqual([
      ['89.7A.8', true],
      ['90.28.1', true],
      ['90.42.1', false],
    ]);
    // Under demo-3 only the prescription with TSH pays the band quota.
    expect(quoteBooking(booking('070000000240'), '2015-06-01', 2, DEMO_RULE_SETS)).toMatchObject({ ruleVersion: 'demo-3', amountDueCents: 1170 + 500 });
  });

  it('intramoenia pays the full fee, with no exemption and no quota', () => {
    const b = booking('070000000337');
    expect(quoteBooking(b, TODAY, null, DEMO_RULE_SETS)).toEqual({
      ruleVersion: 'demo-4',
      amountDueCents: 12000,
      services: [{ code: '89.26.1', description: 'Prima visita ginecologica (libera professione)', tariffCents: 12000, exempt: false }],
    });
    const withExemption = { ...b, exemptions: ['E01'] };
    expect(quoteBooking(withExemption, '2011-08-01', 4, DEMO_RULE_SETS)).toMatchObject({ ruleVersion: 'demo-2', amountDueCents: 12000 });
  });

  it('reports no rules in force for intramoenia too', () => {
    expect(() => quoteBooking(booking('070000000337'), '2010-01-01', null, DEMO_RULE_SETS)).toThrow(QuoteError);
  });

  it('every demo booking respects the prescription rules of the catalogue', () => {
    for (const b of DEMO_BOOKINGS) expect(() => quoteBooking(b, TODAY, null, DEMO_RULE_SETS, { catalogue: DEMO_CATALOGUE })).not.toThrow();
  });
});

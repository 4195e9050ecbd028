import { describe, expect, it } from 'vitest';
import { DEMO_RULE_SETS } from '@cup-kiosk/sync-service/domain';
import { INCOME_BAND_LIMITS, isIncomeBand } from './income-band-form.ts';

describe('the income-band form', () => {
  it('offers the bands of the rule set that charges by band, with its limits', () => {
    const demo3 = DEMO_RULE_SETS.find((r) => r.version === 'demo-3')!;
    expect(INCOME_BAND_LIMITS).toEqual(demo3.incomeBands!.bands.map(({ band, upToCents }) => ({ band, upToCents })));
  });

  it('knows a band only as the numbers 1 to 4', () => {
    expect([1, 2, 3, 4].every(isIncomeBand)).toBe(true);
    for (const x of [0, 5, 2.5, '2', null, undefined, NaN]) expect(isIncomeBand(x), String(x)).toBe(false);
  });
});

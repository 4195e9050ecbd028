import { describe, expect, it } from 'vitest';
import { declaredIncomeBand } from './income-band.ts';
import type { IncomeBandDeclaration } from './types.ts';

const MARIO = 'RSSMRA85T10A562S';
const DECLARATIONS: IncomeBandDeclaration[] = [
  { taxCode: MARIO, band: 3, declaredOn: '2011-09-30', where: 'kiosk-ge-001' },
  { taxCode: 'BNCGLI90E50H501O', band: 1, declaredOn: '2011-10-01', where: 'desk-asl3-12' },
  { taxCode: MARIO, band: 2, declaredOn: '2012-02-15', where: 'pharmacy-ge-044' },
];

describe('declaredIncomeBand', () => {
  it.each([
    ['2011-09-29', null],
    ['2011-09-30', 3],
    ['2012-02-14', 3],
    ['2012-02-15', 2],
    ['2020-01-01', 2],
  ])('for Mario on %s → %s', (date, band) => {
    expect(declaredIncomeBand(DECLARATIONS, MARIO, date)).toBe(band);
  });
  it('keeps citizens apart', () => {
    expect(declaredIncomeBand(DECLARATIONS, 'KVLLNO72C55Z138F', '2020-01-01')).toBeNull();
    expect(declaredIncomeBand(DECLARATIONS, 'BNCGLI90E50H501O', '2020-01-01')).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE, catalogueIndex } from './demo-catalogue.ts';

describe('demo catalogue', () => {
  it('holds a few dozen services with unique codes', () => {
    expect(DEMO_CATALOGUE.length).toBeGreaterThanOrEqual(30);
    expect(catalogueIndex(DEMO_CATALOGUE).size).toBe(DEMO_CATALOGUE.length);
  });
  it('has integer, positive tariffs and Italian descriptions', () => {
    for (const s of DEMO_CATALOGUE) {
      expect(Number.isSafeInteger(s.tariffCents) && s.tariffCents > 0, s.code).toBe(true);
      expect(s.description.length).toBeGreaterThan(3);
    }
  });
  it('has the services the examples name', () => {
    const index = catalogueIndex(DEMO_CATALOGUE);
    expect(index.get('89.7')).toMatchObject({ kind: 'visit', tariffCents: 2066 });
    expect(index.get('89.52')).toMatchObject({ branch: 'cardiology', kind: 'test' });
    expect(index.get('90.28.1')).toMatchObject({ branch: 'laboratory', kind: 'test' });
    expect(index.get('95.09.1')).toMatchObject({ branch: 'ophthalmology', kind: 'test' });
    expect(index.get('88.76.1')).toMatchObject({ branch: 'radiology', kind: 'test' });
    expect(index.get('89.7A.8')).toMatchObject({ branch: 'diabetology', kind: 'visit' });
  });
});

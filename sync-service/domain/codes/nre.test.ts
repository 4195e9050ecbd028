import { describe, expect, it } from 'vitest';
import { joinNreParts, nrePart, NRE_REGIONS, parseNre } from './nre.ts';
import type { NreError } from './errors.ts';

describe('NRE', () => {
  it('reads the region and keeps the assigned characters whatever they are', () => {
    expect(parseNre('0700A4001234567')).toEqual({ nre: '0700A4001234567', region: '070', regionName: 'Liguria' });
    expect(parseNre(' 0800b4001234567 ').nre).toBe('0800B4001234567');
    expect(parseNre('13012ZZ00012345').region).toBe('130');
  });

  it('knows every region and both autonomous provinces', () => {
    expect(Object.keys(NRE_REGIONS)).toHaveLength(21);
    expect(NRE_REGIONS['041']).toMatch(/Bolzano/);
    expect(NRE_REGIONS['042']).toMatch(/Trento/);
    expect(NRE_REGIONS['040']).toBeUndefined();
  });

  it('tells a bad format from an unknown region', () => {
    const err = (t: string): NreError => {
      try {
        parseNre(t);
      } catch (e) {
        return e as NreError;
      }
      throw new Error('no error');
    };
    expect(err('0700A400123456').check).toBe('format');
    expect(err('0700A40012345_7').check).toBe('format');
    expect(err('A700A4001234567').check).toBe('format');
    expect(err('2100A4001234567')).toMatchObject({ code: 'BAD_NRE', check: 'region' });
    expect(err('0400A4001234567').check).toBe('region');
  });

  it('joins the memo barcodes in either order', () => {
    expect(joinNreParts('0700A', '4001234567').nre).toBe('0700A4001234567');
    expect(joinNreParts('4001234567', '0700a').nre).toBe('0700A4001234567');
    expect(() => joinNreParts('0700A4', '001234567')).toThrow(expect.objectContaining({ check: 'parts' }));
  });

  it('names a lone memo barcode', () => {
    expect(nrePart('0700A')).toBe('head');
    expect(nrePart('9990A')).toBe(null);
    expect(nrePart('4001234567')).toBe('tail');
    expect(nrePart('400123456')).toBe(null);
  });
});

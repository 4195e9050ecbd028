import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OMOCODE_LETTERS, TAX_CODE_DIGIT_PLACES, TAX_CODE_MONTHS, TaxCodeError, parseTaxCode, taxCodeCheckChar } from './tax-code.ts';

const TODAY = new Date('2026-06-01T10:00:00Z');

function codeOf(text: string, today = TODAY): string {
  try {
    parseTaxCode(text, today);
    return 'OK';
  } catch (e) {
    if (!(e instanceof TaxCodeError)) throw e;
    return e.code;
  }
}

/** Builds the first 15 characters of a codice fiscale and appends its check letter. */
function withCheck(first15: string): string {
  return first15 + taxCodeCheckChar(first15);
}

describe('parseTaxCode on known codes', () => {
  it('reads a man born in Rome', () => {
    expect(parseTaxCode('RSSMRA85T10A562S', TODAY)).toEqual({ taxCode: 'RSSMRA85T10A562S', sex: 'M', birthDate: '1985-12-10', birthplaceCode: 'A562', omocode: false });
  });
  it('reads an omocode and gives the birthplace with digits', () => {
    expect(parseTaxCode('VRDGPP50H22D96VF', TODAY)).toEqual({ taxCode: 'VRDGPP50H22D96VF', sex: 'M', birthDate: '1950-06-22', birthplaceCode: 'D969', omocode: true });
  });
  it('reads a woman born abroad', () => {
    expect(parseTaxCode('KVLLNO72C55Z138F', TODAY)).toEqual({ taxCode: 'KVLLNO72C55Z138F', sex: 'F', birthDate: '1972-03-15', birthplaceCode: 'Z138', omocode: false });
  });
  it('ignores case and surrounding white space', () => {
    expect(parseTaxCode('  rssmra85t10a562s\n', TODAY).taxCode).toBe('RSSMRA85T10A562S');
  });
  it('computes the check character of the first 15', () => {
    expect(taxCodeCheckChar('RSSMRA85T10A562')).toBe('S');
    expect(taxCodeCheckChar('VRDGPP50H22D96V')).toBe('F');
    expect(() => taxCodeCheckChar('RSSMRA85T10A56')).toThrow(TaxCodeError);
  });
});

describe('parseTaxCode rejections', () => {
  it.each([
    ['', 'TAX_CODE_FORMAT'],
    ['RSSMRA85T10A562', 'TAX_CODE_FORMAT'],
    ['RSSMRA85T10A562SX', 'TAX_CODE_FORMAT'],
    ['RSS MRA85T10A562S', 'TAX_CODE_FORMAT'],
    ['RSSMRA8AT10A562S', 'TAX_CODE_FORMAT'], // A is no omocodia letter
    ['RSSMR185T10A562S', 'TAX_CODE_FORMAT'], // digit in the name
    ['RSSMRA85T10A562T', 'TAX_CODE_CHECK'],
    [withCheck('RSSMRA85F10A562'), 'TAX_CODE_MONTH'],
    [withCheck('RSSMRA85T00A562'), 'TAX_CODE_DAY'],
    [withCheck('RSSMRA85T32A562'), 'TAX_CODE_DAY'],
    [withCheck('RSSMRA85T40A562'), 'TAX_CODE_DAY'],
    [withCheck('RSSMRA85T72A562'), 'TAX_CODE_DAY'],
    [withCheck('RSSMRA85B30A562'), 'TAX_CODE_DATE'], // 30 February
    [withCheck('RSSMRA85D31A562'), 'TAX_CODE_DATE'], // 31 April
    [withCheck('RSSMRA85B69A562'), 'TAX_CODE_DATE'], // a woman born 29 February 1985
  ])('%s → %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseTaxCode(withCheck('RSSMRA84B29A562'), TODAY).birthDate).toBe('1984-02-29');
    expect(parseTaxCode(withCheck('RSSMRA00B69A562'), TODAY).birthDate).toBe('2000-02-29');
    // Before 1 March 2000 the same code means 1900, not a leap year.
    expect(codeOf(withCheck('RSSMRA00B69A562'), new Date('2000-02-28T12:00:00Z'))).toBe('TAX_CODE_DATE');
  });

  it('accepts omocodia letters in every digit place', () => {
    const info = parseTaxCode(withCheck('RSSMRAURTMLARSN'), TODAY);
    expect(info).toMatchObject({ sex: 'M', birthDate: '1985-12-10', birthplaceCode: 'A562', omocode: true });
  });
});

describe('century', () => {
  it('takes the latest century that does not put the birth in the future', () => {
    const code = withCheck('FRRLCU26H01D969'); // 1 June of year 26
    expect(parseTaxCode(code, new Date('2026-06-01T10:00:00Z')).birthDate).toBe('2026-06-01');
    expect(parseTaxCode(code, new Date('2026-05-31T10:00:00Z')).birthDate).toBe('1926-06-01');
  });
  it('uses the Rome calendar date of `today`', () => {
    const code = withCheck('FRRLCU26H01D969');
    // 22:30 UTC on 31 May is already 1 June in Rome.
    expect(parseTaxCode(code, new Date('2026-05-31T22:30:00Z')).birthDate).toBe('2026-06-01');
  });
});

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const letter = fc.constantFrom(...LETTERS);
const isoOf = (d: Date): string => d.toISOString().slice(0, 10);

/** A valid code with what it must parse to; birth dates within the century before TODAY. */
const validTaxCode = fc
  .record({
    names: fc.array(letter, { minLength: 6, maxLength: 6 }),
    birth: fc.date({ min: new Date('1926-06-02T00:00:00Z'), max: new Date('2026-06-01T00:00:00Z'), noInvalidDate: true }),
    sex: fc.constantFrom<'M' | 'F'>('M', 'F'),
    placeLetter: letter,
    placeDigits: fc.integer({ min: 0, max: 999 }),
    omocode: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
  })
  .map(({ names, birth, sex, placeLetter, placeDigits, omocode }) => {
    const day = birth.getUTCDate() + (sex === 'F' ? 40 : 0);
    const birthplaceCode = placeLetter + String(placeDigits).padStart(3, '0');
    const plain = `${names.join('')}${String(birth.getUTCFullYear() % 100).padStart(2, '0')}${TAX_CODE_MONTHS.charAt(birth.getUTCMonth())}${String(day).padStart(2, '0')}${birthplaceCode}`;
    const chars = [...plain];
    TAX_CODE_DIGIT_PLACES.forEach((place, k) => {
      if (omocode[k]) chars[place] = OMOCODE_LETTERS.charAt(Number(chars[place]));
    });
    const taxCode = withCheck(chars.join(''));
    return { taxCode, expected: { taxCode, sex, birthDate: isoOf(birth), birthplaceCode, omocode: omocode.some(Boolean) } };
  });

describe('properties', () => {
  it('every generated valid code parses to what it was built from', () => {
    fc.assert(
      fc.property(validTaxCode, ({ taxCode, expected }) => {
        expect(parseTaxCode(taxCode, TODAY)).toEqual(expected);
      }),
    );
  });

  it('every single-character substitution is rejected', () => {
    const alphabet = `${LETTERS}0123456789 -.`;
    fc.assert(
      fc.property(validTaxCode, fc.integer({ min: 0, max: 15 }), fc.constantFrom(...alphabet), ({ taxCode }, place, c) => {
        fc.pre(taxCode.charAt(place) !== c);
        const changed = taxCode.slice(0, place) + c + taxCode.slice(place + 1);
        expect(() => parseTaxCode(changed, TODAY)).toThrow(TaxCodeError);
      }),
      { numRuns: 2000 },
    );
  });
});

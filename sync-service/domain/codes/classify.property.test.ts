import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookingCheckDigits } from '../booking-code.ts';
import { taxCodeCheckChar, OMOCODE_LETTERS, TAX_CODE_DIGIT_PLACES, TAX_CODE_MONTHS } from '../tax-code.ts';
import { classify, classifiedText, type Classified } from './classify.ts';
import { NRE_REGIONS } from './nre.ts';
import { noticeCode, type NoticeAux } from './pagopa.ts';
import { pagopaQr } from './pagopa-qr.ts';

const TODAY = new Date('2025-03-12T10:00:00Z');
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ALNUM = [...LETTERS, ...DIGITS];
const c = (text: string): Classified => classify(text, TODAY);

const digitString = (length: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...DIGITS), minLength: length, maxLength: length });
const alnumString = (length: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...ALNUM), minLength: length, maxLength: length });

const taxCode = fc
  .record({
    names: fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 6, maxLength: 6 }),
    yy: digitString(2),
    month: fc.constantFrom(...TAX_CODE_MONTHS),
    day: fc.integer({ min: 1, max: 28 }),
    woman: fc.boolean(),
    place: fc.tuple(fc.constantFrom(...LETTERS), digitString(3)),
    omocode: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
  })
  .map(({ names, yy, month, day, woman, place, omocode }) => {
    const chars = [...`${names}${yy}${month}${String(woman ? day + 40 : day).padStart(2, '0')}${place[0]}${place[1]}`];
    TAX_CODE_DIGIT_PLACES.forEach((p, i) => {
      if (omocode[i]) chars[p] = OMOCODE_LETTERS.charAt(Number(chars[p]));
    });
    const first15 = chars.join('');
    return first15 + taxCodeCheckChar(first15);
  });

const nre = fc.tuple(fc.constantFrom(...Object.keys(NRE_REGIONS)), alnumString(2), alnumString(10)).map(([r, bb, rest]) => r + bb + rest);
const booking = digitString(10).map((d) => d + bookingCheckDigits(d));
const notice = fc.oneof(
  fc.tuple(digitString(2), digitString(13)).map(([segregation, iuvBase]) => noticeCode({ aux: 3, segregation, iuvBase })),
  fc.tuple(digitString(2), digitString(13)).map(([applicationCode, iuvBase]) => noticeCode({ aux: 0, applicationCode, iuvBase })),
  digitString(15).map((iuvBase) => noticeCode({ aux: 2, iuvBase })),
  digitString(17).map((iuvBase) => noticeCode({ aux: 1, iuvBase })),
);
const qr = fc
  .tuple(notice, digitString(11), fc.integer({ min: 1, max: 9_999_999_999 }))
  .map(([noticeCode, creditorFiscalCode, amountCents]) => pagopaQr({ noticeCode, creditorFiscalCode, amountCents }));

/** Every kind, each with the kind it must come out as. */
const anyCode = fc.oneof(
  taxCode.map((text) => ({ text, kind: 'taxCode' })),
  nre.map((text) => ({ text, kind: 'nre' })),
  booking.map((text) => ({ text, kind: 'booking' })),
  notice.map((text) => ({ text, kind: 'pagopa' })),
  qr.map((text) => ({ text, kind: 'pagopa' })),
);

/** What a scanner may wrap a scan in: an AIM identifier, spaces, a line end. */
const wrapping = fc.record({
  aim: fc.constantFrom('', ']A0', ']C0', ']Q1', ']E0', ']d2'),
  before: fc.constantFrom('', ' ', '\t'),
  after: fc.constantFrom('', ' ', '\r', '\r\n', '\n'),
});

/** A kind with no check of its own: a changed character gives another valid code of it. */
function unchecked(r: Classified): boolean {
  return r.kind === 'nre' || (r.kind === 'pagopa' && r.noticeCode.startsWith('1')) || (r.kind === 'pagopa' && 'amountCents' in r);
}

describe('classify: properties', () => {
  it('every valid code of each kind survives classify, however the scanner wraps it', () => {
    fc.assert(
      fc.property(anyCode, wrapping, ({ text, kind }, w) => {
        const r = c(`${w.aim}${w.before}${text}${w.after}`);
        expect(r.kind).toBe(kind);
        expect(classifiedText(r)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('every single-character change is caught, or read as another valid code: never as the original', () => {
    fc.assert(
      fc.property(anyCode, fc.nat(), fc.constantFrom(...ALNUM, '|', ' ', '-', '.'), ({ text }, at, ch) => {
        const place = at % text.length;
        fc.pre(text.charAt(place) !== ch && text.charAt(place).toUpperCase() !== ch.toUpperCase());
        const original = c(text);
        const changed = c(text.slice(0, place) + ch + text.slice(place + 1));
        expect(changed).not.toEqual(original);
        // A code with a check character or digits lets a change through only when it turns into a
        // code without one (aux digit 1 notices) or an amount, which the QR's own error correction guards.
        if (changed.kind !== 'unknown' && changed.kind === original.kind && !unchecked(original)) {
          expect(unchecked(changed)).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('a changed check character or digit of a checked code is always caught', () => {
    const checked = fc.oneof(taxCode, booking, notice.filter((n) => !n.startsWith('1')));
    fc.assert(
      fc.property(checked, fc.constantFrom(...ALNUM), fc.boolean(), (text, ch, last) => {
        // A codice fiscale has one check character, the others two digits.
        const place = text.length === 16 || last ? text.length - 1 : text.length - 2;
        fc.pre(text.charAt(place) !== ch);
        expect(c(text.slice(0, place) + ch + text.slice(place + 1)).kind).toBe('unknown');
      }),
      { numRuns: 2000 },
    );
  });

  it('fuzzed text never throws and always gives a kind', () => {
    const pieces = fc.constantFrom('PAGOPA|', '002|', '|', ']Q1', ']', '0700A', '\r', ' ', '-', 'RSS', '99');
    const fuzz = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.array(fc.oneof(pieces, digitString(5), alnumString(3)), { maxLength: 12 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(fuzz, (text) => {
        const r = c(text);
        expect(['taxCode', 'nre', 'booking', 'pagopa', 'unknown']).toContain(r.kind);
        if (r.kind === 'unknown') expect(r.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('notice builder: properties', () => {
  it('builds codes that parse back to the same parts', () => {
    fc.assert(
      fc.property(fc.constantFrom<NoticeAux>(0, 2, 3), digitString(2), digitString(15), (aux, two, base) => {
        const iuvBase = aux === 2 ? base : base.slice(0, 13);
        const code = noticeCode({ aux, segregation: two, applicationCode: two, iuvBase });
        expect(code).toHaveLength(18);
        expect(c(code)).toEqual({ kind: 'pagopa', noticeCode: code });
        expect(Number(BigInt(code.slice(0, 16)) % 93n)).toBe(Number(code.slice(16)));
      }),
    );
  });
});

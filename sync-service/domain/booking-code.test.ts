import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookingCodeError, bookingCheckDigits, formatBookingCode, normalizeBookingCode } from './booking-code.ts';

const KNOWN = ['123456789092', '070000000143', '070000000240', '070000000337'];

function errorCode(text: string): string {
  try {
    normalizeBookingCode(text);
    return 'OK';
  } catch (e) {
    if (!(e instanceof BookingCodeError)) throw e;
    return e.code;
  }
}

describe('booking codes', () => {
  it.each(KNOWN)('%s is valid', (code) => {
    expect(bookingCheckDigits(code.slice(0, 10))).toBe(code.slice(10));
    expect(normalizeBookingCode(code)).toBe(code);
  });

  it('pads a check value under 10 to two digits', () => {
    // Search the first few hundred prefixes for one whose check value is below 10.
    const first10 = [...Array(200).keys()].map((n) => String(n).padStart(10, '0')).find((d) => Number(bookingCheckDigits(d)) < 10);
    expect(first10).toBeDefined();
    expect(bookingCheckDigits(first10 ?? '')).toMatch(/^0\d$/);
  });

  it('strips spaces and dashes', () => {
    expect(normalizeBookingCode(' 1234 5678-9092 ')).toBe('123456789092');
    expect(normalizeBookingCode('0700-0000-0143')).toBe('070000000143');
  });

  it.each([
    ['', 'BOOKING_CODE_FORMAT'],
    ['12345678909', 'BOOKING_CODE_FORMAT'],
    ['1234567890921', 'BOOKING_CODE_FORMAT'],
    ['12345678909A', 'BOOKING_CODE_FORMAT'],
    ['1234.5678.9092', 'BOOKING_CODE_FORMAT'],
    ['123456789093', 'BOOKING_CODE_CHECK'],
    ['213456789092', 'BOOKING_CODE_CHECK'],
  ])('%j → %s', (text, code) => {
    expect(errorCode(text)).toBe(code);
  });

  it('formats in groups of four', () => {
    expect(formatBookingCode('123456789092')).toBe('1234 5678 9092');
    expect(formatBookingCode('0700 0000-0143')).toBe('0700 0000 0143');
    expect(() => formatBookingCode('123456789093')).toThrow(BookingCodeError);
  });

  it('rejects a malformed prefix for check digits', () => {
    expect(() => bookingCheckDigits('12345')).toThrow(BookingCodeError);
  });
});

const validCode = fc.stringMatching(/^\d{10}$/).map((d) => d + bookingCheckDigits(d));

describe('properties', () => {
  it('every built code is valid', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(normalizeBookingCode(code)).toBe(code);
      }),
    );
  });

  it('every single-digit change is caught', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 9 }), (code, place, delta) => {
        const digit = (Number(code.charAt(place)) + delta) % 10;
        const changed = code.slice(0, place) + String(digit) + code.slice(place + 1);
        expect(errorCode(changed)).toBe('BOOKING_CODE_CHECK');
      }),
    );
  });

  it('every adjacent transposition of different digits is caught', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 10 }), (code, place) => {
        fc.pre(code.charAt(place) !== code.charAt(place + 1));
        const swapped = code.slice(0, place) + code.charAt(place + 1) + code.charAt(place) + code.slice(place + 2);
        expect(errorCode(swapped)).toBe('BOOKING_CODE_CHECK');
      }),
    );
  });

  it('exhaustively: all 108 digit changes and 11 swaps of each known code', () => {
    for (const code of KNOWN) {
      for (let place = 0; place < 12; place++) {
        for (let d = 0; d < 10; d++) {
          if (String(d) === code.charAt(place)) continue;
          expect(errorCode(code.slice(0, place) + String(d) + code.slice(place + 1))).toBe('BOOKING_CODE_CHECK');
        }
        if (place < 11 && code.charAt(place) !== code.charAt(place + 1)) {
          expect(errorCode(code.slice(0, place) + code.charAt(place + 1) + code.charAt(place) + code.slice(place + 2))).toBe('BOOKING_CODE_CHECK');
        }
      }
    }
  });
});

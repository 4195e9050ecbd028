import { describe, expect, it } from 'vitest';
import { normalizeBookingCode } from './booking-code.ts';
import { issuedBookingCode } from './agenda.ts';
import { isProvisionalBookingCode, provisionalBookingCode } from './provisional-code.ts';

describe('provisionalBookingCode', () => {
  it('makes a 12-digit code with valid check digits, apart from the central-issued ones', () => {
    const code = provisionalBookingCode('000004711');
    expect(code).toMatch(/^3000004711\d{2}$/);
    expect(normalizeBookingCode(code)).toBe(code);
    expect(isProvisionalBookingCode(code)).toBe(true);
    expect(isProvisionalBookingCode(issuedBookingCode(4711))).toBe(false);
    expect(provisionalBookingCode('000004712')).not.toBe(code);
  });

  it('refuses anything but nine digits', () => {
    expect(() => provisionalBookingCode('12345678')).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  });
});

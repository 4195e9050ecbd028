import { describe, expect, it } from 'vitest';
import { NoticeError } from './errors.ts';
import { noticeCheckDigits, noticeCode, parseNoticeCode } from './pagopa.ts';

function failure(f: () => unknown): NoticeError {
  try {
    f();
  } catch (e) {
    if (e instanceof NoticeError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('pagoPA notice code', () => {
  it('computes the check digits on every digit before them, aux digit included', () => {
    // 3990000123456789 mod 93 = 90, so the QR example of specs/codes.md, whose notice code ends
    // in 00, does not validate.
    expect(noticeCheckDigits('3990000123456789')).toBe('90');
    expect(noticeCode({ aux: 3, segregation: '99', iuvBase: '0000123456789' })).toBe('399000012345678990');
    expect(Number(BigInt('3990000123456789') % 93n)).toBe(90);
  });

  it('builds each form', () => {
    expect(noticeCode({ aux: 0, applicationCode: '44', iuvBase: '0123456789012' })).toBe('044012345678901283');
    expect(noticeCode({ aux: 1, iuvBase: '44012345678901200' })).toBe('144012345678901200');
    const two = noticeCode({ aux: 2, iuvBase: '440123456789012' });
    expect(two).toBe(`2440123456789012${String(Number(BigInt('2440123456789012') % 93n)).padStart(2, '0')}`);
    expect(noticeCode({ aux: 3, segregation: '01', iuvBase: '0000000000001' })).toMatch(/^3010000000000001\d\d$/);
  });

  it('pads a check below 10 to two digits', () => {
    const preceding = '0000000000000005';
    expect(noticeCheckDigits(preceding)).toBe('05');
  });

  it('rejects bad parts with BAD_NOTICE', () => {
    expect(failure(() => noticeCode({ aux: 3, iuvBase: '0000123456789' }))).toMatchObject({ code: 'BAD_NOTICE', check: 'format' });
    expect(failure(() => noticeCode({ aux: 3, segregation: '9', iuvBase: '0000123456789' })).check).toBe('format');
    expect(failure(() => noticeCode({ aux: 3, segregation: '99', iuvBase: '000012345678' })).check).toBe('format');
    expect(failure(() => noticeCode({ aux: 3, segregation: '99', iuvBase: '000012345678x' })).check).toBe('format');
    expect(failure(() => noticeCode({ aux: 0, iuvBase: '0123456789012' })).check).toBe('format');
    expect(failure(() => noticeCode({ aux: 4 as 3, iuvBase: '0123456789012' })).check).toBe('aux-digit');
  });

  it('parses what it builds, split into its parts', () => {
    expect(parseNoticeCode('3990 0001 2345 6789 90')).toEqual({
      noticeCode: '399000012345678990',
      aux: 3,
      segregation: '99',
      iuvBase: '0000123456789',
      iuv: '99000012345678990',
      checkDigits: '90',
    });
    expect(parseNoticeCode('044012345678901283')).toMatchObject({ aux: 0, applicationCode: '44', iuv: '012345678901283' });
    expect(parseNoticeCode('144012345678901200')).toEqual({ noticeCode: '144012345678901200', aux: 1, iuvBase: '44012345678901200', iuv: '44012345678901200' });
  });

  it('says which check failed', () => {
    expect(failure(() => parseNoticeCode('399000012345678900'))).toMatchObject({ check: 'check-digits', details: { expected: '90' } });
    expect(failure(() => parseNoticeCode('499000012345678990')).check).toBe('aux-digit');
    expect(failure(() => parseNoticeCode('39900001234567899')).check).toBe('format');
  });
});

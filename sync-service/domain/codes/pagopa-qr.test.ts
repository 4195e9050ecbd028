import { describe, expect, it } from 'vitest';
import { NoticeError } from './errors.ts';
import { pagopaQr, parsePagopaQr } from './pagopa-qr.ts';

const NOTICE = '399000012345678990';
const CREDITOR = '83000390019';

function check(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof NoticeError) return e.check;
    throw e;
  }
  return 'none';
}

describe('pagoPA QR', () => {
  it('writes the five fields, the amount with at least two digits', () => {
    expect(pagopaQr({ noticeCode: NOTICE, creditorFiscalCode: CREDITOR, amountCents: 222250 })).toBe(`PAGOPA|002|${NOTICE}|${CREDITOR}|222250`);
    expect(pagopaQr({ noticeCode: NOTICE, creditorFiscalCode: CREDITOR, amountCents: 5 })).toBe(`PAGOPA|002|${NOTICE}|${CREDITOR}|05`);
  });

  it('reads it back, accepting a one-digit amount', () => {
    expect(parsePagopaQr(`PAGOPA|002|${NOTICE}|${CREDITOR}|222250`)).toEqual({ noticeCode: NOTICE, creditorFiscalCode: CREDITOR, amountCents: 222250 });
    expect(parsePagopaQr(` PAGOPA|002|${NOTICE}|${CREDITOR}|7\r\n`).amountCents).toBe(7);
    expect(parsePagopaQr(`PAGOPA|002|${NOTICE}|${CREDITOR}|9999999999`).amountCents).toBe(9_999_999_999);
  });

  it('names the field that fails', () => {
    expect(check(() => parsePagopaQr(`PAGOPA|002|399000012345678900|${CREDITOR}|100`))).toBe('check-digits');
    expect(check(() => parsePagopaQr(`PAGOPA|001|${NOTICE}|${CREDITOR}|100`))).toBe('qr-version');
    expect(check(() => parsePagopaQr(`PAGOPA|002|${NOTICE}|${CREDITOR}`))).toBe('qr-format');
    expect(check(() => parsePagopaQr(`PAGOPA|002|${NOTICE}|${CREDITOR}|100|x`))).toBe('qr-format');
    expect(check(() => parsePagopaQr(`PAGOPA|002|${NOTICE}|8300039001|100`))).toBe('creditor');
    expect(check(() => parsePagopaQr(`PAGOPA|002|${NOTICE}|${CREDITOR}|12345678901`))).toBe('amount');
    expect(check(() => parsePagopaQr(`PAGOPA|002|${NOTICE}|${CREDITOR}|`))).toBe('amount');
    expect(check(() => parsePagopaQr(`PAGOPA|002|${NOTICE}|${CREDITOR}|0`))).toBe('amount');
    expect(check(() => parsePagopaQr(`PAGOPA|002|3990 0001 2345 6789 90|${CREDITOR}|100`))).toBe('format');
  });

  it('will not write a bad notice, creditor or amount', () => {
    expect(check(() => pagopaQr({ noticeCode: '399000012345678900', creditorFiscalCode: CREDITOR, amountCents: 1 }))).toBe('check-digits');
    expect(check(() => pagopaQr({ noticeCode: NOTICE, creditorFiscalCode: 'ABC', amountCents: 1 }))).toBe('creditor');
    expect(check(() => pagopaQr({ noticeCode: NOTICE, creditorFiscalCode: CREDITOR, amountCents: 1.5 }))).toBe('amount');
    expect(check(() => pagopaQr({ noticeCode: NOTICE, creditorFiscalCode: CREDITOR, amountCents: 10_000_000_000 }))).toBe('amount');
  });
});

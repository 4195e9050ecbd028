import { describe, expect, it } from 'vitest';
import { classify, classifiedText } from './classify.ts';

const TODAY = new Date('2025-03-12T10:00:00Z');
const c = (text: string): ReturnType<typeof classify> => classify(text, TODAY);

describe('classify: the contract of `cupk codes classify`', () => {
  it('a codice fiscale, with the fields of `cupk cf check`', () => {
    expect(c('RSSMRA80A01H501U')).toEqual({ kind: 'taxCode', taxCode: 'RSSMRA80A01H501U', sex: 'M', birthDate: '1980-01-01', birthplaceCode: 'H501', omocode: false });
    expect(c(']A0rssmra80a01h501u\r\n')).toMatchObject({ kind: 'taxCode', taxCode: 'RSSMRA80A01H501U' });
  });

  it('an NRE, whole or as the memo two barcodes in either order', () => {
    const nre = { kind: 'nre', nre: '0700A4001234567', region: '070' };
    expect(c('0700A4001234567')).toEqual(nre);
    expect(c('0700A 4001234567')).toEqual(nre);
    expect(c('4001234567 0700A')).toEqual(nre);
    expect(c('4001234567\t0700a')).toEqual(nre);
    expect(c('40012345670700A')).toEqual(nre);
    expect(c(']C0 0410B4001234567 ')).toEqual({ kind: 'nre', nre: '0410B4001234567', region: '041' });
  });

  it('a booking code, typed with or without its groups', () => {
    expect(c('123456789092')).toEqual({ kind: 'booking', booking: '123456789092' });
    expect(c('1234 5678 9092')).toEqual({ kind: 'booking', booking: '123456789092' });
    expect(c(']C01234-5678-9092')).toEqual({ kind: 'booking', booking: '123456789092' });
  });

  it('a pagoPA QR and a typed notice code', () => {
    expect(c(']Q1PAGOPA|002|399000012345678990|83000390019|222250')).toEqual({
      kind: 'pagopa',
      noticeCode: '399000012345678990',
      creditorFiscalCode: '83000390019',
      amountCents: 222250,
    });
    expect(c('3990 0001 2345 6789 90')).toEqual({ kind: 'pagopa', noticeCode: '399000012345678990' });
  });

  it('unknown, with the check that failed', () => {
    expect(c('RSSMRA80A01H501A')).toEqual({ kind: 'unknown', reason: expect.stringContaining('TAX_CODE_CHECK') });
    expect(c('RSSMRA80Z01H501U')).toEqual({ kind: 'unknown', reason: expect.stringMatching(/codice fiscale failed TAX_CODE_/) });
    expect(c('123456789093')).toEqual({ kind: 'unknown', reason: expect.stringContaining('BOOKING_CODE_CHECK') });
    expect(c('399000012345678900')).toEqual({ kind: 'unknown', reason: expect.stringContaining('check-digits') });
    expect(c('899000012345678990')).toEqual({ kind: 'unknown', reason: expect.stringContaining('aux-digit') });
    expect(c('PAGOPA|002|399000012345678900|83000390019|222250')).toEqual({ kind: 'unknown', reason: expect.stringMatching(/^pagoPA QR failed check-digits/) });
    expect(c('PAGOPA|002|399000012345678990|83000390019|')).toEqual({ kind: 'unknown', reason: expect.stringContaining('amount') });
    expect(c('9990A4001234567')).toEqual({ kind: 'unknown', reason: expect.stringContaining('region') });
    expect(c('0700A')).toEqual({ kind: 'unknown', reason: expect.stringContaining('NRE incomplete') });
    expect(c('4001234567')).toEqual({ kind: 'unknown', reason: expect.stringContaining('NRE incomplete') });
    expect(c('hello')).toEqual({ kind: 'unknown', reason: expect.stringContaining('not a code') });
    expect(c('   ')).toEqual({ kind: 'unknown', reason: expect.stringContaining('empty') });
    expect(c(']Q1')).toEqual({ kind: 'unknown', reason: expect.stringContaining('empty') });
  });

  it('writes each kind back as its text', () => {
    for (const text of ['RSSMRA80A01H501U', '0700A4001234567', '123456789092', '399000012345678990', 'PAGOPA|002|399000012345678990|83000390019|222250']) {
      expect(classifiedText(c(text))).toBe(text);
    }
    expect(classifiedText(c('nope'))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { codesClassifyCommand, pagopaNoticeCommand, pagopaQrCommand } from './cli.ts';

describe('CLI-ready functions', () => {
  it('`cupk codes classify` answers unknown without failing', () => {
    expect(codesClassifyCommand('123456789092')).toEqual({ kind: 'booking', booking: '123456789092' });
    expect(codesClassifyCommand('x')).toMatchObject({ kind: 'unknown' });
  });

  it('`cupk pagopa notice` computes the check digits', () => {
    expect(pagopaNoticeCommand({ aux: '3', segregation: '99', iuvBase: '0000123456789' })).toEqual({ noticeCode: '399000012345678990' });
    expect(pagopaNoticeCommand({ aux: '0', applicationCode: '44', iuvBase: '0123456789012' })).toEqual({ noticeCode: '044012345678901283' });
  });

  it('`cupk pagopa notice` rejects bad input with BAD_NOTICE', () => {
    for (const args of [
      { aux: '4', segregation: '99', iuvBase: '0000123456789' },
      { aux: '3', iuvBase: '0000123456789' },
      { aux: '3', segregation: '9a', iuvBase: '0000123456789' },
      { aux: '3', segregation: '99', iuvBase: '00001234567890' },
      { aux: ' 3', segregation: '99', iuvBase: '0000123456789' },
    ]) {
      expect(() => pagopaNoticeCommand(args)).toThrow(expect.objectContaining({ code: 'BAD_NOTICE' }));
    }
  });

  it('`cupk pagopa qr` writes the QR text, and rejects bad input with BAD_NOTICE', () => {
    expect(pagopaQrCommand({ notice: '399000012345678990', creditor: '83000390019', amount: '222250' })).toEqual({
      qr: 'PAGOPA|002|399000012345678990|83000390019|222250',
    });
    for (const args of [
      { notice: '399000012345678900', creditor: '83000390019', amount: '100' },
      { notice: '399000012345678990', creditor: '8300039001', amount: '100' },
      { notice: '399000012345678990', creditor: '83000390019', amount: '1.50' },
      { notice: '399000012345678990', creditor: '83000390019', amount: '0' },
      { notice: '399000012345678990', creditor: '83000390019', amount: '12345678901' },
    ]) {
      expect(() => pagopaQrCommand(args)).toThrow(expect.objectContaining({ code: 'BAD_NOTICE' }));
    }
  });
});

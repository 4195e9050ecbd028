import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERIC_58 } from '../profiles.ts';
import { renderText } from '../render-text.ts';
import { LAYOUT_NAMES, LAYOUT_SAMPLES, layoutDocument } from './catalog.ts';
import { SAMPLE_PAYMENT, SAMPLE_VOUCHER } from './samples.ts';

const ASSETS = join(import.meta.dirname, '../../../assets/receipts');

describe('layout catalog', () => {
  for (const name of LAYOUT_NAMES)
    it(`accepts the ${name} sample in assets/receipts, the same as the code's sample`, () => {
      const data: unknown = JSON.parse(readFileSync(join(ASSETS, `${name}.json`), 'utf8'));
      expect(data).toEqual(JSON.parse(JSON.stringify(LAYOUT_SAMPLES[name])));
      expect(layoutDocument(name, data).elements.at(-1)).toEqual({ kind: 'cut' });
    });

  it('refuses an unknown layout with RECEIPT_DATA_INVALID', () => {
    expect(() => layoutDocument('menu', {})).toThrow(expect.objectContaining({ code: 'RECEIPT_DATA_INVALID' }));
  });

  it('lists every problem of data that does not fit, with its path', () => {
    const bad = { ...SAMPLE_PAYMENT, totalCents: 32.28, services: [{ code: '89.7', description: 'x' }], colour: 'red' };
    try {
      layoutDocument('payment-receipt', bad);
      expect.unreachable();
    } catch (e) {
      const problems = (e as { details: { problems: string[] } }).details.problems;
      expect(e).toMatchObject({ code: 'RECEIPT_DATA_INVALID' });
      expect(problems.some((p) => p.startsWith('$.totalCents'))).toBe(true);
      expect(problems.some((p) => p.startsWith('$.services[0].amountCents'))).toBe(true);
      expect(problems.some((p) => p.includes('colour'))).toBe(true);
    }
  });

  it('refuses a voucher code Code 128 cannot carry, and a date that is not one', () => {
    expect(() => layoutDocument('voucher', { ...SAMPLE_VOUCHER, voucherCode: 'è' })).toThrow(expect.objectContaining({ code: 'RECEIPT_DATA_INVALID' }));
    expect(() => layoutDocument('voucher', { ...SAMPLE_VOUCHER, validUntil: '30/06/2025' })).toThrow(expect.objectContaining({ code: 'RECEIPT_DATA_INVALID' }));
  });

  it('prints the citizen layouts in the language asked', () => {
    expect(renderText(layoutDocument('voucher', SAMPLE_VOUCHER, { lang: 'en' }), GENERIC_58)).toContain('CREDIT VOUCHER');
  });

  it('describes the profile the test page names, or the one it is given', () => {
    const named = renderText(layoutDocument('test-page', { terminalId: 'K1', printedAt: '2025-03-12T09:42:00Z', profile: 'generic-58' }), GENERIC_58);
    expect(named).toMatch(/Profilo +generic-58/);
    const given = renderText(layoutDocument('test-page', { terminalId: 'K1', printedAt: '2025-03-12T09:42:00Z' }, { profile: GENERIC_58 }), GENERIC_58);
    expect(given).toMatch(/Colonne +32/);
    expect(() => layoutDocument('test-page', { terminalId: 'K1', printedAt: '2025-03-12T09:42:00Z', profile: 'nope' })).toThrow(
      expect.objectContaining({ code: 'RECEIPT_DATA_INVALID' }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { INCOME_BAND_LIMITS } from '../../bridge/income-band-form.ts';
import { LANGUAGES } from '../i18n/languages.ts';
import { translate, type Language } from '../i18n/translate.ts';
import { bandText } from './income-band-text.ts';

const words = (lang: Language) => (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(lang, key, params);

describe('bandText', () => {
  it('names each band by the incomes it holds, each limit once as an upper and once as a lower bound', () => {
    const t = words('it');
    expect(INCOME_BAND_LIMITS.map((l) => bandText(l.band, t, 'it-IT'))).toEqual([
      { name: 'Fascia 1', range: 'fino a 36.152\u00a0€' },
      { name: 'Fascia 2', range: 'oltre 36.152\u00a0€ e fino a 70.000\u00a0€' },
      { name: 'Fascia 3', range: 'oltre 70.000\u00a0€ e fino a 100.000\u00a0€' },
      { name: 'Fascia 4', range: 'oltre 100.000\u00a0€' },
    ]);
  });

  it.each(LANGUAGES.map((l) => [l.code, l.bcp47] as const))('reads in %s with the figures in Latin digits and no placeholder left', (code, bcp47) => {
    for (const { band } of INCOME_BAND_LIMITS) {
      const { name, range } = bandText(band, words(code), bcp47);
      expect(name).toContain(String(band));
      expect(`${name} ${range}`).not.toMatch(/[{}\u0660-\u0669]/);
      expect(range).toMatch(/\d/);
    }
  });
});

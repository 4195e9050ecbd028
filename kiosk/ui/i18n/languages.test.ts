import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, LANGUAGES, LANGUAGE_CODES, isLanguage, languageInfo } from './languages.ts';
import { catalog } from './translate.ts';

describe('languages', () => {
  it('lists the ten languages, Italian first, each with a table', () => {
    expect(LANGUAGES.map((l) => l.code)).toEqual(['it', 'en', 'de', 'fr', 'es', 'ro', 'sq', 'uk', 'zh', 'ar']);
    expect(LANGUAGES.map((l) => l.code)).toEqual([...LANGUAGE_CODES]);
    expect(Object.keys(catalog).sort()).toEqual([...LANGUAGE_CODES].sort());
    expect(DEFAULT_LANGUAGE).toBe('it');
  });

  it('writes Arabic right to left and every other language left to right', () => {
    for (const l of LANGUAGES) expect(l.dir, l.code).toBe(l.code === 'ar' ? 'rtl' : 'ltr');
  });

  it('names each language in itself', () => {
    const names = Object.fromEntries(LANGUAGES.map((l) => [l.code, l.nativeName]));
    expect(names).toMatchObject({ de: 'Deutsch', ro: 'Română', sq: 'Shqip', uk: 'Українська', zh: '中文', ar: 'العربية' });
    expect(new Set(Object.values(names)).size).toBe(LANGUAGES.length);
  });

  it('gives well-formed BCP 47 tags whose language is the code', () => {
    for (const l of LANGUAGES) {
      expect(Intl.getCanonicalLocales(l.bcp47)).toEqual([l.bcp47]);
      expect(new Intl.Locale(l.bcp47).language).toBe(l.code);
    }
    expect(languageInfo('zh').bcp47).toBe('zh-CN');
    expect(languageInfo('it').bcp47).toBe('it-IT');
  });

  it('recognises its codes and falls back to Italian for others', () => {
    expect(isLanguage('uk')).toBe(true);
    expect(isLanguage('xx')).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
    expect(languageInfo('xx').code).toBe('it');
  });
});

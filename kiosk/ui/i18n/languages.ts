/**
 * The languages the kiosk speaks, in the order the picker shows them: Italian first (the
 * default and the reference), then the languages most asked for at Italian CUP desks.
 */
export const LANGUAGE_CODES = ['it', 'en', 'de', 'fr', 'es', 'ro', 'sq', 'uk', 'zh', 'ar'] as const;

export type Language = (typeof LANGUAGE_CODES)[number];

/** The language every screen starts in, and the one a missing text falls back to. */
export const DEFAULT_LANGUAGE: Language = 'it';

export interface LanguageInfo {
  code: Language;
  /** The name as its speakers write it: a citizen looks for their own language, not for ours. */
  nativeName: string;
  /** Writing direction, for `dir` on the page and on each picker button. */
  dir: 'ltr' | 'rtl';
  /**
   * Tag for `lang` attributes, `Intl` and `SpeechSynthesisUtterance.lang`. A region is given where
   * it picks the right voice and script (`zh-CN`: Mandarin, Simplified characters); Arabic stays
   * bare so any Arabic voice installed is used.
   */
  bcp47: string;
}

export const LANGUAGES: readonly LanguageInfo[] = [
  { code: 'it', nativeName: 'Italiano', dir: 'ltr', bcp47: 'it-IT' },
  { code: 'en', nativeName: 'English', dir: 'ltr', bcp47: 'en-GB' },
  { code: 'de', nativeName: 'Deutsch', dir: 'ltr', bcp47: 'de-DE' },
  { code: 'fr', nativeName: 'Français', dir: 'ltr', bcp47: 'fr-FR' },
  { code: 'es', nativeName: 'Español', dir: 'ltr', bcp47: 'es-ES' },
  { code: 'ro', nativeName: 'Română', dir: 'ltr', bcp47: 'ro-RO' },
  { code: 'sq', nativeName: 'Shqip', dir: 'ltr', bcp47: 'sq-AL' },
  { code: 'uk', nativeName: 'Українська', dir: 'ltr', bcp47: 'uk-UA' },
  { code: 'zh', nativeName: '中文', dir: 'ltr', bcp47: 'zh-CN' },
  { code: 'ar', nativeName: 'العربية', dir: 'rtl', bcp47: 'ar' },
];

const byCode = new Map<string, LanguageInfo>(LANGUAGES.map((l) => [l.code, l]));

/** True for one of the ten codes; use it on anything read from an attribute or a setting. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && byCode.has(value);
}

/** Metadata for `code`; an unknown code (a stale setting, a typo) gets Italian's. */
export function languageInfo(code: string): LanguageInfo {
  return byCode.get(code) ?? (byCode.get(DEFAULT_LANGUAGE) as LanguageInfo);
}

import { DEFAULT_LANGUAGE, LANGUAGE_CODES, languageInfo, type Language } from './languages.ts';
import { italian, type MessageKey, type Messages } from './messages.ts';

export type { Language } from './languages.ts';

// Unicode bidi isolates around a filled-in value in a right-to-left sentence, so a Latin code or
// "€ 12,50" keeps its own order and does not drag the Arabic words around it (as Fluent does).
const FSI = '\u2068'; // FIRST STRONG ISOLATE
const PDI = '\u2069'; // POP DIRECTIONAL ISOLATE

/**
 * The other languages' tables, each its own chunk: a kiosk ships Italian and loads a language
 * when a citizen chooses it (every table is ~6 KB gzip, and all nine would be half the bundle).
 */
const LOADERS: Readonly<Record<Exclude<Language, 'it'>, () => Promise<Messages>>> = {
  en: () => import('./lang/en.ts').then((m) => m.english),
  de: () => import('./lang/de.ts').then((m) => m.german),
  fr: () => import('./lang/fr.ts').then((m) => m.french),
  es: () => import('./lang/es.ts').then((m) => m.spanish),
  ro: () => import('./lang/ro.ts').then((m) => m.romanian),
  sq: () => import('./lang/sq.ts').then((m) => m.albanian),
  uk: () => import('./lang/uk.ts').then((m) => m.ukrainian),
  zh: () => import('./lang/zh.ts').then((m) => m.chinese),
  ar: () => import('./lang/ar.ts').then((m) => m.arabic),
};

/** The tables loaded so far, by language code. Italian is complete by definition; the others are checked by tests. */
export const catalog: Partial<Record<Language, Messages>> = { it: italian };

/** Loads a language's table once; the screen switches to it when this resolves. */
export async function loadLanguage(lang: Language): Promise<void> {
  if (catalog[lang] || lang === 'it') return;
  catalog[lang] = await LOADERS[lang]();
}

/** Every language at once: for tests, which render each screen in all ten. */
export function loadAllLanguages(): Promise<void[]> {
  return Promise.all(LANGUAGE_CODES.map(loadLanguage));
}

export type ErrorPrefix = 'card.error' | 'code.error' | 'booking.error' | 'notice.error' | 'slots.error' | 'phone.error' | 'manage.error';

export interface Lookup {
  /** The text with its `{name}` placeholders still in it. */
  template: string;
  /** The language the text is really in: `lang`, or Italian when `lang` lacks the key. */
  language: Language;
}

/** The unfilled text for `key` in `lang`, Italian where the language lacks it (or has it empty, or is not loaded). */
export function lookup(lang: Language, key: MessageKey): Lookup {
  // `lang` may come from an attribute at run time, so an unknown code is possible here.
  const own = catalog[lang]?.[key];
  if (own) return { template: own, language: lang };
  return { template: italian[key] ?? key, language: DEFAULT_LANGUAGE };
}

/** The text for `key` in `lang`, Italian where the language lacks it, with `{name}` filled in. */
export function translate(lang: Language, key: MessageKey, params: Record<string, string> = {}): string {
  const { template, language } = lookup(lang, key);
  const rtl = languageInfo(language).dir === 'rtl';
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return `{${name}}`;
    return rtl ? `${FSI}${value}${PDI}` : value;
  });
}

/** The key for a typed error: `prefix.CODE` when there is a text for that code, else `prefix.other`. */
export function errorKey(prefix: ErrorPrefix, code: string): MessageKey {
  const key = `${prefix}.${code}`;
  return Object.hasOwn(italian, key) ? (key as MessageKey) : (`${prefix}.other` as MessageKey);
}

/** Looks up `prefix.CODE`, falling back to `prefix.other`, for typed errors. */
export function translateError(lang: Language, prefix: ErrorPrefix, code: string): string {
  return translate(lang, errorKey(prefix, code));
}

/** The POS outcomes the cardholder caused have their own words; every other POS failure reads the same. */
const CARDHOLDER_OUTCOMES: ReadonlySet<string> = new Set(['POS_DECLINED', 'POS_CANCELLED', 'POS_TIMEOUT']);

/**
 * The key for an error that stopped a payment from starting or a card from paying, on any
 * screen where the citizen chose how to pay: a notice's own refusal (locked, paid, cancelled)
 * first, else the booking screen's words, every unnamed POS failure as `POS_FAILED`.
 */
export function paymentErrorKey(code: string): MessageKey {
  const notice = `notice.error.${code}`;
  if (code.startsWith('NOTICE_') && Object.hasOwn(italian, notice)) return notice as MessageKey;
  return errorKey('booking.error', code.startsWith('POS_') && !CARDHOLDER_OUTCOMES.has(code) ? 'POS_FAILED' : code);
}

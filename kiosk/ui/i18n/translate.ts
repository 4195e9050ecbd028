import { english, italian, type MessageKey, type Messages } from './messages.ts';

export type Language = 'it' | 'en';

const tables: Record<Language, Messages> = { it: italian, en: english };

/** The text for `key` in `lang`, Italian where the language lacks it, with `{name}` filled in. */
export function translate(lang: Language, key: MessageKey, params: Record<string, string> = {}): string {
  const text = tables[lang][key] ?? italian[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

/** Looks up `prefix.CODE`, falling back to `prefix.other`, for typed errors. */
export function translateError(lang: Language, prefix: 'card.error' | 'code.error' | 'booking.error', code: string): string {
  const key = `${prefix}.${code}` as MessageKey;
  return key in italian ? translate(lang, key) : translate(lang, `${prefix}.other` as MessageKey);
}

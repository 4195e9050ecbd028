import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES, type Language } from './languages.ts';
import { italian, type MessageKey, type Messages } from './messages.ts';
import { catalog } from './translate.ts';

/** A loaded table (the unit tests' set-up loads all ten). */
const tableOf = (lang: Language): Messages => catalog[lang]!;

const keys = Object.keys(italian) as MessageKey[];
const translations = LANGUAGE_CODES.filter((l) => l !== 'it');

/** Placeholder names in order of appearance, sorted, so `{a} {b}` and `{b} {a}` compare equal. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * Texts that may legitimately read the same as the Italian, as `lang:key`. Empty for now; a
 * brand name or a code shown alone would go here.
 */
const SAME_AS_ITALIAN: ReadonlySet<string> = new Set<string>();

/** The script each non-Latin language is written in: a text without it was pasted from another. */
const SCRIPT: Partial<Record<Language, RegExp>> = {
  uk: /\p{Script=Cyrillic}/u,
  zh: /\p{Script=Han}/u,
  ar: /\p{Script=Arabic}/u,
};

describe('message tables', () => {
  it.each(translations)('%s has every key of the Italian table', (lang) => {
    const missing = keys.filter((k) => tableOf(lang)[k] === undefined);
    expect(missing, `${lang} lacks these keys`).toEqual([]);
  });

  it.each(translations)('%s has no key the Italian table lacks', (lang) => {
    const extra = Object.keys(tableOf(lang)).filter((k) => !Object.hasOwn(italian, k));
    expect(extra, `${lang} has keys Italian does not`).toEqual([]);
  });

  it.each(LANGUAGE_CODES)('%s keeps exactly the placeholders of the Italian text', (lang) => {
    const wrong = keys.filter((k) => {
      const text = tableOf(lang)[k];
      return text !== undefined && placeholders(text).join() !== placeholders(italian[k]).join();
    });
    expect(wrong, `${lang}: placeholders differ from Italian`).toEqual([]);
  });

  it.each(LANGUAGE_CODES)('%s has no empty or untidy text', (lang) => {
    const bad = Object.entries(tableOf(lang)).filter(([, t]) => t.trim() === '' || t !== t.trim() || / {2}/.test(t));
    expect(bad.map(([k]) => k)).toEqual([]);
  });

  it.each(translations)('%s translates every text rather than copying the Italian', (lang) => {
    const copied = keys.filter((k) => tableOf(lang)[k] === italian[k] && !SAME_AS_ITALIAN.has(`${lang}:${k}`));
    expect(copied, `${lang}: same as Italian`).toEqual([]);
  });

  it.each(Object.entries(SCRIPT))('%s texts are written in their own script', (lang, script) => {
    const table = tableOf(lang as Language);
    // Placeholders and the untranslated names (CUP, ticket) are Latin in every language.
    const foreign = keys.filter((k) => !script.test((table[k] ?? '').replace(/\{\w+\}/g, '')));
    expect(foreign).toEqual([]);
  });

  it.each(LANGUAGE_CODES)('%s quotes the Start button by the label it really has', (lang) => {
    const start = tableOf(lang)['idle.start'];
    expect(start).toBeDefined();
    expect(tableOf(lang)['idle.prompt']).toContain(start);
  });
});

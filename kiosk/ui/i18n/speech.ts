import { languageInfo, type Language } from './languages.ts';
import type { MessageKey } from './messages.ts';
import { errorKey, lookup, translate, type ErrorPrefix } from './translate.ts';

/** What to hand to `speechSynthesis`: `new SpeechSynthesisUtterance(text)` with `.lang = lang`. */
export interface Speech {
  text: string;
  /** BCP 47 tag of the language the text is in, so the matching voice reads it. */
  lang: string;
}

// Characters that shape the page but mean nothing to a voice: bidi isolates and marks,
// and no-break spaces (some engines spell them out or run the words together).
const BIDI_CONTROLS = /[\u200e\u200f\u2066-\u2069]/g;
const SPACES = /[\s\u00a0\u202f]+/g;

/** Text for a voice: the same words as on screen, without layout characters. */
export function spoken(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(SPACES, ' ').trim();
}

/**
 * What the kiosk says for `key` in `lang`. When `lang` lacks the key the text shown is Italian,
 * and so is the voice: a German voice reading Italian words is worse than an Italian one.
 */
export function speechFor(lang: Language, key: MessageKey, params: Record<string, string> = {}): Speech {
  const { language } = lookup(lang, key);
  return { text: spoken(translate(lang, key, params)), lang: languageInfo(language).bcp47 };
}

/** `speechFor` for a typed error, with the same fallback to `prefix.other` as `translateError`. */
export function speechForError(lang: Language, prefix: ErrorPrefix, code: string): Speech {
  return speechFor(lang, errorKey(prefix, code));
}

/** A language's own name in its own voice: what the picker says when one of its buttons is focused. */
export function speechForLanguage(code: Language): Speech {
  const info = languageInfo(code);
  return { text: info.nativeName, lang: info.bcp47 };
}

import { TemplateResultType, isTemplateResult } from 'lit/directive-helpers.js';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../i18n/languages.ts';
import { LanguagePicker, languagePickerOptions } from './language-picker.ts';

// No DOM here: Lit's Node build runs the element on its server shim, and a template is read as
// its static strings with the bound values put back in place. Event handlers become ''.
function markup(value: unknown): string {
  if (Array.isArray(value)) return value.map(markup).join('');
  if (isTemplateResult(value, TemplateResultType.HTML)) return value.strings.reduce((out, s, i) => out + s + (i < value.values.length ? markup(value.values[i]) : ''), '');
  if (typeof value === 'function' || value === null || value === undefined) return '';
  return String(value);
}

/** The bound functions of a template, in order: here, one click handler per button. */
function handlers(value: unknown): (() => void)[] {
  if (Array.isArray(value)) return value.flatMap(handlers);
  if (isTemplateResult(value, TemplateResultType.HTML)) return value.values.flatMap(handlers);
  return typeof value === 'function' ? [value as () => void] : [];
}

function picker(language: Language): LanguagePicker {
  const el = new LanguagePicker();
  el.language = language;
  return el;
}

const buttons = (html: string) => html.match(/<button[\s\S]*?<\/button>/g) ?? [];

describe('languagePickerOptions', () => {
  it('offers every language by its own name, only the current one pressed', () => {
    const options = languagePickerOptions('de');
    expect(options.map((o) => o.label)).toEqual(LANGUAGES.map((l) => l.nativeName));
    expect(options.filter((o) => o.pressed).map((o) => o.code)).toEqual(['de']);
    expect(options.find((o) => o.code === 'ar')).toMatchObject({ lang: 'ar', dir: 'rtl', label: 'العربية' });
    expect(options.find((o) => o.code === 'zh')).toMatchObject({ lang: 'zh-CN', dir: 'ltr' });
  });

  it('keeps the order asked for and drops unknown codes', () => {
    expect(languagePickerOptions('it', ['ar', 'xx', 'it']).map((o) => o.code)).toEqual(['ar', 'it']);
  });
});

describe('<language-picker>', () => {
  it('is registered under its tag', () => {
    expect(customElements.get('language-picker')).toBe(LanguagePicker);
  });

  it('renders one labelled, language-tagged button per language, the current one pressed and checked', () => {
    const html = markup(picker('uk').render());
    const all = buttons(html);
    expect(all).toHaveLength(10);
    for (const l of LANGUAGES) {
      const b = all.find((x) => x.includes(`data-language=${l.code}`)) ?? '';
      expect(b).toContain('type="button"');
      expect(b).toContain(`lang=${l.bcp47}`);
      expect(b).toContain(`dir=${l.dir}`);
      expect(b).toContain(l.nativeName);
      expect(b).toContain(`aria-pressed=${l.code === 'uk'}`);
      // The current language is marked by a sign as well as by colour; the sign is not read out.
      expect(b.includes('✓')).toBe(l.code === 'uk');
    }
    expect(html).toMatch(/role="group" lang=uk-UA dir=ltr aria-label=Мова/);
  });

  it('names its group in the current language and turns it right to left for Arabic', () => {
    expect(markup(picker('ar').render())).toMatch(/role="group" lang=ar dir=rtl aria-label=اللغة/);
  });

  it('asks for the language whose button is pressed, and not for the current one', () => {
    const el = picker('it');
    const asked: unknown[] = [];
    el.addEventListener('language-change', (e) => asked.push((e as CustomEvent<Language>).detail));
    const clicks = handlers(el.render());
    expect(clicks).toHaveLength(10);
    clicks[LANGUAGES.findIndex((l) => l.code === 'sq')]?.();
    clicks[0]?.(); // Italian, already in use
    el.choose('ar');
    expect(asked).toEqual(['sq', 'ar']);
  });

  it('sends an event that leaves its shadow root and bubbles to the app', () => {
    const el = picker('it');
    let event: CustomEvent | undefined;
    el.addEventListener('language-change', (e) => (event = e as CustomEvent));
    el.choose('fr');
    expect(event).toMatchObject({ type: 'language-change', detail: 'fr', bubbles: true, composed: true });
  });

  it('keeps touch targets at least 48 CSS px in both directions', () => {
    const css = String(LanguagePicker.styles);
    expect(css).toContain('min-block-size: max(48px, 3.5rem)');
    expect(css).toContain('min-inline-size: max(48px, 3.5rem)');
    expect(css).toMatch(/button:focus-visible\s*\{\s*outline: 5px solid/);
  });
});

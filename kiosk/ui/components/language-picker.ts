import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LANGUAGE_CODES, isLanguage, languageInfo, type Language } from '../i18n/languages.ts';
import { translate } from '../i18n/translate.ts';

/** One button of the picker, everything it shows and announces. */
export interface LanguageOption {
  code: Language;
  /** The language's own name: a citizen who reads no Italian looks for their own. */
  label: string;
  /** BCP 47 tag for the button's `lang`, so fonts and screen readers treat the name rightly. */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** True for the language in use: `aria-pressed="true"` and a check mark. */
  pressed: boolean;
}

/** The buttons for `codes`, in that order, `current` pressed. Unknown codes are left out. */
export function languagePickerOptions(current: string, codes: readonly string[] = LANGUAGE_CODES): LanguageOption[] {
  return codes.filter(isLanguage).map((code) => {
    const info = languageInfo(code);
    return { code, label: info.nativeName, lang: info.bcp47, dir: info.dir, pressed: code === current };
  });
}

/**
 * A row of large buttons, one per language, each named in its own language. It does not change
 * `language` itself: it asks, and the owner (the kiosk app) sets `language` back, so the app stays
 * the one place the language lives. Native buttons, so Tab, Enter and Space work with no extra code.
 *
 * @fires language-change - detail: the chosen `Language` code; not fired for the one already in use
 */
@customElement('language-picker')
export class LanguagePicker extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    button {
      font: inherit;
      font-size: 1.15rem;
      /* At least 48 x 48 CSS px (EN 301 549 / WCAG 2.5.5), even if the root font is small. */
      min-block-size: max(48px, 3.5rem);
      min-inline-size: max(48px, 3.5rem);
      padding-block: 0.3rem;
      padding-inline: 0.7rem;
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      border-radius: 0.8rem;
      border: 3px solid var(--accent);
      background: var(--surface);
      color: var(--accent);
      cursor: pointer;
    }
    /* The language in use differs in shape and text too (thicker border, bold, a check mark),
       not only in colour. */
    button[aria-pressed='true'] {
      background: var(--accent);
      color: var(--on-accent);
      border-width: 5px;
      font-weight: 700;
    }
    .mark {
      display: inline-block;
      inline-size: 1.2em;
      text-align: center;
    }
    /* Only the language in use carries its mark: one row fits the ten names. */
    button[aria-pressed='false'] .mark {
      display: none;
    }
    button:focus-visible {
      outline: 5px solid var(--focus);
      outline-offset: 3px;
    }
    @media (forced-colors: active) {
      button[aria-pressed='true'] {
        border-style: double;
      }
    }
  `;

  /** The language in use, whose button is pressed. Default `'it'`. */
  @property() language: Language = 'it';

  /** The codes offered, in order. Default: all ten, as in `LANGUAGES`. */
  @property({ attribute: false }) languages: readonly Language[] = LANGUAGE_CODES;

  /** Asks for `code`; does nothing for the language already in use. */
  choose(code: Language): void {
    if (code === this.language) return;
    this.dispatchEvent(new CustomEvent<Language>('language-change', { detail: code, bubbles: true, composed: true }));
  }

  override render() {
    const current = languageInfo(this.language);
    return html`
      <div class="row" role="group" lang=${current.bcp47} dir=${current.dir} aria-label=${translate(current.code, 'language.label')}>
        ${languagePickerOptions(this.language, this.languages).map(
          (o) => html`
            <button
              type="button"
              lang=${o.lang}
              dir=${o.dir}
              data-language=${o.code}
              aria-pressed=${o.pressed ? 'true' : 'false'}
              @click=${() => this.choose(o.code)}
            >
              <span class="mark" aria-hidden="true">${o.pressed ? '✓' : ''}</span>${o.label}
            </button>
          `,
        )}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'language-picker': LanguagePicker;
  }
}

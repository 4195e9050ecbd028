import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { translate, type Language } from '../i18n/translate.ts';

/**
 * "We have called a member of staff": shown once the host took a call for help. Polite, not an
 * alarm: the citizen is reassured, and nothing is decided here; OK only closes it.
 *
 * @fires help-ok - the citizen read it and closed it
 */
@customElement('help-called')
export class HelpCalled extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      inset: 0;
      display: grid;
      place-items: center;
      background: rgb(17 24 39 / 60%);
      z-index: 10;
    }
    section {
      background: var(--surface);
      color: var(--ink);
      border-radius: 1rem;
      padding: 2.5rem 3rem;
      max-width: 40rem;
      box-shadow: 0 8px 32px rgb(0 0 0 / 35%);
    }
    p {
      font-size: 1.8rem;
      margin: 0 0 2rem;
    }
    button {
      font: inherit;
      font-size: 1.6rem;
      min-height: 5rem;
      min-width: 10rem;
      padding: 0 2rem;
      border-radius: 1rem;
      border: 3px solid var(--accent);
      background: var(--accent);
      color: var(--on-accent);
      cursor: pointer;
    }
    button:focus-visible {
      outline: 5px solid var(--focus);
      outline-offset: 4px;
    }
  `;

  @property() language: Language = 'it';

  override firstUpdated(): void {
    // The keypad and a screen reader land on the one thing to do here.
    this.renderRoot.querySelector('button')?.focus();
  }

  override render() {
    return html`
      <section role="dialog" aria-modal="true" aria-labelledby="m">
        <p id="m" role="status" aria-live="polite" data-testid="help-called">${translate(this.language, 'help.called')}</p>
        <button data-action="help-ok" @click=${() => this.dispatchEvent(new CustomEvent('help-ok', { bubbles: true, composed: true }))}>
          ${translate(this.language, 'help.ok')}
        </button>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'help-called': HelpCalled;
  }
}

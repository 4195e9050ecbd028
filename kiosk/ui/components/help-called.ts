import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { translate, type Language } from '../i18n/translate.ts';
import { overlayDialogStyles } from './overlay-dialog-styles.ts';

/**
 * "We have called a member of staff": shown once the host took a call for help. Polite, not an
 * alarm: the citizen is reassured, and nothing is decided here; OK only closes it.
 *
 * @fires help-ok - the citizen read it and closed it
 */
@customElement('help-called')
export class HelpCalled extends LitElement {
  static override styles = [
    overlayDialogStyles,
    css`
      p {
        font-size: 1.8rem;
      }
      button {
        min-width: 10rem;
      }
    `,
  ];

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

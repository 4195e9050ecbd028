import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { translate, type Language } from '../i18n/translate.ts';
import { overlayDialogStyles } from './overlay-dialog-styles.ts';

/**
 * "Are you still there?": a modal warning with a visible countdown and a large button for more
 * time. The countdown is drawn from `until`; the attention machine decides when time is up.
 *
 * @fires more-time - the citizen asked for more time
 */
@customElement('timeout-warning')
export class TimeoutWarning extends LitElement {
  static override styles = [
    overlayDialogStyles,
    css`
      h2 {
        font-size: 2.4rem;
        margin: 0 0 1rem;
      }
      p {
        font-size: 1.6rem;
      }
    `,
  ];

  @property() language: Language = 'it';
  /** When the session ends, in ms since the epoch. */
  @property({ type: Number }) until = 0;
  @state() private now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => (this.now = Date.now()), 250);
  }

  override disconnectedCallback(): void {
    clearInterval(this.timer);
    super.disconnectedCallback();
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector('button')?.focus();
  }

  override render() {
    const seconds = String(Math.max(0, Math.ceil((this.until - this.now) / 1000)));
    const t = (k: 'timeout.title' | 'timeout.body' | 'timeout.more', p?: Record<string, string>) => translate(this.language, k, p);
    return html`
      <section role="alertdialog" aria-modal="true" aria-labelledby="t" aria-describedby="d">
        <h2 id="t">${t('timeout.title')}</h2>
        <p id="d" aria-live="polite" data-testid="countdown">${t('timeout.body', { seconds })}</p>
        <button data-action="more-time" @click=${() => this.dispatchEvent(new CustomEvent('more-time', { bubbles: true, composed: true }))}>
          ${t('timeout.more')}
        </button>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'timeout-warning': TimeoutWarning;
  }
}

import { html, css, type CSSResultGroup } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { translateError } from '../i18n/translate.ts';
import { groupedCode } from '../format.ts';
import { ScreenBase } from './screen-base.ts';
import '../components/cup-keypad.ts';

const CODE_LENGTH = 12;

@customElement('screen-code-entry')
export class ScreenCodeEntry extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      .row {
        display: flex;
        gap: 3rem;
        align-items: flex-start;
      }
      output {
        display: block;
        font-size: 2.6rem;
        font-variant-numeric: tabular-nums;
        letter-spacing: 0.1em;
        min-height: 3.5rem;
        min-width: 20ch;
        border-bottom: 4px solid var(--ink);
        padding: 0.3rem 0;
      }
    `,
  ];

  /** True while the host looks the code up. */
  @property({ type: Boolean }) busy = false;
  @state() private digits = '';

  private onKey = (e: KeyboardEvent) => {
    if (/^\d$/.test(e.key)) this.key(e.key);
    else if (e.key === 'Backspace') this.key('del');
    else if (e.key === 'Enter') this.key('ok');
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  private key(k: string) {
    if (this.busy) return;
    this.send({ type: 'SESSION.ACTIVITY' });
    if (k === 'del') this.digits = this.digits.slice(0, -1);
    else if (k === 'ok') {
      if (this.digits.length === CODE_LENGTH) this.send({ type: 'CODE.SUBMIT', code: this.digits });
    } else if (this.digits.length < CODE_LENGTH) this.digits += k;
  }

  override render() {
    const error = this.context.error;
    return html`
      <h1>${this.t('code.title')}</h1>
      <p class="lead">${this.t('code.hint')}</p>
      <div class="row">
        <div>
          <output aria-live="polite" data-testid="code">${groupedCode(this.digits)}</output>
          ${this.busy ? html`<p class="lead">${this.t('code.searching')}</p>` : ''}
          ${error && !this.busy
            ? html`<p class="error" role="alert" data-error=${error.code}>${translateError(this.language, 'code.error', error.code)}</p>`
            : ''}
        </div>
        <cup-keypad
          .deleteLabel=${this.t('code.delete')}
          .okLabel=${this.t('code.confirm')}
          ?okDisabled=${this.digits.length !== CODE_LENGTH || this.busy}
          @keypad-key=${(e: CustomEvent<string>) => this.key(e.detail)}
        ></cup-keypad>
      </div>
      <div class="spacer"></div>
      <div class="actions">
        <button class="secondary" data-action="back" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('code.back')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-code-entry': ScreenCodeEntry;
  }
}

import { html, css, type CSSResultGroup } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { translateError } from '../i18n/translate.ts';
import { ScreenBase } from './screen-base.ts';
import '../components/cup-keypad.ts';
import { PhysicalKeypad } from '../components/physical-keypad.ts';

/** Digits of a phone number, with its international prefix; an Italian mobile has 10. */
const MAX_LENGTH = 16;
const MIN_DIGITS = 6;

/** The call-back number for the waiting list, typed on the keypad (or the keyboard); + for abroad. */
@customElement('screen-phone-entry')
export class ScreenPhoneEntry extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      .row {
        flex: 1;
        display: flex;
        flex-wrap: wrap;
        gap: 1.5rem 3rem;
        align-items: flex-start;
        align-content: space-between;
      }
      .pad {
        display: flex;
        flex-direction: column;
        gap: 0.8rem;
      }
      output {
        display: block;
        font-size: 2.6rem;
        font-variant-numeric: tabular-nums;
        letter-spacing: 0.05em;
        min-height: 3.5rem;
        min-width: 16ch;
        max-width: 100%;
        border-bottom: 4px solid var(--ink);
        padding: 0.3rem 0;
        direction: ltr;
        unicode-bidi: isolate;
      }
      button.plus {
        min-width: 7rem;
        font-size: 2rem;
        background: var(--surface);
        color: var(--ink);
      }
    `,
  ];

  /** True while the request is recorded. */
  @property({ type: Boolean }) busy = false;
  @state() private phone = '';

  constructor() {
    super();
    new PhysicalKeypad(this, (k) => this.key(k), ['+']);
  }

  private digits() {
    return this.phone.replace(/\D/g, '').length;
  }

  private key(k: string) {
    if (this.busy) return;
    this.send({ type: 'SESSION.ACTIVITY' });
    if (k === 'del') this.phone = this.phone.slice(0, -1);
    else if (k === 'ok') {
      if (this.digits() >= MIN_DIGITS) this.send({ type: 'PHONE.SUBMIT', phone: this.phone });
    } else if (k === '+') {
      // Only an international prefix starts with +.
      if (this.phone === '') this.phone = '+';
    } else if (this.phone.length < MAX_LENGTH) this.phone += k;
  }

  override render() {
    const error = this.context.error;
    return html`
      <h1>${this.t('phone.title')}</h1>
      <p class="lead">${this.t('phone.hint')}</p>
      <div class="row">
        <div>
          <output aria-live="polite" data-testid="phone">${this.phone}</output>
          ${this.busy ? html`<p class="lead">${this.t('phone.sending')}</p>` : ''}
          ${error && !this.busy ? html`<p class="error" role="alert" data-error=${error.code}>${translateError(this.language, 'phone.error', error.code)}</p>` : ''}
        </div>
        <div class="pad">
          <cup-keypad
            .deleteLabel=${this.t('code.delete')}
            .okLabel=${this.t('code.confirm')}
            ?okDisabled=${this.digits() < MIN_DIGITS || this.busy}
            @keypad-key=${(e: CustomEvent<string>) => this.key(e.detail)}
          ></cup-keypad>
          <button class="plus" data-key="+" aria-label=${this.t('phone.plus')} ?disabled=${this.phone !== ''} @click=${() => this.key('+')}>+</button>
        </div>
      </div>
      <div class="actions">
        <button class="secondary" data-action="back" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('code.back')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-phone-entry': ScreenPhoneEntry;
  }
}

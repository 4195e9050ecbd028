import { html, css, type CSSResultGroup } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { TAX_CODE_LENGTH } from '../../../sync-service/domain/tax-code.ts';
import { ScreenBase } from './screen-base.ts';
import { PhysicalKeypad } from '../components/physical-keypad.ts';
import { checkTypedTaxCode, groupedTaxCode } from './tax-code-text.ts';

/** The on-screen keyboard: digits, then the letters as on an Italian (QWERTY) keyboard. */
const ROWS = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** What the physical keyboard types here besides digits: letters in either case. */
const TYPED_LETTERS = [...LETTERS, ...LETTERS.toLowerCase()];

/** The codice fiscale typed on an on-screen keyboard (or a physical one), checked as it is typed. */
@customElement('screen-tax-code')
export class ScreenTaxCode extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      output {
        display: block;
        font-size: 2.6rem;
        font-variant-numeric: tabular-nums;
        letter-spacing: 0.1em;
        min-height: 3.5rem;
        border-bottom: 4px solid var(--ink);
        padding: 0.3rem 0;
        direction: ltr;
        unicode-bidi: isolate;
      }
      .status .icon {
        font-weight: 700;
        margin-inline-end: 0.5rem;
      }
      /* The keys keep their order in a right-to-left language: it is the code's order. */
      .keys {
        display: flex;
        flex-direction: column;
        gap: 0.6rem;
        direction: ltr;
      }
      .keys div {
        display: flex;
        justify-content: center;
        gap: 0.6rem;
      }
      .keys button {
        flex: 0 1 5.4rem;
        min-width: 48px;
        min-height: 48px;
        height: 4.8rem;
        padding: 0;
        font-size: 2rem;
        border-radius: 0.8rem;
        background: var(--surface);
        color: var(--ink);
      }
      .keys button.del {
        flex-basis: 8rem;
      }
    `,
  ];

  @state() private typed = '';

  constructor() {
    super();
    new PhysicalKeypad(this, (k) => this.key(k), TYPED_LETTERS);
  }

  private key(k: string) {
    this.send({ type: 'SESSION.ACTIVITY' });
    if (k === 'del') this.typed = this.typed.slice(0, -1);
    else if (k === 'ok') this.confirm();
    else if (this.typed.length < TAX_CODE_LENGTH) this.typed += k.toUpperCase();
  }

  private confirm() {
    if (checkTypedTaxCode(this.typed).status === 'valid') this.send({ type: 'TAX_CODE.SUBMIT', taxCode: this.typed });
  }

  private status() {
    const check = checkTypedTaxCode(this.typed);
    switch (check.status) {
      case 'incomplete':
        return html`<p class="lead status" role="status" data-status="incomplete"><span class="icon" aria-hidden="true">…</span>${this.t('taxCode.typed', { count: String(check.typed) })}</p>`;
      case 'valid':
        return html`<p class="lead status" role="status" data-status="valid"><span class="icon" aria-hidden="true">✓</span>${this.t('taxCode.valid')}</p>`;
      default:
        return html`<p class="lead status error" role="status" data-status=${check.status}>
          <span class="icon" aria-hidden="true">✗</span>${this.t(check.status === 'wrongCheck' ? 'taxCode.wrongCheck' : 'taxCode.invalid')}
        </p>`;
    }
  }

  override render() {
    const valid = checkTypedTaxCode(this.typed).status === 'valid';
    return html`
      <h1>${this.t('taxCode.title')}</h1>
      <p class="lead">${this.t('taxCode.hint')}</p>
      <output data-testid="tax-code">${groupedTaxCode(this.typed)}</output>
      ${this.status()}
      <div class="spacer"></div>
      <div class="keys">
        ${ROWS.map(
          (row, i) => html`<div>
            ${[...row].map((k) => html`<button data-key=${k} @click=${() => this.key(k)}>${k}</button>`)}
            ${i === ROWS.length - 1 ? html`<button class="del" data-key="del" aria-label=${this.t('code.delete')} @click=${() => this.key('del')}>⌫</button>` : ''}
          </div>`,
        )}
      </div>
      <div class="actions">
        <button class="secondary" data-action="back" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('code.back')}</button>
        <button data-action="confirm-tax-code" ?disabled=${!valid} @click=${() => this.confirm()}>${this.t('code.confirm')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-tax-code': ScreenTaxCode;
  }
}

import { html, css, type CSSResultGroup } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MessageKey } from '../i18n/messages.ts';
import { translateError, type ErrorPrefix } from '../i18n/translate.ts';
import { groupedCode } from '../format.ts';
import { ScreenBase } from './screen-base.ts';
import '../components/cup-keypad.ts';
import { PhysicalKeypad } from '../components/physical-keypad.ts';

/** What is typed here: a booking code (12 digits) or a pagoPA notice code (18). */
export type CodeKind = 'booking' | 'notice' | 'manage';

const KINDS: Record<CodeKind, { length: number; title: MessageKey; hint: MessageKey; searching: MessageKey; errors: ErrorPrefix }> = {
  booking: { length: 12, title: 'code.title', hint: 'code.hint', searching: 'code.searching', errors: 'code.error' },
  manage: { length: 12, title: 'manage.code.title', hint: 'code.hint', searching: 'code.searching', errors: 'manage.error' },
  notice: { length: 18, title: 'notice.code.title', hint: 'notice.code.hint', searching: 'notice.code.searching', errors: 'notice.error' },
};

/** A code typed on the keypad (or the keyboard), shown in groups of four as it is printed. */
@customElement('screen-code-entry')
export class ScreenCodeEntry extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      /* Side by side on a wide screen; on a tall one the keypad drops to the lower part, near the hand. */
      .row {
        flex: 1;
        display: flex;
        flex-wrap: wrap;
        gap: 1.5rem 3rem;
        align-items: flex-start;
        align-content: space-between;
      }
      output {
        display: block;
        font-size: 2.6rem;
        font-variant-numeric: tabular-nums;
        letter-spacing: 0.1em;
        min-height: 3.5rem;
        min-width: 20ch;
        max-width: 100%;
        border-bottom: 4px solid var(--ink);
        padding: 0.3rem 0;
      }
    `,
  ];

  @property() kind: CodeKind = 'booking';
  /** True while the host looks the code up. */
  @property({ type: Boolean }) busy = false;
  @state() private digits = '';

  constructor() {
    super();
    new PhysicalKeypad(this, (k) => this.key(k));
  }

  private key(k: string) {
    if (this.busy) return;
    const { length } = KINDS[this.kind];
    this.send({ type: 'SESSION.ACTIVITY' });
    if (k === 'del') this.digits = this.digits.slice(0, -1);
    else if (k === 'ok') {
      if (this.digits.length === length) this.send({ type: 'CODE.SUBMIT', code: this.digits });
    } else if (this.digits.length < length) this.digits += k;
  }

  override render() {
    const kind = KINDS[this.kind];
    const error = this.context.error;
    return html`
      <h1>${this.t(kind.title)}</h1>
      <p class="lead">${this.t(kind.hint)}</p>
      <div class="row">
        <div>
          <output aria-live="polite" data-testid="code">${groupedCode(this.digits)}</output>
          ${this.busy ? html`<p class="lead">${this.t(kind.searching)}</p>` : ''}
          ${error && !this.busy
            ? html`<p class="error" role="alert" data-error=${error.code}>${translateError(this.language, kind.errors, error.code)}</p>`
            : ''}
        </div>
        <cup-keypad
          .deleteLabel=${this.t('code.delete')}
          .okLabel=${this.t('code.confirm')}
          ?okDisabled=${this.digits.length !== kind.length || this.busy}
          @keypad-key=${(e: CustomEvent<string>) => this.key(e.detail)}
        ></cup-keypad>
      </div>
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

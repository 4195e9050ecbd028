import { html, css, type CSSResultGroup } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { cashRounded } from '../../machines/cash-rounding.ts';
import { basketTotal, validCardPart } from '../../machines/session-context.ts';
import { euro } from '../format.ts';
import { ScreenBase } from './screen-base.ts';
import '../components/cup-keypad.ts';
import { PhysicalKeypad } from '../components/physical-keypad.ts';

/**
 * "Part by card, the rest in cash": the card part typed on the keypad as a cash machine takes
 * it, the last two digits being the cents, so no comma key is needed.
 */
@customElement('screen-card-part')
export class ScreenCardPart extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      /* Side by side on a wide screen; on a tall one the keypad drops to the lower part, near the hand. */
      .entry {
        flex: 1;
        display: flex;
        flex-wrap: wrap;
        gap: 1.5rem 3rem;
        align-items: flex-start;
        align-content: space-between;
      }
      @media (orientation: portrait) {
        .entry {
          flex-direction: column;
          flex-wrap: nowrap;
          justify-content: space-between;
        }
        .figures {
          flex: none;
          align-self: stretch;
        }
      }
      .figures {
        display: flex;
        flex-direction: column;
        gap: 0.8rem;
        flex: 1;
        min-width: 18rem;
      }
      label {
        font-size: 1.6rem;
        font-weight: 700;
      }
      output {
        display: block;
        font-size: 3.2rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        border-bottom: 4px solid var(--ink);
        padding: 0.3rem 0;
        min-width: 8ch;
      }
    `,
  ];

  @state() private digits = '';

  constructor() {
    super();
    new PhysicalKeypad(this, (k) => this.key(k));
  }

  private get total(): number {
    return basketTotal(this.context).amountDueCents;
  }

  private get cents(): number {
    return Number(this.digits || '0');
  }

  private key(k: string) {
    this.send({ type: 'SESSION.ACTIVITY' });
    if (k === 'del') this.digits = this.digits.slice(0, -1);
    else if (k === 'ok') {
      if (validCardPart(this.cents, this.total)) this.send({ type: 'CARD_PART.SUBMIT', cents: this.cents });
    } else if (this.digits.length < String(this.total).length && !(this.digits === '' && k === '0')) this.digits += k;
  }

  override render() {
    const total = this.total;
    const cents = this.cents;
    const valid = validCardPart(cents, total);
    return html`
      <h1>${this.t('split.title')}</h1>
      <p class="lead">${this.t('split.total', { amount: euro(total) })}</p>
      <p class="lead">${this.t('split.hint')}</p>
      <div class="entry">
        <div class="figures">
          <label id="card-part-label" for="card-part">${this.t('split.card')}</label>
          <output id="card-part" aria-live="polite" data-testid="card-part"><span class="money">${euro(cents)}</span></output>
          ${valid ? html`<p class="lead" data-testid="cash-rest">${this.t('split.rest', { amount: euro(cashRounded(total - cents)) })}</p>` : ''}
          ${cents >= total ? html`<p class="error" role="alert" data-error="CARD_PART_TOO_MUCH">${this.t('split.tooMuch')}</p>` : ''}
        </div>
        <cup-keypad
          .deleteLabel=${this.t('code.delete')}
          .okLabel=${this.t('code.confirm')}
          ?okDisabled=${!valid}
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
    'screen-card-part': ScreenCardPart;
  }
}

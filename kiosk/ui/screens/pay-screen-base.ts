import { css, html, type CSSResultGroup } from 'lit';
import { property } from 'lit/decorators.js';
import { paymentErrorKey, translateError } from '../i18n/translate.ts';
import { ScreenBase } from './screen-base.ts';

/**
 * What the screens where a citizen chooses how to pay share (booking, notice, unpaid list):
 * the three ways to pay, and the words for a payment that could not start.
 */
export class PayScreenBase extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      .methods {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
        gap: 1.5rem;
      }
      /* The mixed way has the longest name: a row of its own, so it never squeezes the others. */
      .methods .wide {
        grid-column: 1 / -1;
      }
      .methods button {
        min-width: 0;
        padding: 0.6rem 1.5rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.4rem 1.5rem;
        font-size: 1.4rem;
        margin: 0;
      }
      dt {
        font-weight: 700;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .due {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        flex-wrap: wrap;
        gap: 0 1.5rem;
      }
      .due .lead {
        font-size: 1.6rem;
      }
    `,
  ];

  /** The printer cannot print: no money is taken (the host refuses too). */
  @property({ type: Boolean }) printerDown = false;
  /** A card terminal is attached: card and part-by-card are offered. */
  @property({ type: Boolean }) cardPayments = false;

  /** The ways to pay, as large buttons; nothing when `payable` is false. */
  protected methodButtons(payable: boolean) {
    if (!payable) return '';
    return html`<div class="methods">
      <button data-action="pay-cash" @click=${() => this.send({ type: 'PAY.CASH' })}>${this.t('booking.payCash')}</button>
      ${this.cardPayments
        ? html`<button data-action="pay-card" @click=${() => this.send({ type: 'PAY.CARD' })}>${this.t('booking.payCard')}</button>
            <button class="wide" data-action="pay-split" @click=${() => this.send({ type: 'PAY.SPLIT' })}>${this.t('pay.split')}</button>`
        : ''}
    </div>`;
  }

  /** Why the payment could not start, or why the card was not taken; and a printer that cannot print. */
  protected paymentProblems(canPay: boolean) {
    const error = this.context.error;
    return html`
      ${this.printerDown && canPay
        ? html`<p class="error" role="alert" data-error="PRINTER_NOT_READY">${translateError(this.language, 'booking.error', 'PRINTER_NOT_READY')}</p>`
        : ''}
      ${error ? html`<p class="error" role="alert" data-error=${error.code}>${this.t(paymentErrorKey(error.code))}</p>` : ''}
    `;
  }
}

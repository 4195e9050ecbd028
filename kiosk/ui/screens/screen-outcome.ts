import { css, html, type CSSResultGroup } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { euro } from '../format.ts';
import { ScreenBase } from './screen-base.ts';

export type Outcome = 'printing' | 'done' | 'printFailed' | 'cancelled';

/** The closing screens of a payment: printing, done, printed nothing, cancelled. */
@customElement('screen-outcome')
export class ScreenOutcome extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      .with-receipt {
        display: flex;
        gap: 3rem;
        min-height: 0;
        flex: 1;
      }
      .with-receipt > div {
        flex: 1;
        display: flex;
        flex-direction: column;
        gap: 1.2rem;
      }
      img.receipt {
        height: 34rem;
        border: 1px solid var(--rule);
        box-shadow: 0 2px 12px rgb(0 0 0 / 15%);
        background: #fff;
      }
    `,
  ];

  @property() outcome: Outcome = 'done';

  private body() {
    const done = this.context.completed;
    const id = done?.transactionId ?? '';
    switch (this.outcome) {
      case 'printing':
        return html`<h1>${this.t('printing.title')}</h1>
          <p class="lead">${this.t('printing.wait')}</p>`;
      case 'done': {
        const receipt = this.context.receipt;
        return html`<div class="with-receipt">
          <div>
            <h1>${this.t('done.title')}</h1>
            <p class="lead">${this.t('done.receipt', { id })}</p>
            ${receipt && receipt.changePaidCents > 0
              ? html`<p class="lead" data-testid="change">${this.t('done.change', { amount: euro(receipt.changePaidCents) })}</p>`
              : ''}
            ${receipt && receipt.voucherCents > 0
              ? html`<p class="error" role="status" data-testid="voucher">${this.t('done.voucher', { amount: euro(receipt.voucherCents) })}</p>`
              : ''}
          </div>
          ${receipt
            ? html`<img class="receipt" data-testid="receipt" alt=${receipt.text} src=${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(receipt.svg)}`} />`
            : ''}
        </div>`;
      }
      case 'printFailed':
        return html`<h1>${this.t('printFailed.title')}</h1>
          <p class="error" role="alert">${this.t('printFailed.body', { id })}</p>`;
      case 'cancelled': {
        const c = this.context.cancellation;
        return html`<h1>${this.t('cancelled.title')}</h1>
          ${!c || (c.refundedCents === 0 && c.voucherCents === 0 && c.cardReversedCents === 0) ? html`<p class="lead">${this.t('cancelled.body')}</p>` : ''}
          ${c && c.refundedCents > 0 ? html`<p class="lead" data-testid="refunded">${this.t('cancelled.refunded', { amount: euro(c.refundedCents) })}</p>` : ''}
          ${c && c.voucherCents > 0 ? html`<p class="lead" data-testid="voucher">${this.t('cancelled.voucher', { amount: euro(c.voucherCents) })}</p>` : ''}
          ${c && c.cardReversedCents > 0
            ? html`<p class="lead" data-testid="card-reversed">${this.t('cancelled.cardReversed', { amount: euro(c.cardReversedCents) })}</p>`
            : ''}`;
      }
    }
  }

  override render() {
    return html`
      ${this.body()}
      <div class="spacer"></div>
      ${this.outcome === 'printing'
        ? ''
        : html`<div class="actions">
            <button data-action="finish" @click=${() => this.send({ type: 'SESSION.FINISH' })}>${this.t('done.finish')}</button>
          </div>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-outcome': ScreenOutcome;
  }
}

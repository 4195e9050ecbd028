import { html, css, type CSSResultGroup } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { euro } from '../format.ts';
import { ScreenBase } from './screen-base.ts';

@customElement('screen-paying')
export class ScreenPaying extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      .figures {
        display: grid;
        grid-template-columns: max-content max-content;
        gap: 0.6rem 3rem;
        align-items: baseline;
        font-size: 1.8rem;
      }
      .figures .value {
        font-size: 2.6rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        text-align: right;
      }
    `,
  ];

  @property({ type: Boolean }) cancelling = false;

  override render() {
    const p = this.context.payment;
    if (!p) return html``;
    const remaining = Math.max(0, p.amountDueCents - p.creditedCents);
    if (p.method === 'card') {
      return html`
        <h1>${this.t('paying.card.title')}</h1>
        <p class="lead">${this.t('paying.card.body', { amount: euro(p.amountDueCents) })}</p>
        ${this.cancelling ? html`<p class="lead">${this.t('paying.cancelling')}</p>` : ''}
        <div class="spacer"></div>
        ${this.cancelButton()}
      `;
    }
    return html`
      <h1>${this.t('paying.title')}</h1>
      <div class="figures" aria-live="polite">
        <span>${this.t('paying.due')}</span><span class="value" data-testid="due">${euro(p.amountDueCents)}</span>
        <span>${this.t('paying.inserted')}</span><span class="value" data-testid="credited">${euro(p.creditedCents)}</span>
        <span>${this.t('paying.remaining')}</span><span class="value" data-testid="remaining">${euro(remaining)}</span>
      </div>
      ${this.context.error?.code === 'CASH_NO_CHANGE'
        ? html`<p class="error" role="alert" data-error="CASH_NO_CHANGE">${this.t('paying.billReturned', { amount: euro(Number(this.context.error.message)) })}</p>`
        : ''}
      ${this.cancelling ? html`<p class="lead">${this.t('paying.cancelling')}</p>` : ''}
      <div class="spacer"></div>
      ${this.cancelButton()}
    `;
  }

  private cancelButton() {
    return html`<div class="actions">
      <button class="secondary" data-action="cancel" ?disabled=${this.cancelling} @click=${() => this.send({ type: 'SESSION.CANCEL' })}>
        ${this.t('paying.cancel')}
      </button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-paying': ScreenPaying;
  }
}

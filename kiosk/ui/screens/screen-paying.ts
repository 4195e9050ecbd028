import { html, css, type CSSResultGroup } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { leftToPay, paidSoFar } from '../../machines/session-context.ts';
import { euro } from '../format.ts';
import { ScreenBase } from './screen-base.ts';

/** Money being taken: coins and bills against what is due, or the card terminal at work. */
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
        text-align: end;
      }
    `,
  ];

  @property({ type: Boolean }) cancelling = false;
  /** The card terminal is being started for the rest. */
  @property({ type: Boolean }) starting = false;
  /** A card terminal is attached: the rest may go to it. */
  @property({ type: Boolean }) cardPayments = false;

  override render() {
    const p = this.context.payment;
    if (!p) return html``;
    if (p.method === 'card') {
      const amount = euro(p.cardCents || p.amountDueCents);
      // The whole amount by card keeps its one sentence; a part or a rest says which, then how.
      const whole = paidSoFar(p) === 0 && !(p.cardCents > 0 && p.cardCents < p.amountDueCents);
      return html`
        <h1>${this.t('paying.card.title')}</h1>
        ${whole
          ? html`<p class="lead" data-testid="card-amount">${this.t('paying.card.body', { amount })}</p>`
          : html`<p class="lead" data-testid="card-amount">
                ${paidSoFar(p) > 0 ? this.t('paying.card.rest', { amount, paid: euro(paidSoFar(p)) }) : this.t('paying.card.part', { amount })}
              </p>
              <p class="lead">${this.t('paying.card.follow')}</p>`}
        ${this.cancelling ? html`<p class="lead">${this.t('paying.cancelling')}</p>` : ''}
        <div class="spacer"></div>
        ${this.actions(false)}
      `;
    }
    const error = this.context.error;
    return html`
      <h1>${this.t('paying.title')}</h1>
      <div class="figures" aria-live="polite">
        ${p.cardPaidCents > 0
          ? html`<span>${this.t('paying.cardPaid')}</span><span class="value" data-testid="card-paid">${euro(p.cardPaidCents)}</span>`
          : ''}
        <span>${this.t(p.cardPaidCents > 0 ? 'paying.cashDue' : 'paying.due')}</span><span class="value" data-testid="due">${euro(p.cashDueCents)}</span>
        <span>${this.t('paying.inserted')}</span><span class="value" data-testid="credited">${euro(p.creditedCents)}</span>
        <span>${this.t('paying.remaining')}</span><span class="value" data-testid="remaining">${euro(leftToPay(p))}</span>
      </div>
      ${error?.code === 'CASH_NO_CHANGE'
        ? html`<p class="error" role="alert" data-error="CASH_NO_CHANGE">${this.t('paying.billReturned', { amount: euro(Number(error.message)) })}</p>`
        : ''}
      ${error && !error.code.startsWith('CASH_') ? html`<p class="error" role="alert" data-error=${error.code}>${this.t('paying.cardFailed')}</p>` : ''}
      ${this.cancelling ? html`<p class="lead">${this.t('paying.cancelling')}</p>` : ''}
      <div class="spacer"></div>
      ${this.actions(this.cardPayments)}
    `;
  }

  private actions(restByCard: boolean) {
    const busy = this.cancelling || this.starting;
    return html`<div class="actions">
      ${restByCard
        ? html`<button data-action="rest-by-card" ?disabled=${busy} @click=${() => this.send({ type: 'PAY.REST_BY_CARD' })}>${this.t('paying.restByCard')}</button>`
        : ''}
      <button class="secondary" data-action="cancel" ?disabled=${busy} @click=${() => this.send({ type: 'SESSION.CANCEL' })}>${this.t('paying.cancel')}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-paying': ScreenPaying;
  }
}

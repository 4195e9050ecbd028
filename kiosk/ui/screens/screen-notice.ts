import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { euro, groupedCode, longDate } from '../format.ts';
import { PayScreenBase } from './pay-screen-base.ts';

/** A pagoPA notice as the central verified it: who asks, for what, how much, by when. */
@customElement('screen-notice')
export class ScreenNotice extends PayScreenBase {
  override render() {
    const n = this.context.notice;
    if (!n) return html``;
    const payable = n.status === 'payable' && n.amountDueCents > 0 && !this.printerDown;
    return html`
      <h1>${this.t('notice.title')}</h1>
      <dl>
        <dt>${this.t('notice.creditor')}</dt>
        <dd data-testid="creditor"><bdi>${n.creditorName}</bdi></dd>
        <dt>${this.t('notice.subject')}</dt>
        <dd><bdi>${n.subject}</bdi></dd>
        <dt>${this.t('notice.code')}</dt>
        <dd data-testid="notice-code">${groupedCode(n.noticeCode)}</dd>
        <dt>${this.t('notice.dueDate')}</dt>
        <dd>${longDate(n.dueDate)}</dd>
      </dl>
      <div class="due">
        <span class="lead">${this.t(n.status === 'payable' ? 'booking.due' : 'notice.amount')}</span>
        <span class="amount" data-testid="amount-due">${euro(n.amountDueCents)}</span>
      </div>
      ${n.cashDueCents !== n.amountDueCents && payable
        ? html`<p class="lead" data-testid="cash-due">${this.t('booking.cashDue', { amount: euro(n.cashDueCents) })}</p>`
        : ''}
      ${n.status === 'paid' ? html`<p class="error" role="status" data-status="paid">${this.t('notice.error.NOTICE_PAID')}</p>` : ''}
      ${n.status === 'cancelled' ? html`<p class="error" role="status" data-status="cancelled">${this.t('notice.error.NOTICE_CANCELLED')}</p>` : ''}
      ${this.paymentProblems(n.status === 'payable')}
      <div class="spacer"></div>
      ${this.methodButtons(payable)}
      <div class="actions">
        <button class="secondary" data-action="back" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('booking.back')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-notice': ScreenNotice;
  }
}

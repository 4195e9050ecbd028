import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { appointment, euro, latinDigits } from '../format.ts';
import { languageInfo } from '../i18n/languages.ts';
import { ScreenBase } from './screen-base.ts';

/** A booking cancelled (with its refund reference, or the ticket still due) or moved (its new time): the paper to take. */
@customElement('screen-manage-done')
export class ScreenManageDone extends ScreenBase {
  @property() outcome: 'cancelled' | 'moved' = 'cancelled';

  private cancelled() {
    const done = this.context.cancelDone;
    if (!done) return html``;
    const code = done.bookingCode.replace(/(\d{4})(?=\d)/g, '$1 ');
    const what = done.timing === 'late' ? this.t('manage.cancelled.late') : done.refund ? this.t('manage.cancelled.refund', { amount: euro(done.refund.amountCents), ref: done.refund.refundId }) : this.t('manage.cancelled.free');
    return html`
      <h1 data-testid="cancelled">${this.t('manage.cancelled.title')}</h1>
      <p class="lead">${this.t('booked.code', { code })}</p>
      <p class="lead" data-testid="refund">${what}</p>
      <p class="lead">${done.slip ? this.t('manage.receipt') : this.t('manage.noReceipt', { code })}</p>
    `;
  }

  private moved() {
    const done = this.context.moved;
    if (!done) return html``;
    const code = done.booking.bookingCode.replace(/(\d{4})(?=\d)/g, '$1 ');
    return html`
      <h1 data-testid="moved">${this.t('moved.title')}</h1>
      <p class="lead" data-testid="new-time"><strong>${appointment(done.booking.startsAt, latinDigits(languageInfo(this.language).bcp47))}</strong></p>
      <p class="lead"><bdi>${done.booking.providerName} — ${done.booking.placeName}, ${done.booking.placeAddress}</bdi></p>
      <p class="lead">${this.t('moved.same', { code })}</p>
      <p class="lead">${done.slip ? this.t('booked.slip') : this.t('booked.noSlip', { code })}</p>
    `;
  }

  override render() {
    return html`
      ${this.outcome === 'moved' ? this.moved() : this.cancelled()}
      <div class="spacer"></div>
      <div class="actions">
        ${this.menuOrFinish('menu')}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-manage-done': ScreenManageDone;
  }
}

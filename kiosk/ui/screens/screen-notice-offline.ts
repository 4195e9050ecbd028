import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ScreenBase } from './screen-base.ts';

/** The central does not answer: notices wait for it (no double payment), a booking's ticket does not. */
@customElement('screen-notice-offline')
export class ScreenNoticeOffline extends ScreenBase {
  override render() {
    const what = this.context.flow === 'unpaid' ? 'offline.unpaid' : 'offline.notice';
    return html`
      <h1 data-testid="offline">${this.t('offline.title')}</h1>
      <p class="lead">${this.t(what)}</p>
      <p class="lead">${this.t('offline.bookings', { button: this.t('menu.payBooking') })}</p>
      <div class="spacer"></div>
      <div class="actions">
        <button data-action="pay-booking" @click=${() => this.send({ type: 'MENU.PAY_BOOKING' })}>${this.t('menu.payBooking')}</button>
        <button class="secondary" data-action="back" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('code.back')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-notice-offline': ScreenNoticeOffline;
  }
}

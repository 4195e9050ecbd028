import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ScreenBase } from './screen-base.ts';

/** The central does not answer: nothing can be booked now, but a booking's ticket can be paid. */
@customElement('screen-booking-offline')
export class ScreenBookingOffline extends ScreenBase {
  override render() {
    return html`
      <h1 data-testid="booking-offline">${this.t('offline.title')}</h1>
      <p class="lead">${this.t('offline.booking')}</p>
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
    'screen-booking-offline': ScreenBookingOffline;
  }
}

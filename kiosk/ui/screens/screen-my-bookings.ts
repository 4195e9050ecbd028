import { html, type CSSResultGroup } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ManagedBooking } from '../../bridge/manage-api.ts';
import { appointment, latinDigits } from '../format.ts';
import { languageInfo } from '../i18n/languages.ts';
import { translateError } from '../i18n/translate.ts';
import { choiceList } from './booking-styles.ts';
import { ScreenBase } from './screen-base.ts';

/** The identified citizen's upcoming bookings, soonest first, each a large button; or a booking code instead. */
@customElement('screen-my-bookings')
export class ScreenMyBookings extends ScreenBase {
  static override styles: CSSResultGroup = [ScreenBase.styles, choiceList];

  /** True while the list is asked for. */
  @property({ type: Boolean }) busy = false;

  private item(b: ManagedBooking) {
    return html`<li>
      <button data-booking=${b.bookingCode} @click=${() => this.send({ type: 'MANAGE.CHOOSE', bookingCode: b.bookingCode })}>
        <strong>${appointment(b.startsAt, latinDigits(languageInfo(this.language).bcp47))}</strong>
        <span><bdi>${b.services.map((s) => s.description).join(', ')}</bdi></span>
        <span><bdi>${b.providerName} — ${b.placeName}</bdi></span>
      </button>
    </li>`;
  }

  override render() {
    const list = this.context.myBookings;
    const error = this.context.error;
    const heading = html`<h1>${this.t('manage.list.title')}</h1>`;
    if (this.busy || !list) return html`${heading}<p class="lead" role="status">${this.t('manage.list.loading')}</p>`;
    return html`
      ${heading}
      ${list.offline ? html`<p class="lead" role="note" data-testid="offline">${this.t('manage.list.offline')}</p>` : ''}
      ${error ? html`<p class="error" role="alert" data-error=${error.code}>${translateError(this.language, 'manage.error', error.code)}</p>` : ''}
      <p class="lead">${this.t(list.bookings.length === 0 ? 'manage.list.none' : 'manage.list.hint')}</p>
      <div class="spacer"></div>
      ${list.bookings.length === 0 ? '' : html`<ul class="choices">${list.bookings.map((b) => this.item(b))}</ul>`}
      <div class="actions">
        <button data-action="by-code" @click=${() => this.send({ type: 'MANAGE.BY_CODE' })}>${this.t('manage.list.byCode')}</button>
        <button class="secondary" data-action="back" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('code.back')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-my-bookings': ScreenMyBookings;
  }
}

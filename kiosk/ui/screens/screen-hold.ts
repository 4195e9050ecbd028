import { html, type CSSResultGroup } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../components/hold-countdown.ts';
import { appointment, euro, latinDigits } from '../format.ts';
import { languageInfo } from '../i18n/languages.ts';
import { choiceList } from './booking-styles.ts';
import { PayScreenBase } from './pay-screen-base.ts';

/**
 * A slot held for the citizen: the time left to confirm, the booking and its quote, and how to
 * confirm (pay now, or at the appointment where allowed) or pick another time.
 */
@customElement('screen-hold')
export class ScreenHold extends PayScreenBase {
  static override styles: CSSResultGroup = [PayScreenBase.styles, choiceList];

  /** True while the booking is confirmed. */
  @property({ type: Boolean }) confirming = false;

  private confirm(payAt: 'now' | 'appointment') {
    this.send({ type: 'BOOKING.CONFIRM', payAt });
  }

  override render() {
    const hold = this.context.hold;
    if (!hold) return html``;
    const b = hold.booking;
    const intramoenia = this.context.slot?.intramoenia === true;
    const due = b.amountDueCents > 0;
    const error = this.context.error;
    return html`
      <h1>${this.t('hold.title')}</h1>
      <hold-countdown language=${this.language} heldUntil=${hold.heldUntil}></hold-countdown>
      <dl>
        <dt>${this.t('hold.services')}</dt>
        <dd><bdi>${b.services.map((s) => s.description).join(', ')}</bdi></dd>
        <dt>${this.t('booking.when')}</dt>
        <dd>${appointment(b.startsAt, latinDigits(languageInfo(this.language).bcp47))}</dd>
        <dt>${this.t('booking.where')}</dt>
        <dd><bdi>${b.providerName} — ${b.placeName}, ${b.placeAddress}</bdi></dd>
      </dl>
      ${intramoenia ? html`<p><span class="tag">${this.t('slots.intramoenia')}</span></p>` : ''}
      <div class="due">
        <span class="lead">${this.t('booking.due')}</span>
        <span class="amount" data-testid="amount-due">${euro(b.amountDueCents)}</span>
      </div>
      ${this.confirming ? html`<p class="lead" role="status">${this.t('hold.confirming')}</p>` : ''}
      ${error && !this.confirming ? html`<p class="error" role="alert" data-error=${error.code}>${this.t('hold.failed')}</p>` : ''}
      <div class="spacer"></div>
      <div class="methods">
        <button data-action="confirm-now" ?disabled=${this.confirming} @click=${() => this.confirm('now')}>
          ${this.t(due ? 'hold.payNow' : 'hold.confirm')}
        </button>
        ${hold.payAtAppointmentAllowed && due
          ? html`<button data-action="confirm-later" ?disabled=${this.confirming} @click=${() => this.confirm('appointment')}>${this.t('hold.payLater')}</button>`
          : ''}
      </div>
      <div class="actions">
        <button class="secondary" data-action="other-time" ?disabled=${this.confirming} @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('hold.other')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-hold': ScreenHold;
  }
}

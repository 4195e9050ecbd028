import { css, html, type CSSResultGroup } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { holdLeftMs } from '../../machines/session-booking-context.ts';
import { appointment, euro, latinDigits, minutesSeconds } from '../format.ts';
import { languageInfo } from '../i18n/languages.ts';
import { choiceList, visuallyHidden } from './booking-styles.ts';
import { PayScreenBase } from './pay-screen-base.ts';

/** Seconds left at which the countdown is read out besides each whole minute. */
const SPOKEN_AT = new Set([60, 30, 10]);

/**
 * A slot held for the citizen: the time left to confirm, the booking and its quote, and how to
 * confirm (pay now, or at the appointment where allowed) or pick another time.
 */
@customElement('screen-hold')
export class ScreenHold extends PayScreenBase {
  static override styles: CSSResultGroup = [
    PayScreenBase.styles,
    choiceList,
    visuallyHidden,
    css`
      p.countdown {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0 1rem;
      }
    `,
  ];

  /** True while the booking is confirmed. */
  @property({ type: Boolean }) confirming = false;
  @state() private now = Date.now();
  /** What screen readers last heard of the countdown: changed on the minute and at 60, 30, 10 s. */
  @state() private spokenLeft = '';
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => this.tick(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private tick() {
    this.now = Date.now();
    const s = Math.ceil(holdLeftMs(this.context.hold, this.now) / 1000);
    if (SPOKEN_AT.has(s)) this.spokenLeft = this.t('hold.leftSeconds', { seconds: String(s) });
    else if (s > 60 && s % 60 === 0) this.spokenLeft = this.t('hold.leftMinutes', { minutes: String(s / 60) });
  }

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
      <p class="lead countdown">
        <span>${this.t('hold.countdown')}</span>
        <span class="amount" role="timer" data-testid="countdown">${minutesSeconds(holdLeftMs(hold, this.now))}</span>
      </p>
      <p class="sr-only" aria-live="polite">${this.spokenLeft}</p>
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

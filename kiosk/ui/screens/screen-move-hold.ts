import { html, type CSSResultGroup } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../components/hold-countdown.ts';
import { appointment, latinDigits } from '../format.ts';
import { languageInfo } from '../i18n/languages.ts';
import { PayScreenBase } from './pay-screen-base.ts';

/** The new slot of a booking being moved, held with its countdown: from when to when, and confirm. */
@customElement('screen-move-hold')
export class ScreenMoveHold extends PayScreenBase {
  static override styles: CSSResultGroup = [PayScreenBase.styles];

  /** True while the move is recorded. */
  @property({ type: Boolean }) confirming = false;

  override render() {
    const hold = this.context.moveHold;
    if (!hold) return html``;
    const locale = latinDigits(languageInfo(this.language).bcp47);
    const b = hold.booking;
    const error = this.context.error;
    return html`
      <h1>${this.t('moveHold.title')}</h1>
      <hold-countdown language=${this.language} heldUntil=${hold.heldUntil}></hold-countdown>
      <dl>
        <dt>${this.t('moveHold.from')}</dt>
        <dd data-testid="from"><s>${appointment(hold.from.startsAt, locale)}</s> <bdi>${hold.from.providerName} — ${hold.from.placeName}</bdi></dd>
        <dt>${this.t('moveHold.to')}</dt>
        <dd data-testid="to"><strong>${appointment(b.startsAt, locale)}</strong> <bdi>${b.providerName} — ${b.placeName}, ${b.placeAddress}</bdi></dd>
      </dl>
      <p class="lead">${this.t('moved.same', { code: b.bookingCode.replace(/(\d{4})(?=\d)/g, '$1 ') })}</p>
      ${this.confirming ? html`<p class="lead" role="status">${this.t('moveHold.confirming')}</p>` : ''}
      ${error && !this.confirming ? html`<p class="error" role="alert" data-error=${error.code}>${this.t('moveHold.failed')}</p>` : ''}
      <div class="spacer"></div>
      <div class="methods">
        <button data-action="confirm-move" ?disabled=${this.confirming} @click=${() => this.send({ type: 'MOVE.CONFIRM' })}>${this.t('moveHold.confirm')}</button>
      </div>
      <div class="actions">
        <button class="secondary" data-action="other-time" ?disabled=${this.confirming} @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('hold.other')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-move-hold': ScreenMoveHold;
  }
}

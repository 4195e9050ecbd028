import { html, type CSSResultGroup } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SlotOffer } from '../../bridge/terminal-api.ts';
import { appointment, latinDigits, romeDay } from '../format.ts';
import { languageInfo } from '../i18n/languages.ts';
import { translateError } from '../i18n/translate.ts';
import { choiceList } from './booking-styles.ts';
import { ScreenBase } from './screen-base.ts';

/** Free slots for a prescription, earliest first, each a large button; none: the waiting list. */
@customElement('screen-slots')
export class ScreenSlots extends ScreenBase {
  static override styles: CSSResultGroup = [ScreenBase.styles, choiceList];

  /** True while the slots are searched (or a hold given back first). */
  @property({ type: Boolean }) busy = false;
  /** True while the slot picked is being held. */
  @property({ type: Boolean }) holding = false;
  /** Slots to move a booking to: no waiting list when none is free. */
  @property({ type: Boolean }) moving = false;

  private locale() {
    return latinDigits(languageInfo(this.language).bcp47);
  }

  private item(s: SlotOffer) {
    return html`<li>
      <button data-slot=${s.slotId} ?disabled=${this.holding} @click=${() => this.send({ type: 'SLOT.CHOOSE', slotId: s.slotId })}>
        <strong>${appointment(s.startsAt, this.locale())}</strong>
        <span><bdi>${s.providerName}</bdi></span>
        <span><bdi>${s.placeName} — ${s.placeAddress}</bdi></span>
        ${s.intramoenia ? html`<span class="tag" data-testid="intramoenia">${this.t('slots.intramoenia')}</span>` : ''}
      </button>
    </li>`;
  }

  override render() {
    const search = this.context.slotSearch;
    const error = this.context.error;
    const heading = html`<h1>${this.t('slots.title')}</h1>`;
    if (this.busy || !search) return html`${heading}<p class="lead">${this.t('slots.searching')}</p>`;
    const none = search.slots.length === 0;
    // A campaign's invitation has no waiting list: a new letter follows.
    const waitingList = none && !search.invitation && !this.moving;
    return html`
      ${heading}
      <p class="lead"><bdi>${search.invitation?.serviceDescription ?? search.prescription?.services.map((s) => s.description).join(', ')}</bdi></p>
      <p class="lead" data-testid="deadline">${this.t(search.invitation ? 'slots.campaignDeadline' : 'slots.deadline', { date: romeDay(search.deadline, this.locale()) })}</p>
      ${search.provisional ? html`<p class="lead" role="note" data-testid="provisional"><strong>${this.t('slots.provisional')}</strong></p>` : ''}
      ${error ? html`<p class="error" role="alert" data-error=${error.code}>${translateError(this.language, 'slots.error', error.code)}</p>` : ''}
      ${this.holding ? html`<p class="lead" role="status">${this.t('slots.holding')}</p>` : ''}
      ${none
        ? html`<p class="lead" data-testid="no-slots">${this.t('slots.none')}</p>
            ${waitingList ? html`<p class="lead">${this.t('slots.waitingHint')}</p>` : ''}`
        : html`<p class="lead">${this.t('slots.hint')}</p>`}
      <div class="spacer"></div>
      ${none ? '' : html`<ul class="choices">${search.slots.map((s) => this.item(s))}</ul>`}
      <div class="actions">
        ${waitingList ? html`<button data-action="waiting-list" @click=${() => this.send({ type: 'WAITING_LIST.JOIN' })}>${this.t('slots.waitingList')}</button>` : ''}
        <button class="secondary" data-action="back" ?disabled=${this.holding} @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('code.back')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-slots': ScreenSlots;
  }
}

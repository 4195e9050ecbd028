import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ScreenBase } from './screen-base.ts';

/** The time to confirm ran out: the slot is no longer the citizen's; search again. */
@customElement('screen-hold-expired')
export class ScreenHoldExpired extends ScreenBase {
  override render() {
    return html`
      <h1 data-testid="hold-expired">${this.t('expired.title')}</h1>
      <p class="lead">${this.t('expired.body')}</p>
      <div class="spacer"></div>
      <div class="actions">
        <button data-action="search-again" @click=${() => this.send({ type: 'SLOTS.SEARCH' })}>${this.t('expired.search')}</button>
        <button class="secondary" data-action="menu" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('booked.menu')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-hold-expired': ScreenHoldExpired;
  }
}

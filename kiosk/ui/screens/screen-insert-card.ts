import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ScreenBase } from './screen-base.ts';

@customElement('screen-insert-card')
export class ScreenInsertCard extends ScreenBase {
  override render() {
    return html`
      <h1>${this.t('card.prompt')}</h1>
      <p class="lead">${this.t('card.hint')}</p>
      <div class="spacer"></div>
      <div class="actions">
        <button class="secondary" data-action="cancel" @click=${() => this.send({ type: 'SESSION.CANCEL' })}>${this.t('code.back')}</button>
        <button data-action="type-tax-code" @click=${() => this.send({ type: 'TAX_CODE.ENTER' })}>${this.t('card.typeTaxCode')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-insert-card': ScreenInsertCard;
  }
}

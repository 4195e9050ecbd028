import { css, html, type CSSResultGroup } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ScreenBase } from './screen-base.ts';
import './citizen-news.ts';

/** Names on the card are upper case; greet people as they write their name. */
function properName(name: string): string {
  return name.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

@customElement('screen-menu')
export class ScreenMenu extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      /* One errand per row, as wide as the screen: easy to find, easy to hit. */
      .choices {
        display: flex;
        flex-direction: column;
        gap: 1.2rem;
      }
      /* A landscape counter screen is short: two errands a row keep "finish" above the footer. */
      @media (min-aspect-ratio: 1/1) {
        .choices {
          display: grid;
          grid-template-columns: 1fr 1fr;
        }
      }
    `,
  ];

  override render() {
    const c = this.context.citizen;
    const name = c ? properName(`${c.name} ${c.surname}`.trim()) : '';
    const error = this.context.error;
    return html`
      <h1 data-testid="greeting">${name ? this.t('menu.greeting', { name }) : this.t('menu.greetingAnonymous')}</h1>
      <p class="lead">${this.t('menu.question')}</p>
      ${error?.code === 'SCAN_NOT_RECOGNISED'
        ? html`<p class="error" role="alert" data-error="SCAN_NOT_RECOGNISED">${this.t('scan.notRecognised')}</p>`
        : error
          ? html`<p class="error" role="alert" data-error=${error.code}>${this.t('unpaid.failed')}</p>`
          : ''}
      <citizen-news .context=${this.context} language=${this.language}></citizen-news>
      <div class="spacer"></div>
      <div class="choices">
        ${c ? html`<button data-action="book" @click=${() => this.send({ type: 'MENU.BOOK' })}>${this.t('menu.book')}</button>` : ''}
        ${c ? html`<button data-action="unpaid" @click=${() => this.send({ type: 'MENU.UNPAID' })}>${this.t('menu.unpaid')}</button>` : ''}
        <button data-action="manage" @click=${() => this.send({ type: 'MENU.MANAGE' })}>${this.t('menu.manage')}</button>
        <button data-action="pay-booking" @click=${() => this.send({ type: 'MENU.PAY_BOOKING' })}>${this.t('menu.payBooking')}</button>
        <button data-action="pay-notice" @click=${() => this.send({ type: 'MENU.PAY_NOTICE' })}>${this.t('menu.payNotice')}</button>
        ${c ? html`<button data-action="income-band" @click=${() => this.send({ type: 'MENU.INCOME_BAND' })}>${this.t('menu.incomeBand')}</button>` : ''}
      </div>
      <div class="actions">
        <button class="secondary" data-action="finish" @click=${() => this.send({ type: 'SESSION.FINISH' })}>${this.t('menu.finish')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-menu': ScreenMenu;
  }
}

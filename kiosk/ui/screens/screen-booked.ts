import { css, html, type CSSResultGroup } from 'lit';
import { customElement } from 'lit/decorators.js';
import { appointment, euro, groupedCode, latinDigits } from '../format.ts';
import { languageInfo } from '../i18n/languages.ts';
import { ScreenBase } from './screen-base.ts';

/** The booking is made: its code, when and where, the slip as printed, and paying it now if chosen. */
@customElement('screen-booked')
export class ScreenBooked extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      .with-slip {
        display: flex;
        flex-wrap: wrap;
        gap: 1.5rem 3rem;
      }
      .with-slip > div {
        flex: 1 1 20rem;
        display: flex;
        flex-direction: column;
        gap: 1.2rem;
      }
      img.slip {
        height: 28rem;
        max-width: 100%;
        border: 1px solid var(--rule);
        box-shadow: 0 2px 12px rgb(0 0 0 / 15%);
        background: #fff;
      }
    `,
  ];

  override render() {
    const done = this.context.confirmed;
    if (!done) return html``;
    const b = done.booking;
    const code = groupedCode(b.bookingCode);
    const payNow = this.context.payAt === 'now' && b.amountDueCents > 0;
    return html`
      <div class="with-slip">
        <div>
          <h1 data-testid="booked-title">${this.t(done.provisional ? 'booked.provisionalTitle' : 'booked.title')}</h1>
          <p class="lead" data-testid="booking-code">${this.t('booked.code', { code })}</p>
          <p class="lead">${appointment(b.startsAt, latinDigits(languageInfo(this.language).bcp47))}</p>
          <p class="lead"><bdi>${b.providerName} — ${b.placeName}, ${b.placeAddress}</bdi></p>
          ${done.slip
            ? html`<p class="lead">${this.t('booked.slip')}</p>`
            : html`<p class="error" role="alert" data-error=${done.slipError?.code ?? 'SLIP_NOT_PRINTED'}>${this.t('booked.noSlip', { code })}</p>`}
          ${b.amountDueCents > 0
            ? html`<p class="lead" data-testid="booked-due">${this.t(payNow ? 'booked.payNow' : 'booked.payLater', { amount: euro(b.amountDueCents) })}</p>`
            : ''}
        </div>
        ${done.slip
          ? html`<img class="slip" data-testid="slip" alt=${done.slip.text} src=${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(done.slip.svg)}`} />`
          : ''}
      </div>
      <div class="spacer"></div>
      <div class="actions">
        ${payNow ? html`<button data-action="pay-now" @click=${() => this.send({ type: 'BOOKING.PAY' })}>${this.t('booked.pay')}</button>` : ''}
        ${this.menuOrFinish(payNow ? 'neither' : 'finish')}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-booked': ScreenBooked;
  }
}

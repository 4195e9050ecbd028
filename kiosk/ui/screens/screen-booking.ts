import { html, css, type CSSResultGroup } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { appointment, euro, groupedCode } from '../format.ts';
import { translateError } from '../i18n/translate.ts';
import { ScreenBase } from './screen-base.ts';

/** Every POS failure other than the cardholder's own outcomes reads the same: nothing was charged. */
function shownCode(code: string): string {
  return code.startsWith('POS_') && !['POS_DECLINED', 'POS_CANCELLED', 'POS_TIMEOUT'].includes(code) ? 'POS_FAILED' : code;
}

@customElement('screen-booking')
export class ScreenBooking extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.4rem 1.5rem;
        font-size: 1.4rem;
        margin: 0;
      }
      dt {
        font-weight: 700;
      }
      dd {
        margin: 0;
      }
      table {
        font-size: 1.4rem;
        border-collapse: collapse;
        width: 100%;
      }
      td {
        padding: 0.4rem 0;
        border-bottom: 1px solid var(--rule);
      }
      td.money {
        text-align: right;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .due {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
      }
    `,
  ];

  /** The printer cannot print: no money is taken (the host refuses too). */
  @property({ type: Boolean }) printerDown = false;
  /** A card terminal is attached. */
  @property({ type: Boolean }) cardPayments = false;

  override render() {
    const b = this.context.booking;
    if (!b) return html``;
    const payable = b.status === 'booked' && b.amountDueCents > 0 && !this.printerDown;
    const error = this.context.error;
    return html`
      <h1>${this.t('booking.title', { code: groupedCode(b.bookingCode) })}</h1>
      <dl>
        <dt>${this.t('booking.when')}</dt>
        <dd>${appointment(b.startsAt)}</dd>
        <dt>${this.t('booking.where')}</dt>
        <dd>${b.providerName} — ${b.placeName}, ${b.placeAddress}</dd>
      </dl>
      <table aria-label="Prestazioni">
        ${b.services.map(
          (s) => html`<tr>
            <td>${s.code}</td>
            <td>${s.description}</td>
            <td class="money">${s.exempt ? this.t('booking.exempt') : euro(s.tariffCents)}</td>
          </tr>`,
        )}
      </table>
      <div class="due">
        <span class="lead">${this.t('booking.due')}</span>
        <span class="amount" data-testid="amount-due">${euro(b.amountDueCents)}</span>
      </div>
      ${b.cashDueCents !== b.amountDueCents && payable
        ? html`<p class="lead" data-testid="cash-due">${this.t('booking.cashDue', { amount: euro(b.cashDueCents) })}</p>`
        : ''}
      <small>${this.t('booking.rules', { version: b.ruleVersion })}</small>
      ${b.status === 'paid' ? html`<p class="error" role="status">${this.t('booking.alreadyPaid')}</p>` : ''}
      ${b.status === 'booked' && b.amountDueCents === 0 ? html`<p class="lead">${this.t('booking.nothingDue')}</p>` : ''}
      ${this.printerDown && b.status === 'booked' ? html`<p class="error" role="alert" data-error="PRINTER_NOT_READY">${translateError(this.language, 'booking.error', 'PRINTER_NOT_READY')}</p>` : ''}
      ${error ? html`<p class="error" role="alert" data-error=${error.code}>${translateError(this.language, 'booking.error', shownCode(error.code))}</p>` : ''}
      <div class="spacer"></div>
      <div class="actions">
        ${payable
          ? html`<button data-action="pay-cash" @click=${() => this.send({ type: 'PAY.CASH' })}>${this.t('booking.payCash')}</button>`
          : ''}
        ${payable && this.cardPayments
          ? html`<button data-action="pay-card" @click=${() => this.send({ type: 'PAY.CARD' })}>${this.t('booking.payCard')}</button>`
          : ''}
        <button class="secondary" data-action="back" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('booking.back')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-booking': ScreenBooking;
  }
}

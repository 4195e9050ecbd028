import { html, css, type CSSResultGroup } from 'lit';
import { customElement } from 'lit/decorators.js';
import { appointment, euro, groupedCode } from '../format.ts';
import { PayScreenBase } from './pay-screen-base.ts';

@customElement('screen-booking')
export class ScreenBooking extends PayScreenBase {
  static override styles: CSSResultGroup = [
    PayScreenBase.styles,
    css`
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
    `,
  ];

  override render() {
    const b = this.context.booking;
    if (!b) return html``;
    const payable = b.status === 'booked' && b.amountDueCents > 0 && !this.printerDown;
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
      ${this.paymentProblems(b.status === 'booked')}
      <div class="spacer"></div>
      ${this.methodButtons(payable)}
      <div class="actions">
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

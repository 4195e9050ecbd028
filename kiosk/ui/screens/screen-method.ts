import { html, css, type CSSResultGroup } from 'lit';
import { customElement } from 'lit/decorators.js';
import { basketTotal, selectedEntries } from '../../machines/session-context.ts';
import { euro } from '../format.ts';
import { PayScreenBase } from './pay-screen-base.ts';
import { entryLines } from './unpaid-entry.ts';

/** How to pay the items checked on the unpaid list: what they are, their total, the ways to pay. */
@customElement('screen-method')
export class ScreenMethod extends PayScreenBase {
  static override styles: CSSResultGroup = [
    PayScreenBase.styles,
    css`
      ul {
        margin: 0;
        padding-inline-start: 1.5em;
        font-size: 1.4rem;
      }
      li + li {
        margin-top: 0.3rem;
      }
    `,
  ];

  override render() {
    const entries = selectedEntries(this.context);
    const { amountDueCents, cashDueCents } = basketTotal(this.context);
    return html`
      <h1>${this.t('method.title')}</h1>
      <ul>
        ${entries.map((e) => {
          const l = entryLines(e, (k, p) => this.t(k, p));
          // What the central wrote keeps its own direction inside a right-to-left page.
          return html`<li><bdi>${l.heading} — ${l.details[0]}</bdi>: <strong class="money">${euro(l.amountCents)}</strong></li>`;
        })}
      </ul>
      <div class="due">
        <span class="lead">${this.t('booking.due')}</span>
        <span class="amount" data-testid="amount-due">${euro(amountDueCents)}</span>
      </div>
      ${cashDueCents !== amountDueCents && !this.printerDown
        ? html`<p class="lead" data-testid="cash-due">${this.t('booking.cashDue', { amount: euro(cashDueCents) })}</p>`
        : ''}
      ${this.paymentProblems(true)}
      <div class="spacer"></div>
      ${this.methodButtons(entries.length > 0 && !this.printerDown)}
      <div class="actions">
        <button class="secondary" data-action="back" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('booking.back')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-method': ScreenMethod;
  }
}

import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ActorRefFrom } from 'xstate';
import type { CounterCloseLine, CounterDayTotals } from '../../bridge/counter-api.ts';
import type { CounterEvent, CounterMachine, CounterSnapshot, CounterStateValue } from '../../machines/counter-machine.ts';
import { euro, longDate } from '../format.ts';
import { screenStyles } from '../styles.ts';
import { serviceTableStyles, staffFrameStyles } from '../service/service-styles.ts';
import { counterErrorText, ct } from './counter-texts.ts';

const lines = (caption: string, what: string, rows: readonly CounterCloseLine[]) =>
  html`<table>
    <caption>${caption}</caption>
    <thead><tr><th scope="col">${what}</th><th scope="col">${ct('count')}</th><th scope="col">${ct('amount')}</th></tr></thead>
    <tbody>${rows.map((l) => html`<tr><th scope="row">${l.label}</th><td>${l.count}</td><td class="money">${euro(l.amountCents)}</td></tr>`)}</tbody>
  </table>`;

/** The operator's day in figures, as it will be printed. */
export const totalsView = (t: CounterDayTotals) => html`<dl data-testid="counter-totals">
    <dt>${ct('operator')}</dt><dd>${t.operator.name} (${t.operator.code})</dd>
    <dt>${ct('day')}</dt><dd>${longDate(t.day)}</dd>
    <dt>${ct('payments')}</dt><dd data-testid="totals-payments">${t.payments}</dd>
    <dt>${ct('cash')}</dt><dd class="money" data-testid="totals-cash">${euro(t.cashCents)}</dd>
    <dt>${ct('card')}</dt><dd class="money" data-testid="totals-card">${euro(t.cardCents)}</dd>
    <dt>${ct('total')}</dt><dd class="money" data-testid="totals-total"><strong>${euro(t.totalCents)}</strong></dd>
    <dt>${ct('rounding')}</dt><dd class="money">${euro(t.roundingCents)}</dd>
  </dl>
  ${t.items.length > 0 ? lines(ct('byItem'), ct('item'), t.items) : ''} ${t.providers.length > 0 ? lines(ct('byProvider'), ct('provider'), t.providers) : ''}`;

/**
 * The counter operator's own screens, shown in place of the citizen's while nobody is signed
 * in and while the day closes: sign-in, the day's totals, the close. One machine state at a time;
 * the kiosk element owns the actor.
 */
@customElement('counter-app')
export class CounterApp extends LitElement {
  static override styles = [
    screenStyles,
    serviceTableStyles,
    staffFrameStyles,
    css`
      form {
        display: grid;
        grid-template-columns: max-content minmax(12rem, 24rem);
        gap: 1rem 1.5rem;
        align-items: center;
        font-size: 1.5rem;
      }
      input {
        font: inherit;
        min-height: 3.5rem;
        padding: 0 1rem;
        border: 3px solid var(--ink);
        border-radius: 0.6rem;
      }
      input:focus-visible {
        outline: 5px solid var(--focus);
        outline-offset: 2px;
      }
      form button {
        grid-column: 2;
      }
    `,
  ];

  @property({ attribute: false }) actor!: ActorRefFrom<CounterMachine>;
  @property({ attribute: false }) snapshot!: CounterSnapshot;

  private send = (e: CounterEvent) => this.actor.send(e);

  private onLogin = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.send({ type: 'LOGIN.SUBMIT', code: String(data.get('code') ?? ''), pin: String(data.get('pin') ?? '') });
    (form.elements.namedItem('pin') as HTMLInputElement).value = '';
  };

  private error() {
    const e = this.snapshot.context.error;
    return e ? html`<p class="error" role="alert" data-testid="counter-error">${counterErrorText(e)}</p>` : '';
  }

  private screen(state: CounterStateValue) {
    const c = this.snapshot.context;
    switch (state) {
      case 'checking':
      case 'signingIn':
        return html`<h1>${ct('loginTitle')}</h1><p class="lead" role="status">${ct('checking')}</p>`;
      case 'signedOut':
        return html`<h1>${ct('loginTitle')}</h1>
          <p class="lead">${ct('loginLead')}</p>
          ${this.error()}
          <form @submit=${this.onLogin}>
            <label for="code">${ct('code')}</label>
            <input id="code" name="code" autocomplete="username" autocapitalize="characters" required />
            <label for="pin">${ct('pin')}</label>
            <input id="pin" name="pin" type="password" inputmode="numeric" autocomplete="current-password" required />
            <button type="submit" data-action="sign-in">${ct('signIn')}</button>
          </form>`;
      case 'loadingTotals':
      case 'closing':
        return html`<h1>${ct('totalsTitle')}</h1><p class="lead" role="status">${ct('closing')}</p>`;
      case 'confirmingClose':
        return html`<h1>${ct('totalsTitle')}</h1>
          <p class="lead">${ct('totalsLead')}</p>
          ${this.error()} ${c.totals ? totalsView(c.totals) : ''}
          <div class="actions">
            <button data-action="confirm-close" @click=${() => this.send({ type: 'CLOSE.CONFIRM' })}>${ct('confirmClose')}</button>
            <button class="secondary" data-action="back" @click=${() => this.send({ type: 'NAV.BACK' })}>${ct('back')}</button>
          </div>`;
      case 'closed':
        return html`<h1>${ct('closedTitle')}</h1>
          <p class="lead" role="status">${ct('closedLead')}</p>
          ${c.closed?.printError ? html`<p class="error" role="alert">${ct('printFailed')} (${c.closed.printError.code})</p>` : ''}
          ${c.closed ? totalsView(c.closed) : ''}
          ${c.closed?.printed ? html`<h2>${ct('printed')}</h2><pre data-testid="close-sheet">${c.closed.printed}</pre>` : ''}
          <div class="actions"><button data-action="close-done" @click=${() => this.send({ type: 'CLOSE.DONE' })}>${ct('done')}</button></div>`;
      case 'signingOut':
        return html`<h1>${ct('logout')}</h1><p class="lead" role="status">${ct('signingOut')}</p>`;
      case 'serving':
      case 'takingCash':
        // The citizen's screens show while serving, under the counter bar.
        return '';
    }
  }

  override render() {
    const state = this.snapshot.value as CounterStateValue;
    return html`
      <header>${ct('title')}</header>
      <main data-state=${`counter:${state}`} data-connected="true">${this.screen(state)}</main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'counter-app': CounterApp;
  }
}

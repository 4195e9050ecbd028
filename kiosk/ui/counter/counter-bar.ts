import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ActorRefFrom } from 'xstate';
import type { CounterMachine, CounterSnapshot } from '../../machines/counter-machine.ts';
import { euro } from '../format.ts';
import { counterErrorText, ct } from './counter-texts.ts';

/**
 * The operator's strip above the citizen's screens while serving: who is signed in, the change
 * to give for the last cash payment, and, between citizens, sign out and close the day.
 */
@customElement('counter-bar')
export class CounterBar extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 1rem;
      padding: 0.6rem 3rem;
      background: var(--ink);
      color: var(--surface);
      font-size: 1.3rem;
    }
    .who {
      font-weight: 700;
    }
    .change {
      background: var(--surface);
      color: var(--ink);
      border-radius: 0.6rem;
      padding: 0.3rem 1rem;
      font-size: 1.6rem;
      font-weight: 700;
    }
    .money {
      direction: ltr;
      unicode-bidi: isolate;
    }
    .error {
      background: var(--danger-bg);
      color: var(--ink);
      border-radius: 0.6rem;
      padding: 0.3rem 1rem;
    }
    .end {
      margin-inline-start: auto;
      display: flex;
      gap: 0.8rem;
    }
    button {
      font: inherit;
      min-height: max(48px, 3.2rem);
      padding: 0 1.2rem;
      border-radius: 0.8rem;
      border: 3px solid var(--surface);
      background: var(--ink);
      color: var(--surface);
      cursor: pointer;
    }
    button:focus-visible {
      outline: 5px solid var(--focus);
      outline-offset: 3px;
    }
  `;

  @property({ attribute: false }) actor!: ActorRefFrom<CounterMachine>;
  @property({ attribute: false }) snapshot!: CounterSnapshot;
  /** No citizen is being served: the operator may sign out or close the day. */
  @property({ type: Boolean }) between = false;

  override render() {
    const c = this.snapshot.context;
    const op = c.session?.operator;
    return html`
      <span>${ct('operator')}: <span class="who" data-testid="counter-operator">${op ? `${op.name} (${op.code})` : ''}</span></span>
      ${c.cash ? html`<span class="change" role="status" data-testid="counter-change">${ct('change')}: <span class="money">${euro(c.cash.changeCents)}</span></span>` : ''}
      ${c.error && this.between ? html`<span class="error" role="alert">${counterErrorText(c.error)}</span>` : ''}
      ${this.between
        ? html`<span class="end">
            <button data-action="close-day" @click=${() => this.actor.send({ type: 'CLOSE.REQUEST' })}>${ct('closeDay')}</button>
            <button data-action="sign-out" @click=${() => this.actor.send({ type: 'COUNTER.LOGOUT' })}>${ct('logout')}</button>
          </span>`
        : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'counter-bar': CounterBar;
  }
}

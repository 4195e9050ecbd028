import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ActorRefFrom } from 'xstate';
import type { CounterMachine, CounterSnapshot } from '../../machines/counter-machine.ts';
import type { SessionContext } from '../../machines/session-context.ts';
import type { SessionEvent } from '../../machines/session-events.ts';
import { euro } from '../format.ts';
import { screenStyles } from '../styles.ts';
import { counterErrorText, ct, parseEuroCents } from './counter-texts.ts';

/**
 * The cash part of a payment at the counter, in place of the coin screen: the operator types
 * what the citizen handed over; the host records it and says the change. Less than due is
 * refused here and by the host. The card terminal or a cancel go to the citizen's session.
 *
 * @fires session-event - detail: PAY.REST_BY_CARD or SESSION.CANCEL for the session machine
 */
@customElement('counter-cash')
export class CounterCash extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .due {
        display: grid;
        grid-template-columns: max-content max-content;
        gap: 0.6rem 3rem;
        align-items: baseline;
        font-size: 1.8rem;
      }
      .due .value {
        font-size: 2.6rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        text-align: end;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem 1.5rem;
        align-items: center;
        font-size: 1.6rem;
      }
      input {
        font: inherit;
        font-size: 2rem;
        width: 10rem;
        min-height: 4rem;
        padding: 0 1rem;
        border: 3px solid var(--ink);
        border-radius: 0.6rem;
        text-align: end;
      }
      input:focus-visible {
        outline: 5px solid var(--focus);
        outline-offset: 2px;
      }
    `,
  ];

  @property({ attribute: false }) actor!: ActorRefFrom<CounterMachine>;
  @property({ attribute: false }) snapshot!: CounterSnapshot;
  @property({ attribute: false }) payment!: NonNullable<SessionContext['payment']>;
  @property({ type: Boolean }) cardPayments = false;
  /** The payment is being cancelled or its card part started: nothing more to take. */
  @property({ type: Boolean }) busy = false;
  @state() private unreadable = false;

  private session(event: SessionEvent) {
    this.dispatchEvent(new CustomEvent<SessionEvent>('session-event', { detail: event, bubbles: true, composed: true }));
  }

  private onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#tendered')!;
    const cents = parseEuroCents(input.value);
    this.unreadable = cents === null;
    if (cents !== null) this.actor.send({ type: 'CASH.SUBMIT', paymentId: this.payment.paymentId, tenderedCents: cents });
  };

  private exact = () => {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#tendered')!;
    input.value = (this.payment.cashDueCents / 100).toFixed(2).replace('.', ',');
    input.focus();
  };

  override render() {
    const p = this.payment;
    const taking = this.snapshot.value === 'takingCash' || this.busy;
    const error = this.snapshot.context.error;
    return html`
      <h1>${ct('cashTitle')}</h1>
      <div class="due">
        ${p.cardPaidCents > 0 ? html`<span>${ct('cardPaid')}</span><span class="value">${euro(p.cardPaidCents)}</span>` : ''}
        <span>${ct('due')}</span><span class="value" data-testid="counter-due">${euro(p.cashDueCents)}</span>
      </div>
      ${this.unreadable ? html`<p class="error" role="alert" data-testid="cash-error">${ct('invalid')}</p>` : ''}
      ${!this.unreadable && error ? html`<p class="error" role="alert" data-testid="cash-error">${counterErrorText(error)}</p>` : ''}
      <form @submit=${this.onSubmit}>
        <label for="tendered">${ct('tendered')}</label>
        <input id="tendered" name="tendered" inputmode="decimal" autocomplete="off" required ?disabled=${taking} />
        <button type="button" class="secondary" data-action="exact" ?disabled=${taking} @click=${this.exact}>${ct('exact')}</button>
        <button type="submit" data-action="take-cash" ?disabled=${taking}>${ct('take')}</button>
      </form>
      <div class="spacer"></div>
      <div class="actions">
        ${this.cardPayments
          ? html`<button class="secondary" data-action="rest-by-card" ?disabled=${taking} @click=${() => this.session({ type: 'PAY.REST_BY_CARD' })}>${ct('restByCard')}</button>`
          : ''}
        <button class="secondary" data-action="cancel" ?disabled=${taking} @click=${() => this.session({ type: 'SESSION.CANCEL' })}>${ct('cancel')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'counter-cash': CounterCash;
  }
}

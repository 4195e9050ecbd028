import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PhysicalKeypad } from '../components/physical-keypad.ts';
import '../components/cup-keypad.ts';
import { st } from './service-texts.ts';

/** Longest PIN or count typed. */
const MAX_DIGITS = 8;

/**
 * Digits typed on the on-screen keypad or the physical one: the technician PIN (shown as dots)
 * or a number of coins. It owns the digits until OK.
 *
 * @fires number-submit - detail: the digits typed
 */
@customElement('service-number-pad')
export class ServiceNumberPad extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 1rem;
      align-items: flex-start;
    }
    output {
      display: block;
      min-width: 22rem;
      min-height: 3.5rem;
      font-size: 2.6rem;
      letter-spacing: 0.4rem;
      border: 3px solid var(--rule);
      border-radius: 0.6rem;
      padding: 0.3rem 1rem;
      font-variant-numeric: tabular-nums;
    }
  `;

  /** Masks the digits (a PIN). */
  @property({ type: Boolean }) secret = false;
  @property() label = '';
  @state() private digits = '';

  constructor() {
    super();
    new PhysicalKeypad(this, (k) => this.key(k));
  }

  private key(k: string) {
    if (k === 'del') this.digits = this.digits.slice(0, -1);
    else if (k === 'ok') {
      if (this.digits.length === 0) return;
      this.dispatchEvent(new CustomEvent('number-submit', { detail: this.digits, bubbles: true, composed: true }));
      this.digits = '';
    } else if (/^\d$/.test(k) && this.digits.length < MAX_DIGITS) this.digits += k;
  }

  override render() {
    const shown = this.secret ? '●'.repeat(this.digits.length) : this.digits;
    return html`
      <output aria-label=${this.label} aria-live="polite" data-testid="number-pad-value">${shown}</output>
      <cup-keypad deleteLabel=${st('keypadDelete')} okLabel=${st('keypadOk')} ?okDisabled=${this.digits.length === 0} @keypad-key=${(e: CustomEvent<string>) => this.key(e.detail)}></cup-keypad>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'service-number-pad': ServiceNumberPad;
  }
}

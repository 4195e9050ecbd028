import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { holdLeftMs } from '../../machines/session-booking-context.ts';
import { minutesSeconds } from '../format.ts';
import { translate, type Language } from '../i18n/translate.ts';
import { visuallyHidden } from '../screens/booking-styles.ts';
import { screenStyles } from '../styles.ts';

/** Seconds left at which the countdown is read out besides each whole minute. */
const SPOKEN_AT = new Set([60, 30, 10]);

/**
 * The time left to confirm a held slot, drawn every second from `heldUntil`, and read out to
 * screen readers on each whole minute and at 60, 30 and 10 seconds. The machine decides when
 * the hold is over; this only shows it.
 */
@customElement('hold-countdown')
export class HoldCountdown extends LitElement {
  static override styles = [
    screenStyles,
    visuallyHidden,
    css`
      /* A line of the screen it sits in, not a screen of its own. */
      :host {
        display: block;
        min-height: 0;
        padding: 0;
      }
      p.countdown {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0 1rem;
      }
    `,
  ];

  @property() language: Language = 'it';
  /** ISO 8601 instant the hold lapses. */
  @property() heldUntil = '';
  @state() private now = Date.now();
  @state() private spokenLeft = '';
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => this.tick(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private tick() {
    this.now = Date.now();
    const s = Math.ceil(holdLeftMs({ heldUntil: this.heldUntil }, this.now) / 1000);
    if (SPOKEN_AT.has(s)) this.spokenLeft = translate(this.language, 'hold.leftSeconds', { seconds: String(s) });
    else if (s > 60 && s % 60 === 0) this.spokenLeft = translate(this.language, 'hold.leftMinutes', { minutes: String(s / 60) });
  }

  override render() {
    return html`
      <p class="lead countdown">
        <span>${translate(this.language, 'hold.countdown')}</span>
        <span class="amount" role="timer" data-testid="countdown">${minutesSeconds(holdLeftMs({ heldUntil: this.heldUntil }, this.now))}</span>
      </p>
      <p class="sr-only" aria-live="polite">${this.spokenLeft}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hold-countdown': HoldCountdown;
  }
}

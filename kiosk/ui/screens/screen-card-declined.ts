import { html, css, type CSSResultGroup } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { leftToPay, paidSoFar } from '../../machines/session-context.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { euro } from '../format.ts';
import { ScreenBase } from './screen-base.ts';

const REASON: Record<string, MessageKey> = {
  declined: 'declined.declined',
  cancelled: 'declined.cancelled',
  timeout: 'declined.timeout',
  failed: 'declined.failed',
};

/**
 * A card not taken while the payment goes on (cash is in, or a card part was approved): why, what
 * is paid, what is left, and the citizen's three ways on.
 */
@customElement('screen-card-declined')
export class ScreenCardDeclined extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      p.figure {
        font-size: 2.2rem;
        font-variant-numeric: tabular-nums;
      }
      p.left {
        font-weight: 700;
      }
      .choices {
        display: flex;
        flex-direction: column;
        gap: 1.2rem;
      }
      .choices button {
        width: 100%;
      }
    `,
  ];

  /** A card terminal is attached (another card may be tried). */
  @property({ type: Boolean }) cardPayments = true;

  override render() {
    const p = this.context.payment;
    const d = this.context.declined;
    if (!p || !d) return html``;
    return html`
      <h1>${this.t('declined.title')}</h1>
      <p class="error" role="alert" data-outcome=${d.outcome}>${this.t(REASON[d.outcome] ?? 'declined.failed')}</p>
      <p class="lead figure" data-testid="paid-so-far">${this.t('declined.paid', { amount: euro(paidSoFar(p)) })}</p>
      <p class="lead figure left" data-testid="left-to-pay">${this.t('declined.left', { amount: euro(leftToPay(p)) })}</p>
      <p class="lead">${this.t('declined.question')}</p>
      <div class="spacer"></div>
      <div class="choices">
        <button data-action="more-cash" @click=${() => this.send({ type: 'PAY.MORE_CASH' })}>${this.t('declined.moreCash')}</button>
        ${this.cardPayments
          ? html`<button data-action="another-card" @click=${() => this.send({ type: 'PAY.REST_BY_CARD' })}>
              ${this.t('declined.anotherCard')}
            </button>`
          : ''}
        <button class="secondary" data-action="refund" @click=${() => this.send({ type: 'SESSION.CANCEL' })}>
          ${this.t('declined.refund')}
        </button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-card-declined': ScreenCardDeclined;
  }
}

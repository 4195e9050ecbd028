import { css, html, type CSSResultGroup } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { appointment, euro, latinDigits, romeDay } from '../format.ts';
import { languageInfo } from '../i18n/languages.ts';
import { translateError } from '../i18n/translate.ts';
import { PayScreenBase } from './pay-screen-base.ts';

/**
 * A booking the citizen may cancel or move: when and where, the ticket paid or due, and what a
 * cancellation now means. "Disdici" opens a dialog that says it again (refund, nothing due, or a
 * ticket still due) before anything is recorded.
 */
@customElement('screen-manage-booking')
export class ScreenManageBooking extends PayScreenBase {
  static override styles: CSSResultGroup = [
    PayScreenBase.styles,
    css`
      [role='alertdialog'] {
        display: flex;
        flex-direction: column;
        gap: 1rem;
        border: 4px solid var(--accent);
        border-radius: 1rem;
        padding: 1rem 1.5rem;
        background: var(--surface);
      }
      [role='alertdialog'] h2 {
        font-size: 2rem;
        margin: 0;
      }
    `,
  ];

  /** The confirmation dialog is open. */
  @property({ type: Boolean }) confirming = false;
  /** The cancellation is being recorded. */
  @property({ type: Boolean }) cancelling = false;
  /** The slots to move it to are being searched. */
  @property({ type: Boolean }) searching = false;

  private consequence(): string {
    const b = this.context.managed!;
    if (b.cancelTiming === 'late') return this.t('manage.confirm.late');
    return b.refundCents > 0 ? this.t('manage.confirm.refund', { amount: euro(b.refundCents) }) : this.t('manage.confirm.free');
  }

  private dialog() {
    return html`<div role="alertdialog" aria-modal="true" aria-labelledby="cancel-title" aria-describedby="cancel-what" data-testid="cancel-dialog">
      <h2 id="cancel-title">${this.t('manage.confirm.title')}</h2>
      <p class="lead" id="cancel-what">${this.consequence()} ${this.t('manage.confirm.slotFreed')}</p>
      ${this.cancelling ? html`<p class="lead" role="status">${this.t('manage.cancelling')}</p>` : ''}
      <div class="methods">
        <button data-action="confirm-cancel" ?disabled=${this.cancelling} @click=${() => this.send({ type: 'CANCEL.CONFIRM' })}>${this.t('manage.confirm.yes')}</button>
        <button class="secondary" data-action="keep" ?disabled=${this.cancelling} @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('manage.confirm.no')}</button>
      </div>
    </div>`;
  }

  override render() {
    const b = this.context.managed;
    if (!b) return html``;
    const error = this.context.error;
    const busy = this.cancelling || this.searching;
    const locale = latinDigits(languageInfo(this.language).bcp47);
    return html`
      <h1>${this.t('manage.detail.title', { code: b.bookingCode.replace(/(\d{4})(?=\d)/g, '$1 ') })}</h1>
      <dl>
        <dt>${this.t('hold.services')}</dt>
        <dd><bdi>${b.services.map((s) => s.description).join(', ')}</bdi></dd>
        <dt>${this.t('booking.when')}</dt>
        <dd>${appointment(b.startsAt, locale)}</dd>
        <dt>${this.t('booking.where')}</dt>
        <dd><bdi>${b.providerName} — ${b.placeName}, ${b.placeAddress}</bdi></dd>
      </dl>
      <p class="lead" data-testid="ticket">${this.t(b.status === 'paid' ? 'manage.paid' : 'manage.unpaid', { amount: euro(b.amountDueCents) })}</p>
      <p class="lead" data-testid="timing">${b.cancelTiming === 'in-time' ? this.t('manage.inTime', { date: romeDay(b.inTimeUntil, locale) }) : this.t('manage.late')}</p>
      ${error && !this.confirming ? html`<p class="error" role="alert" data-error=${error.code}>${translateError(this.language, 'manage.error', error.code)}</p>` : ''}
      ${this.searching ? html`<p class="lead" role="status">${this.t('manage.moveSearching')}</p>` : ''}
      <div class="spacer"></div>
      ${this.confirming || this.cancelling
        ? this.dialog()
        : html`<div class="methods">
              <button data-action="cancel-booking" ?disabled=${busy} @click=${() => this.send({ type: 'MANAGE.CANCEL' })}>${this.t('manage.cancel')}</button>
              <button data-action="move-booking" ?disabled=${busy} @click=${() => this.send({ type: 'MANAGE.MOVE' })}>${this.t('manage.move')}</button>
            </div>
            <div class="actions">
              <button class="secondary" data-action="back" ?disabled=${busy} @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('code.back')}</button>
            </div>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-manage-booking': ScreenManageBooking;
  }
}

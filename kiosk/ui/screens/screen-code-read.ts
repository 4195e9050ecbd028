import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { euro } from '../format.ts';
import { ScreenBase } from './screen-base.ts';

/** A code the citizen showed that is paid or booked elsewhere: what it is and where to go. */
@customElement('screen-code-read')
export class ScreenCodeRead extends ScreenBase {
  override render() {
    const s = this.context.scanned;
    if (!s) return html``;
    const body =
      s.kind === 'nre'
        ? html`<h1 data-testid="code-read" data-kind="nre">${this.t('codeRead.nre.title', { nre: s.nre })}</h1>
            <p class="lead">${this.t('codeRead.nre.body')}</p>`
        : html`<h1 data-testid="code-read" data-kind="pagopa">${this.t('codeRead.pagopa.title')}</h1>
            <p class="lead">${s.noticeCode}</p>
            ${'amountCents' in s ? html`<p class="lead">${this.t('codeRead.amount', { amount: euro(s.amountCents) })}</p>` : ''}
            <p class="lead">${this.t('codeRead.pagopa.body')}</p>`;
    return html`
      ${body}
      <div class="spacer"></div>
      <div class="actions">
        <button class="secondary" data-action="back" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('code.back')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-code-read': ScreenCodeRead;
  }
}

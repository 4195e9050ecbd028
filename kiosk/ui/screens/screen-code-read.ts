import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ScreenBase } from './screen-base.ts';

/** A prescription the citizen showed: what it is and where to book it. */
@customElement('screen-code-read')
export class ScreenCodeRead extends ScreenBase {
  override render() {
    const s = this.context.scanned;
    if (!s) return html``;
    return html`
      <h1 data-testid="code-read" data-kind=${s.kind}>${this.t('codeRead.nre.title', { nre: s.nre })}</h1>
      <p class="lead">${this.t('codeRead.nre.body')}</p>
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

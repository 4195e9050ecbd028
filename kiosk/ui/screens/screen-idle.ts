import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ScreenBase } from './screen-base.ts';

@customElement('screen-idle')
export class ScreenIdle extends ScreenBase {
  override render() {
    return html`
      <h1>${this.t('idle.welcome')}</h1>
      <p class="lead">${this.t('idle.prompt')}</p>
      ${this.context.error?.code === 'SCAN_NOT_RECOGNISED'
        ? html`<p class="error" role="alert" data-error="SCAN_NOT_RECOGNISED">${this.t('scan.notRecognised')}</p>`
        : ''}
      <div class="spacer"></div>
      <div class="actions">
        <button data-action="start" @click=${() => this.send({ type: 'SESSION.START' })}>${this.t('idle.start')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-idle': ScreenIdle;
  }
}

import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { translateError } from '../i18n/translate.ts';
import { ScreenBase } from './screen-base.ts';

@customElement('screen-card-error')
export class ScreenCardError extends ScreenBase {
  override render() {
    const code = this.context.error?.code ?? 'UNEXPECTED';
    return html`
      <h1>${this.t('card.error.title')}</h1>
      <p class="error" role="alert" data-error=${code}>${translateError(this.language, 'card.error', code)}</p>
      <div class="spacer"></div>
      <div class="actions">
        <button data-action="finish" @click=${() => this.send({ type: 'SESSION.FINISH' })}>${this.t('done.finish')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-card-error': ScreenCardError;
  }
}

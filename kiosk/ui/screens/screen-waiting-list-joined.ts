import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ScreenBase } from './screen-base.ts';

/** On the waiting list: the number the CUP will call back. */
@customElement('screen-waiting-list-joined')
export class ScreenWaitingListJoined extends ScreenBase {
  override render() {
    return html`
      <h1 data-testid="waiting-list-joined">${this.t('joined.title')}</h1>
      <p class="lead">${this.t('joined.body', { phone: this.context.callbackPhone ?? '' })}</p>
      <div class="spacer"></div>
      <div class="actions">
        ${this.menuOrFinish('menu')}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-waiting-list-joined': ScreenWaitingListJoined;
  }
}

import { html, LitElement, type CSSResultGroup, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { SessionContext } from '../../machines/session-machine.ts';
import type { SessionEvent } from '../../machines/session-events.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { translate, type Language } from '../i18n/translate.ts';
import { screenStyles } from '../styles.ts';

/**
 * What every screen shares: the session context to render, the language, and one way out,
 * a bubbling `session-event` carrying a machine event. A screen never calls the host.
 *
 * @fires session-event - detail: the `SessionEvent` to send to the session machine
 */
export class ScreenBase extends LitElement {
  static override styles: CSSResultGroup = [screenStyles];

  @property({ attribute: false }) context!: SessionContext;
  @property() language: Language = 'it';

  protected t(key: MessageKey, params?: Record<string, string>): string {
    return translate(this.language, key, params);
  }

  protected send(event: SessionEvent): void {
    this.dispatchEvent(new CustomEvent<SessionEvent>('session-event', { detail: event, bubbles: true, composed: true }));
  }

  /**
   * The way on from a task done: back to the menu, or finish and give the card back. `primary`
   * is the one drawn as the main action; 'neither' when the screen has its own (pay now).
   */
  protected menuOrFinish(primary: 'menu' | 'finish' | 'neither'): TemplateResult {
    return html`
      <button class=${primary === 'menu' ? '' : 'secondary'} data-action="menu" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('booked.menu')}</button>
      <button class=${primary === 'finish' ? '' : 'secondary'} data-action="finish" @click=${() => this.send({ type: 'SESSION.FINISH' })}>${this.t('menu.finish')}</button>
    `;
  }
}

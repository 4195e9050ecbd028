import { LitElement, type CSSResultGroup } from 'lit';
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
}

import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'del', '0', 'ok'] as const;

/**
 * A numeric keypad for touch, large keys in a phone layout. It owns no value: it reports keys.
 *
 * @fires keypad-key - detail: `'0'`..`'9'`, `'del'` or `'ok'`
 */
@customElement('cup-keypad')
export class CupKeypad extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      grid-template-columns: repeat(3, 7rem);
      gap: 0.8rem;
    }
    button {
      font: inherit;
      font-size: 2rem;
      height: 5.5rem;
      border-radius: 0.8rem;
      border: 3px solid var(--accent);
      background: var(--surface);
      color: var(--ink);
      cursor: pointer;
    }
    button.ok {
      background: var(--accent);
      color: var(--on-accent);
    }
    button:focus-visible {
      outline: 5px solid var(--focus);
      outline-offset: 3px;
    }
    button:disabled {
      opacity: 0.4;
    }
  `;

  @property() deleteLabel = 'Cancella';
  @property() okLabel = 'OK';
  @property({ type: Boolean }) okDisabled = false;

  private press(key: string) {
    this.dispatchEvent(new CustomEvent('keypad-key', { detail: key, bubbles: true, composed: true }));
  }

  override render() {
    return KEYS.map((k) => {
      if (k === 'del') return html`<button data-key="del" aria-label=${this.deleteLabel} @click=${() => this.press(k)}>⌫</button>`;
      if (k === 'ok')
        return html`<button class="ok" data-key="ok" ?disabled=${this.okDisabled} aria-label=${this.okLabel} @click=${() => this.press(k)}>✓</button>`;
      return html`<button data-key=${k} @click=${() => this.press(k)}>${k}</button>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cup-keypad': CupKeypad;
  }
}

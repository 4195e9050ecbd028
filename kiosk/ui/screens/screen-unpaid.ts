import { html, css, type CSSResultGroup } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { MAX_ITEMS, basketTotal, unpaidEntries } from '../../machines/session-context.ts';
import { euro } from '../format.ts';
import { ScreenBase } from './screen-base.ts';
import { entryLines } from './unpaid-entry.ts';

/** A citizen's unpaid tickets and notices, each with a check box, and their total. */
@customElement('screen-unpaid')
export class ScreenUnpaid extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 0.8rem;
      }
      label {
        display: flex;
        align-items: center;
        gap: 1.2rem;
        min-height: 5rem;
        padding: 0.8rem 1.2rem;
        border: 3px solid var(--rule);
        border-radius: 1rem;
        cursor: pointer;
        font-size: 1.4rem;
      }
      /* Checked rows differ by their tick and a thicker frame, not by colour alone. */
      label.checked {
        border-color: var(--accent);
        border-width: 5px;
      }
      /* The whole row shows the keyboard focus of its box. */
      label:has(input:focus-visible) {
        outline: 5px solid var(--focus);
        outline-offset: 3px;
      }
      input {
        flex: none;
        width: max(48px, 3rem);
        height: max(48px, 3rem);
        margin: 0;
        accent-color: var(--accent);
        cursor: pointer;
      }
      input:focus-visible {
        outline: none;
      }
      .text {
        flex: 1;
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
        min-width: 0;
      }
      .text strong {
        font-size: 1.6rem;
      }
      .money {
        font-size: 1.8rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      p.total {
        font-size: 2rem;
        font-weight: 700;
        text-align: end;
      }
      input:disabled + .text {
        opacity: 0.7;
      }
    `,
  ];

  /** True while the central is asked. */
  @property({ type: Boolean }) busy = false;

  override render() {
    if (this.busy) {
      return html`<h1>${this.t('unpaid.title')}</h1>
        <p class="lead">${this.t('unpaid.searching')}</p>`;
    }
    const entries = unpaidEntries(this.context.unpaid);
    const selected = this.context.selected;
    const full = selected.length >= MAX_ITEMS;
    const t = (k: Parameters<ScreenBase['t']>[0], p?: Record<string, string>) => this.t(k, p);
    return html`
      <h1>${this.t('unpaid.title')}</h1>
      ${entries.length === 0
        ? html`<p class="lead" data-testid="nothing-unpaid">${this.t('unpaid.empty')}</p>`
        : // The check boxes are controls: below the spacer they sit low, within reach from a wheelchair.
          html`<p class="lead">${this.t('unpaid.hint')}</p>
            <div class="spacer"></div>
            <ul>
              ${entries.map((e) => {
                const l = entryLines(e, t);
                const checked = selected.includes(e.key);
                return html`<li>
                  <label class=${checked ? 'checked' : ''} data-entry=${e.key}>
                    <input
                      type="checkbox"
                      .checked=${live(checked)}
                      ?disabled=${!checked && full}
                      aria-label=${[l.heading, ...l.details, euro(l.amountCents)].join(', ')}
                      @change=${() => this.send({ type: 'UNPAID.TOGGLE', key: e.key })}
                    />
                    <span class="text">
                      <strong><bdi>${l.heading}</bdi></strong>
                      ${l.details.map((d) => html`<span><bdi>${d}</bdi></span>`)}
                    </span>
                    <span class="money">${euro(l.amountCents)}</span>
                  </label>
                </li>`;
              })}
            </ul>
            <p class="lead total" aria-live="polite" data-testid="selected-total">${this.t('unpaid.total', { amount: euro(basketTotal(this.context).amountDueCents) })}</p>
            ${entries.length > MAX_ITEMS ? html`<p class="lead">${this.t('unpaid.max', { count: String(MAX_ITEMS) })}</p>` : ''}`}
      ${entries.length === 0 ? html`<div class="spacer"></div>` : ''}
      <div class="actions">
        ${entries.length > 0
          ? html`<button data-action="pay-selected" ?disabled=${selected.length === 0} @click=${() => this.send({ type: 'PAY.SELECTED' })}>${this.t('unpaid.pay')}</button>`
          : ''}
        <button class="secondary" data-action="back" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('booking.back')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-unpaid': ScreenUnpaid;
  }
}

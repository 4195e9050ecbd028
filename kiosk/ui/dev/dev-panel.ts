import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getState, post, type SimState } from './dev-api.ts';

/**
 * Controls for the simulated devices beside the kiosk: insert or remove a demo health card,
 * drop coins into the acceptor, and see what the printer printed.
 */
@customElement('dev-panel')
export class DevPanel extends LitElement {
  static override styles = css`
    :host {
      display: block;
      padding: 1rem 2rem;
      font-size: 1rem;
    }
    section {
      margin-bottom: 1.5rem;
    }
    button {
      font: inherit;
      margin: 0.2rem;
      padding: 0.5rem 0.9rem;
    }
    img {
      display: inline-block;
      vertical-align: top;
      margin: 0.3rem;
      border: 1px solid #cbd5e1;
      max-width: 22rem;
    }
    pre {
      background: #f8fafc;
      border: 1px solid #cbd5e1;
      padding: 0.8rem;
      display: inline-block;
      vertical-align: top;
      margin: 0.3rem;
    }
    .error {
      color: #b91c1c;
    }
  `;

  @state() private sim: SimState | null = null;
  @state() private error = '';
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), 1000);
  }

  override disconnectedCallback(): void {
    clearInterval(this.timer);
    super.disconnectedCallback();
  }

  private async refresh() {
    try {
      this.sim = await getState();
    } catch (e) {
      this.error = String(e);
    }
  }

  private async act(path: string, body?: unknown) {
    try {
      this.error = '';
      await post(path, body);
    } catch (e) {
      this.error = String(e);
    }
    await this.refresh();
  }

  override render() {
    const s = this.sim;
    if (!s) return html`<p>Connecting…</p>`;
    return html`
      <h1>Simulated devices</h1>
      ${this.error ? html`<p class="error">${this.error}</p>` : ''}
      <section>
        <h2>Health card ${s.insertedCard ? html`(inserted: ${s.insertedCard})` : ''}</h2>
        ${s.cards.map((c) => html`<button data-card=${c.id} @click=${() => this.act('card/insert', { id: c.id })}>${c.label}</button>`)}
        <button data-action="remove-card" @click=${() => this.act('card/remove')}>Remove card</button>
      </section>
      <section>
        <h2>Coin acceptor</h2>
        ${s.coins.map(
          (v) => html`<button data-coin=${v} @click=${() => this.act('coin', { cents: v })}>${(v / 100).toFixed(2)} €</button>`,
        )}
      </section>
      <section>
        <h2>Printer — paper ${s.printer.paper}${s.printer.coverOpen ? ', cover open' : ''}${s.printer.offline ? ', offline' : ''}</h2>
        <button data-action="cover" @click=${() => this.act('printer', { coverOpen: !s.printer.coverOpen })}>${s.printer.coverOpen ? 'Close cover' : 'Open cover'}</button>
        <button data-action="paper" @click=${() => this.act('printer', { paperOut: s.printer.paper !== 'out' })}>${s.printer.paper === 'out' ? 'Load paper' : 'Run out of paper'}</button>
        <button data-action="offline" @click=${() => this.act('printer', { offline: !s.printer.offline })}>${s.printer.offline ? 'Bring online' : 'Take offline'}</button>
        ${s.receipts
          .slice()
          .reverse()
          .map((r) =>
            r.svg
              ? html`<img data-receipt alt=${r.text} src=${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(r.svg)}`} />`
              : html`<pre data-receipt>${r.text}</pre>`,
          )}
      </section>
    `;
  }
}

document.body.append(document.createElement('dev-panel'));

declare global {
  interface HTMLElementTagNameMap {
    'dev-panel': DevPanel;
  }
}

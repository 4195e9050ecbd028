import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { DEMO_NOTICES } from '@cup-kiosk/sync-service/domain';
import { getState, post, type SimState } from './dev-api.ts';

const euro = (cents: number) => `${(cents / 100).toFixed(2)} €`;

/** The cash faults with a button each: [label, fault body]. Hopper faults come per hopper. */
const CASH_FAULT_BUTTONS: [string, Record<string, unknown>][] = [
  ['Coin jam', { fault: 'coin-jam' }],
  ['Coin fraud', { fault: 'coin-fraud' }],
  ['Coin reject', { fault: 'coin-reject' }],
  ['Bill jam', { fault: 'bill-jam' }],
  ['Bill fraud', { fault: 'bill-fraud' }],
  ['Bill reject', { fault: 'bill-reject' }],
  ['Stacker full', { fault: 'stacker-full' }],
  ['Empty cash box', { fault: 'stacker-emptied' }],
  ['Power-cycle coin acceptor', { fault: 'power-cycle', device: 'coin' }],
  ['Power-cycle bill validator', { fault: 'power-cycle', device: 'bill' }],
  ['Silence coin acceptor', { fault: 'silence', device: 'coin', on: true }],
  ['Coin acceptor answers again', { fault: 'silence', device: 'coin', on: false }],
  ['Corrupt 3 coin replies', { fault: 'corrupt', device: 'coin', count: 3 }],
  ['Echo off', { fault: 'echo', on: false }],
  ['Echo on', { fault: 'echo', on: true }],
];

/**
 * Controls for the simulated devices beside the kiosk (in the host's process or in a device
 * rig): insert or remove a demo health card, drop coins and feed bills, scan a code, inject the
 * faults of the cash devices and the printer, and see what the devices did and printed.
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
    input {
      font: inherit;
      padding: 0.4rem;
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
  @state() private scanText = '';
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
        <h2>Cabinet</h2>
        <button data-action="service-switch" @click=${() => this.act('service-switch')}>Service switch (technician PIN)</button>
      </section>
      <section>
        <h2>Health card ${s.insertedCard ? html`(inserted: ${s.insertedCard})` : ''}</h2>
        ${s.cards.map((c) => html`<button data-card=${c.id} @click=${() => this.act('card/insert', { id: c.id })}>${c.label}</button>`)}
        <button data-action="remove-card" @click=${() => this.act('card/remove')}>Remove card</button>
      </section>
      <section>
        <h2>Coin acceptor — took ${euro(s.truth.coins.acceptedCents)} (${s.truth.coins.accepted.length} coins)</h2>
        ${s.coins.map((v) => html`<button data-coin=${v} @click=${() => this.act('coin', { cents: v })}>${euro(v)}</button>`)}
      </section>
      <section>
        <h2>
          Bill validator — stacked ${euro(s.truth.bills.stackedCents)} (${s.truth.bills.stacked.length}), returned ${s.truth.bills.returned}${s.truth.bills.escrowCents === null
            ? ''
            : html`, ${euro(s.truth.bills.escrowCents)} in escrow`}
        </h2>
        ${s.bills.map((v) => html`<button data-bill=${v} @click=${() => this.act('bill', { cents: v })}>${euro(v)}</button>`)}
      </section>
      <section>
        <h2>Hoppers</h2>
        ${s.truth.hoppers.map(
          (h) => html`<div data-hopper=${h.address}>
            ${euro(h.valueCents)}: ${h.stock} coins, paid ${h.totalPaid}
            <button data-action="hopper-empty" @click=${() => this.act('fault', { fault: 'hopper-empty', device: `hopper:${h.address}` })}>Run empty</button>
            <button data-action="hopper-jam" @click=${() => this.act('fault', { fault: 'hopper-jam', device: `hopper:${h.address}`, after: 1 })}>Jam after 1 coin</button>
            <button data-action="hopper-power" @click=${() => this.act('fault', { fault: 'power-cycle', device: `hopper:${h.address}` })}>Power-cycle</button>
          </div>`,
        )}
      </section>
      <section>
        <h2>Cash faults</h2>
        ${CASH_FAULT_BUTTONS.map(([label, body]) => html`<button data-fault=${String(body.fault)} @click=${() => this.act('fault', body)}>${label}</button>`)}
      </section>
      <section>
        <h2>Card terminal (next payment)</h2>
        ${['approve', 'decline', 'cancel', 'pin-timeout', 'lost', 'late', 'busy', 'offline'].map(
          (o) => html`<button data-pos=${o} @click=${() => this.act('pos', { outcome: o })}>${o}</button>`,
        )}
      </section>
      <section>
        <h2>Barcode scanner</h2>
        <input data-testid="scan-text" .value=${this.scanText} @input=${(e: Event) => (this.scanText = (e.target as HTMLInputElement).value)} placeholder="123456789092" />
        <button data-action="scan" ?disabled=${this.scanText.length === 0} @click=${() => this.act('scan', { text: this.scanText })}>Scan</button>
        <div>
          Demo pagoPA notices (the embedded central issues these):
          ${DEMO_NOTICES.map(
            (n) => html`<button data-notice=${n.noticeCode} title=${n.qrText} @click=${() => this.act('scan', { text: n.qrText })}>
              QR ${n.creditorName}, ${euro(n.amountCents)}
            </button>`,
          )}
        </div>
      </section>
      <section>
        <h2>Printer (${s.truth.printed} cut) — paper ${s.printer.paper}${s.printer.coverOpen ? ', cover open' : ''}${s.printer.offline ? ', offline' : ''}</h2>
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

import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DeviceHealth, ServiceStatus } from '../../bridge/service-api.ts';
import type { ServiceEvent } from '../../machines/service-machine.ts';
import { euro } from '../format.ts';
import { screenStyles } from '../styles.ts';
import { DEVICE_NAMES, st, STATE_WORDS } from './service-texts.ts';
import { serviceTableStyles } from './service-styles.ts';

/** The actions the overview offers, with the event each sends. */
const ACTIONS: [string, ServiceEvent['type'], Parameters<typeof st>[0]][] = [
  ['test-print', 'ACTION.TEST_PRINT', 'testPrint'],
  ['acceptance-test', 'ACTION.ACCEPTANCE_TEST', 'acceptanceTest'],
  ['payout-test', 'ACTION.PAYOUT_TEST', 'payoutTest'],
  ['refill', 'ACTION.REFILL', 'refill'],
  ['empty', 'ACTION.EMPTY', 'empty'],
  ['sync-now', 'ACTION.SYNC', 'syncNow'],
  ['event-log', 'ACTION.EVENT_LOG', 'eventLog'],
  ['config', 'ACTION.CONFIG', 'config'],
];

export function deviceName(d: DeviceHealth): string {
  const name = DEVICE_NAMES[d.kind]?.it ?? d.kind;
  return d.kind === 'hopper' ? `${name} ${d.id} (${euro(d.valueCents)})` : name;
}

/**
 * Every device with its state in words and a sign, hoppers with their level, then the central,
 * the outbox and the cash box, and the technician's actions.
 *
 * @fires service-event - detail: the action chosen
 */
@customElement('service-overview')
export class ServiceOverview extends LitElement {
  static override styles = [
    screenStyles,
    serviceTableStyles,
    css`
      :host {
        min-height: 0;
        padding: 0;
      }
    `,
  ];

  @property({ attribute: false }) status: ServiceStatus | null = null;
  /** Why the status could not be read (the list is then the last one read, or none). */
  @property({ attribute: false }) error: { code: string; message: string } | null = null;

  private send(type: ServiceEvent['type']) {
    this.dispatchEvent(new CustomEvent('service-event', { detail: { type }, bubbles: true, composed: true }));
  }

  override render() {
    const s = this.status;
    return html`
      <h1>${st('overviewTitle')}</h1>
      ${this.error ? html`<p class="error" role="alert">${st('failed')}: ${this.error.code}</p>` : ''}
      ${s
        ? html`
            <table data-testid="device-status">
              <caption>${st('devices')}</caption>
              <thead><tr><th scope="col">${st('device')}</th><th scope="col">${st('state')}</th><th scope="col">${st('detail')}</th></tr></thead>
              <tbody>
                ${s.devices.map((d) => {
                  const w = STATE_WORDS[d.state] ?? { it: d.state, sign: '?' };
                  const level = d.kind === 'hopper' ? `${d.count} ${st('coins')}` : '';
                  return html`<tr data-device=${d.kind === 'hopper' ? `hopper:${d.id}` : d.kind} data-device-state=${d.state}>
                    <th scope="row">${deviceName(d)}</th>
                    <td><span aria-hidden="true" class="sign">${w.sign}</span> ${w.it}</td>
                    <td>${[level, d.fault ?? ''].filter(Boolean).join(' · ')}</td>
                  </tr>`;
                })}
              </tbody>
            </table>
            <dl>
              <dt>${st('central')}</dt>
              <dd data-testid="central-state">${s.centralOnline ? `✓ ${st('reachable')}` : `✕ ${st('unreachable')}`}</dd>
              <dt>${st('backlog')}</dt>
              <dd data-testid="backlog">${s.backlog}</dd>
              <dt>${st('lastSync')}</dt>
              <dd>${s.lastSyncAt ? new Date(s.lastSyncAt).toLocaleString('it-IT') : st('never')}</dd>
              <dt>${st('cashbox')}</dt>
              <dd data-testid="cashbox" class="money">${euro(s.cashboxCents)}</dd>
            </dl>
          `
        : ''}
      <h2>${st('actions')}</h2>
      <div class="grid">
        ${ACTIONS.map(([name, type, label]) => html`<button class="secondary" data-action=${name} @click=${() => this.send(type)}>${st(label)}</button>`)}
        <button class="secondary" data-action="refresh" @click=${() => this.send('SERVICE.REFRESH')}>${st('refresh')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'service-overview': ServiceOverview;
  }
}

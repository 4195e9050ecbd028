import { html, type TemplateResult } from 'lit';
import type { ServiceConfig, ServiceEventLog, ServicePrinted } from '../../bridge/service-api.ts';
import type { ServiceContext, ServiceEvent, ServiceOutcome } from '../../machines/service-machine.ts';
import { euro } from '../format.ts';
import { ACTION_NAMES, OUTCOME_WORDS, st } from './service-texts.ts';

/**
 * The technician's smaller screens as templates of `<service-app>`, which holds their styles and
 * turns `send` into machine events. Each renders one machine state.
 */
type Send = (e: ServiceEvent) => void;

const when = (iso: string) => new Date(iso).toLocaleString('it-IT');
const back = (send: Send) => html`<button class="secondary" data-action="back" @click=${() => send({ type: 'SERVICE.BACK' })}>${st('back')}</button>`;

export function busyView(): TemplateResult {
  return html`<h1>${st('working')}</h1>
    <p class="lead" role="status">${st('working')}</p>`;
}

export function lockedView(send: Send): TemplateResult {
  return html`<h1>${st('lockedTitle')}</h1>
    <p class="error" role="alert">${st('lockedLead')}</p>
    <div class="actions">${back(send)}</div>`;
}

export function hopperPickView(send: Send, lead: string, hoppers: { id: number; valueCents: number; count: number }[]): TemplateResult {
  return html`<h1>${lead}</h1>
    <div class="grid">
      ${hoppers.map(
        (h) => html`<button data-hopper=${h.id} @click=${() => send({ type: 'HOPPER.CHOOSE', hopper: h.id })}>
          Hopper ${h.id} · ${euro(h.valueCents)} · ${h.count} ${st('coins')}
        </button>`,
      )}
    </div>
    <div class="actions">${back(send)}</div>`;
}

export function confirmEmptyView(send: Send, cashboxCents: number | null): TemplateResult {
  return html`<h1>${st('empty')}</h1>
    <p class="lead">${st('emptyLead')}</p>
    ${cashboxCents === null ? '' : html`<p class="lead">${st('cashbox')}: <span class="money">${euro(cashboxCents)}</span></p>`}
    <div class="actions">
      <button data-action="confirm-empty" @click=${() => send({ type: 'EMPTY.CONFIRM' })}>${st('emptyConfirm')}</button>
      ${back(send)}
    </div>`;
}

function paper(p: ServicePrinted): TemplateResult {
  if (p.printError) return html`<p class="error" role="alert">${st('printFailed')}: ${p.printError.code}</p>`;
  return html`<p>${st('printed')}</p>
    <pre tabindex="0" data-testid="printed-text">${p.text}</pre>`;
}

function outcomeBody(o: ServiceOutcome): TemplateResult {
  switch (o.action) {
    case 'test-print':
      return html`<h1>${st('testPrint')}</h1>${paper(o.value)}`;
    case 'acceptance-test':
      return html`<h1>${st('acceptanceTest')}</h1>
        <p class="lead" data-testid="outcome">
          ${o.value.credits.length === 0 ? st('acceptedNone') : html`${st('accepted')}: ${o.value.credits.map((c) => euro(c.valueCents)).join(', ')}`}
        </p>
        <p class="lead">${st('cashbox')}: <span class="money">${euro(o.value.cashboxCents)}</span></p>`;
    case 'payout-test':
      return html`<h1>${st('payoutTest')}</h1>
        <p class="lead" data-testid="outcome">
          Hopper ${o.value.hopper}: ${o.value.paid > 0 ? st('paidOne') : st('paidNone')} (${euro(o.value.valueCents)})${o.value.error ? ` · ${o.value.error}` : ''}
        </p>
        <p class="lead">${st('level')}: ${o.value.level} ${st('coins')}</p>`;
    case 'refill-hopper':
      return html`<h1>${st('refilled')}</h1>
        <p class="lead" data-testid="outcome">Hopper ${o.value.hopper} (${euro(o.value.valueCents)}): ${o.value.before} → ${o.value.after} ${st('coins')}</p>
        ${paper(o.value)}`;
    case 'empty-cash-box':
      return html`<h1>${st('empty')}</h1>
        <p class="lead" data-testid="outcome">${st('emptied')} <span class="money">${euro(o.value.emptiedCents)}</span></p>
        ${paper(o.value)}`;
    case 'sync-now':
      return html`<h1>${o.value.ok ? st('synced') : st('syncFailed')}</h1>
        <p class="lead" data-testid="outcome">
          ${o.value.ok ? `${st('sent')}: ${o.value.acked}` : o.value.code} · ${st('backlog')}: ${o.value.backlog}
        </p>`;
  }
}

export function resultView(send: Send, c: ServiceContext): TemplateResult {
  return html`${c.error
      ? html`<h1>${st('failed')}</h1>
          <p class="error" role="alert" data-testid="outcome">${c.error.code}: ${c.error.message}</p>`
      : c.outcome
        ? outcomeBody(c.outcome)
        : ''}
    <div class="actions">${back(send)}</div>`;
}

export function eventLogView(send: Send, log: ServiceEventLog): TemplateResult {
  return html`<h1>${st('eventLog')}</h1>
    <table data-testid="audit-log">
      <caption>${st('auditLog')}</caption>
      <thead><tr><th scope="col">${st('when')}</th><th scope="col">${st('who')}</th><th scope="col">${st('what')}</th><th scope="col">${st('outcome')}</th></tr></thead>
      <tbody>
        ${log.audit.map(
          (a) => html`<tr data-audit=${a.action}>
            <td>${when(a.at)}</td>
            <td>${a.technicianId}</td>
            <td>${ACTION_NAMES[a.action]?.it ?? a.action}</td>
            <td>${OUTCOME_WORDS[a.outcome]?.it ?? a.outcome}${a.code ? ` (${a.code})` : ''} · ${a.summary}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <table data-testid="ledger-log">
      <caption>${st('ledgerLog')}</caption>
      <thead><tr><th scope="col">${st('when')}</th><th scope="col">${st('kind')}</th><th scope="col">${st('device')}</th><th scope="col">${st('amount')}</th></tr></thead>
      <tbody>
        ${log.ledger.map(
          (r) => html`<tr data-ledger=${r.kind}>
            <td>${when(r.at)}</td>
            <td>${r.kind}${r.service ? ' (tecnico)' : ''}</td>
            <td>${r.device}</td>
            <td class="money">${r.count} × ${euro(r.valueCents)} = ${euro(r.amountCents)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <div class="actions">
      ${back(send)}
      <button class="secondary" data-action="refresh" @click=${() => send({ type: 'SERVICE.REFRESH' })}>${st('refresh')}</button>
    </div>`;
}

export function configView(send: Send, c: ServiceConfig): TemplateResult {
  return html`<h1>${st('config')}</h1>
    <p class="lead">${st('configReadOnly')}</p>
    <dl data-testid="config">
      <dt>${st('terminalId')}</dt>
      <dd>${c.terminalId}</dd>
      <dt>${st('centralUrl')}</dt>
      <dd>${c.centralUrl}</dd>
      <dt>${st('version')}</dt>
      <dd>${c.appVersion}</dd>
      <dt>${st('printerProfile')}</dt>
      <dd>${c.printerProfile}</dd>
    </dl>
    <table>
      <caption>${st('ports')}</caption>
      <thead><tr><th scope="col">${st('device')}</th><th scope="col">${st('detail')}</th></tr></thead>
      <tbody>
        ${c.ports.map((p) => html`<tr><th scope="row">${p.device}</th><td>${p.port}</td></tr>`)}
        ${c.hoppers.map((h) => html`<tr><th scope="row">Hopper ${h.address}</th><td>${euro(h.valueCents)}</td></tr>`)}
      </tbody>
    </table>
    <div class="actions">${back(send)}</div>`;
}

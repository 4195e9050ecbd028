import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ActorRefFrom } from 'xstate';
import type { ServiceEvent, ServiceMachine, ServiceSnapshot, ServiceStateValue } from '../../machines/service-machine.ts';
import { screenStyles } from '../styles.ts';
import './service-number-pad.ts';
import './service-overview.ts';
import { serviceTableStyles, staffFrameStyles } from './service-styles.ts';
import { st } from './service-texts.ts';
import { busyView, configView, confirmEmptyView, eventLogView, hopperPickView, lockedView, resultView } from './service-views.ts';

/** Why the PIN pad asks again, in words. */
const PIN_ERRORS: Record<string, Parameters<typeof st>[0]> = {
  SERVICE_PIN_WRONG: 'pinWrong',
  SERVICE_BADGE_REFUSED: 'badgeRefused',
  SERVICE_NOT_OPEN: 'pinLapsed',
  SERVICE_BUSY: 'pinBusy',
};

/**
 * The technician's screens in place of the citizen's while service mode is on: one machine
 * state at a time, with an exhaustive switch. The kiosk element owns the actor.
 */
@customElement('service-app')
export class ServiceApp extends LitElement {
  // After the shared screen styles: this element is the frame, not a padded screen.
  static override styles = [
    screenStyles,
    serviceTableStyles,
    staffFrameStyles,
    css`
      header button {
        min-height: 3.5rem;
        min-width: 8rem;
        font-size: 1.3rem;
      }
      header {
        display: flex;
        align-items: center;
        gap: 1rem;
      }
      header .who {
        margin-inline-start: auto;
        font-weight: 400;
      }
    `,
  ];

  @property({ attribute: false }) actor!: ActorRefFrom<ServiceMachine>;
  @property({ attribute: false }) snapshot!: ServiceSnapshot;

  private send = (e: ServiceEvent) => this.actor.send(e);

  private onScreenEvent = (e: CustomEvent<ServiceEvent>) => this.send(e.detail);

  private pinPad() {
    const err = this.snapshot.context.pinError;
    const key = err ? PIN_ERRORS[err.code] : undefined;
    return html`<h1>${st('pinTitle')}</h1>
      <p class="lead">${st('pinLead')}</p>
      ${err ? html`<p class="error" role="alert" data-testid="pin-error">${key ? st(key) : err.code}</p>` : ''}
      <service-number-pad secret label=${st('pinDigits')} @number-submit=${(e: CustomEvent<string>) => this.send({ type: 'PIN.SUBMIT', pin: e.detail })}></service-number-pad>
      <div class="actions"><button class="secondary" data-action="exit" @click=${() => this.send({ type: 'SERVICE.EXIT' })}>${st('exit')}</button></div>`;
  }

  private hoppers() {
    return (this.snapshot.context.status?.devices ?? []).flatMap((d) => (d.kind === 'hopper' ? [{ id: d.id, valueCents: d.valueCents, count: d.count }] : []));
  }

  private screen(state: ServiceStateValue) {
    const c = this.snapshot.context;
    switch (state) {
      case 'off':
        return '';
      case 'enteringPin':
        return this.pinPad();
      case 'lockedOut':
        return lockedView(this.send);
      case 'checkingPin':
      case 'loadingStatus':
      case 'testPrinting':
      case 'payingOut':
      case 'refilling':
      case 'emptying':
      case 'syncing':
      case 'loadingLog':
      case 'loadingConfig':
      case 'closing':
        return busyView();
      case 'acceptanceTesting':
        return html`<h1>${st('acceptanceTest')}</h1>
          <p class="lead" role="status">${st('acceptanceLead')}</p>`;
      case 'overview':
        return html`<service-overview .status=${c.status} .error=${c.error}></service-overview>`;
      case 'choosingPayoutHopper':
        return hopperPickView(this.send, st('payoutLead'), this.hoppers());
      case 'choosingRefillHopper':
        return hopperPickView(this.send, st('refillLead'), this.hoppers());
      case 'enteringRefillCount':
        return html`<h1>${st('refill')} · Hopper ${c.hopper}</h1>
          <p class="lead">${st('refillCount')}</p>
          ${c.error ? html`<p class="error" role="alert">${st('countInvalid')}</p>` : ''}
          <service-number-pad label=${st('refillCount')} @number-submit=${(e: CustomEvent<string>) => this.send({ type: 'COUNT.SUBMIT', count: Number(e.detail) })}></service-number-pad>
          <div class="actions"><button class="secondary" data-action="back" @click=${() => this.send({ type: 'SERVICE.BACK' })}>${st('back')}</button></div>`;
      case 'confirmingEmpty':
        return confirmEmptyView(this.send, c.status?.cashboxCents ?? null);
      case 'eventLog':
        return c.log ? eventLogView(this.send, c.log) : busyView();
      case 'config':
        return c.config ? configView(this.send, c.config) : busyView();
      case 'result':
        return resultView(this.send, c);
    }
  }

  override render() {
    const state = this.snapshot.value as ServiceStateValue;
    const who = this.snapshot.context.session?.technicianId;
    return html`
      <header>
        <span>${st('title')}</span>${who ? html`<span class="who">${who}</span>` : ''}
        ${state === 'overview' ? html`<button data-action="exit" @click=${() => this.send({ type: 'SERVICE.EXIT' })}>${st('exit')}</button>` : ''}
      </header>
      <main data-state=${`service:${state}`} data-connected="true" @service-event=${this.onScreenEvent}>${this.screen(state)}</main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'service-app': ServiceApp;
  }
}

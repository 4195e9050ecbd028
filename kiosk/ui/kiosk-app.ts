import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { createActor, type ActorRefFrom } from 'xstate';
import type { PrinterStatus, TerminalApi } from '../bridge/terminal-api.ts';
import { sessionMachineFor } from '../machines/session-actors.ts';
import { attentionMachine } from '../machines/attention-machine.ts';
import { serviceMachineFor } from '../machines/service-actors.ts';
import type { ServiceMachine } from '../machines/service-machine.ts';
import type { CounterMachine } from '../machines/counter-machine.ts';
import { toSessionEvent, type SessionEvent } from '../machines/session-events.ts';
import type { Flow, SessionMachine, SessionStateValue } from '../machines/session-machine.ts';
import { ActorController } from './actor-controller.ts';
import { controlName, hush, screenWords, speak } from './speech/speaker.ts';
import { languageInfo } from './i18n/languages.ts';
import { speechFor } from './i18n/speech.ts';
import { loadLanguage, translate, type Language } from './i18n/translate.ts';
import './components/help-called.ts';
import './components/language-picker.ts';
import './components/timeout-warning.ts';
import './screens/screen-idle.ts';
import './screens/screen-insert-card.ts';
import './screens/screen-tax-code.ts';
import './screens/screen-card-error.ts';
import './screens/screen-menu.ts';
import './screens/screen-code-entry.ts';
import './screens/screen-booking.ts';
import './screens/screen-paying.ts';
import './screens/screen-outcome.ts';
import './screens/screen-code-read.ts';
import './screens/screen-notice.ts';
import './screens/screen-notice-offline.ts';
import './screens/screen-unpaid.ts';
import './screens/screen-method.ts';
import './screens/screen-card-part.ts';
import './screens/screen-card-declined.ts';
import './screens/screen-income-band.ts';
import './screens/screen-income-band-recorded.ts';
import './screens/screen-prescriptions.ts';
import './screens/screen-slots.ts';
import './screens/screen-hold.ts';
import './screens/screen-hold-expired.ts';
import './screens/screen-booked.ts';
import './screens/screen-phone-entry.ts';
import './screens/screen-waiting-list-joined.ts';
import './screens/screen-booking-offline.ts';
import { moveSlotsContext } from './screens/move-slots-context.ts';

/**
 * The kiosk: one session machine, fed by the host's events and the screens' events, rendered
 * one state at a time. This element is the only place the UI holds the `TerminalApi`.
 */
/** Screens that wait for the citizen: the attention watch runs on these only. */
const ATTENDED = new Set<SessionStateValue>([
  'waitingCard',
  'enteringTaxCode',
  'menu',
  'enteringCode',
  'reviewing',
  'codeRead',
  'enteringNotice',
  'reviewingNotice',
  'noticeOffline',
  'unpaidList',
  'choosingMethod',
  'enteringCardPart',
  'choosingIncomeBand',
  'choosingPrescription',
  'choosingSlot',
  // A timeout here gives the held slot back.
  'holding',
  'holdExpired',
  'booked',
  'enteringPhone',
  'waitingListJoined',
  'bookingOffline',
  'choosingMyBooking',
  'enteringManageCode',
  'managingBooking',
  'confirmingCancel',
  'bookingCancelled',
  'choosingMoveSlot',
  // A timeout here gives the new slot back.
  'moveHeld',
  'moveHoldExpired',
  'bookingMoved',
]);


/** Drawn, not an emoji: a kiosk's Debian fonts have no colour emoji, and a missing glyph shows as a box. */
const SPEAKER_ICON = html`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path fill="currentColor" d="M3 9v6h4l5 4V5L7 9H3z"/><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13"/></svg>`;

/** A question mark in a ring, and the tick it gains while staff are called: not colour alone. */
const HELP_ICON = html`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7"/><circle cx="12" cy="17" r="1.2" fill="currentColor"/></svg>`;
const CALLED_ICON = html`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" d="M4 12.5l5 5L20 6.5"/></svg>`;

@customElement('cup-kiosk-app')
export class CupKioskApp extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100vh;
      background: var(--surface);
    }
    footer {
      border-top: 1px solid var(--rule);
      padding: 0.5rem 3rem;
      display: flex;
      gap: 0.5rem;
      align-items: center;
      flex-wrap: wrap;
    }
    footer .view .icon {
      vertical-align: -0.2em;
    }
    footer .view {
      font: inherit;
      font-size: 1.15rem;
      min-height: max(48px, 3.5rem);
      padding: 0.3rem 0.8rem;
      border-radius: 0.8rem;
      border: 3px solid var(--accent);
      background: var(--surface);
      color: var(--accent);
      cursor: pointer;
    }
    footer .view[aria-pressed='true'] {
      background: var(--accent);
      color: var(--on-accent);
      font-weight: 700;
    }
    footer .help {
      margin-inline-start: auto;
    }
    footer .view:focus-visible {
      outline: 5px solid var(--focus);
      outline-offset: 3px;
    }
    header {
      background: var(--accent);
      color: var(--on-accent);
      padding: 1rem 3rem;
      font-size: 1.3rem;
      font-weight: 700;
    }
    main {
      flex: 1;
      min-height: 0;
      /* A long booking never hides its buttons under the footer: the screen scrolls instead. */
      overflow-y: auto;
    }
    main > * {
      height: 100%;
    }
  `;

  @property({ attribute: false }) api!: TerminalApi;
  @property() language: Language = 'it';

  /** The printer as the host last reported it; null until it has. */
  @state() private printer: PrinterStatus | null = null;
  @state() private cardPayments = false;
  /** The host answered: from now on its events reach this page (a scan before would be lost). */
  @state() private connected = false;
  @state() private largeText = false;
  @state() private highContrast = false;
  /** The screen and the focused control are read aloud. */
  @state() private speech = false;
  private spokenState: string | null = null;
  /** When the host took this session's call for help; null while none stands. */
  @state() private assistanceAt: string | null = null;
  /** "We have called a member of staff" is on screen. */
  @state() private helpShown = false;
  /** A call for help on its way to the host: a second press sends nothing. */
  private calling = false;
  private session!: ActorController<ActorRefFrom<SessionMachine>>;
  /** The technician's service mode: its screens replace the citizen's while it is not `off`. */
  private service!: ActorController<ActorRefFrom<ServiceMachine>>;
  /** A pharmacy counter's operator (counter terminals only): their screens stand before the citizen's until one signs in. */
  private counter: ActorController<ActorRefFrom<CounterMachine>> | null = null;
  private attention!: ActorController<ActorRefFrom<typeof attentionMachine>>;
  /** When the current warning's countdown ends (ms since the epoch). */
  private warningUntil = 0;
  private warningMs = 20_000;
  private unsubscribe: (() => void) | null = null;

  override connectedCallback(): void {
    const actor = createActor(sessionMachineFor(this.api));
    this.session = new ActorController(this, actor);
    this.service = new ActorController(this, createActor(serviceMachineFor(this.api)));
    super.connectedCallback();
    actor.start();
    this.service.actor.start();
    window.addEventListener('keydown', this.onServiceKeys);
    this.startAttention({ quietMs: 45_000, warningMs: 20_000 });
    window.addEventListener('pointerdown', this.onActivity, true);
    window.addEventListener('keydown', this.onActivity, true);
    this.addEventListener('focusin', this.onFocus);
    void this.api.info().then(
      (i) => {
        this.connected = true;
        this.cardPayments = i.cardPayments;
        if (i.counter) void this.startCounter();
        this.startAttention(i.attention);
      },
      () => {},
    );
    void this.api.printerStatus().then(
      (s) => (this.printer ??= s),
      () => {},
    );
    this.unsubscribe = this.api.subscribe((event) => {
      if (event.type === 'printer.status') this.printer = event.status;
      if (event.type === 'service.requested') this.requestService();
      if (event.type === 'service.badge') this.requestService(event.badgeId);
      const e = toSessionEvent(event);
      // At a counter nobody is served while no operator is signed in.
      if (e && (this.counter === null || this.counterServing())) actor.send(e);
    });
  }

  /** The counter's screens and machine load on a counter only: citizen kiosks never download them. */
  private async startCounter() {
    const { startCounter } = await import('./counter/counter-start.ts');
    this.counter = new ActorController(this, startCounter(this.api));
    this.requestUpdate();
  }

  private counterServing(): boolean {
    const s = this.counter?.snapshot.value;
    return s === 'serving' || s === 'takingCash';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    window.removeEventListener('pointerdown', this.onActivity, true);
    window.removeEventListener('keydown', this.onActivity, true);
    window.removeEventListener('keydown', this.onServiceKeys);
    this.service.actor.stop();
    this.counter?.actor.stop();
    this.attention.actor.stop();
    this.session.actor.stop();
  }

  /** (Re)starts the attention watch with the host's timings. */
  private startAttention(t: { quietMs: number; warningMs: number }) {
    if (this.attention) {
      this.attention.hostDisconnected();
      this.removeController(this.attention);
      this.attention.actor.stop();
    }
    this.warningMs = t.warningMs;
    const actor = createActor(attentionMachine.provide({ delays: { QUIET: t.quietMs, WARNING: t.warningMs } }));
    actor.subscribe((s) => {
      if (s.value === 'warning' && this.warningUntil === 0) this.warningUntil = Date.now() + this.warningMs;
      if (s.value !== 'warning') this.warningUntil = 0;
      // Nobody answered: the session ends, and every personal datum with it.
      if (s.value === 'expired') this.session.actor.send({ type: 'SESSION.TIMEOUT' });
    });
    actor.start();
    this.attention = new ActorController(this, actor);
  }

  /** The service switch (or Ctrl+Alt+S) opens the PIN pad, a badge the service mode, from the idle screen only: never under a citizen. */
  private requestService(badgeId?: string) {
    if (this.session.snapshot.value !== 'idle') return;
    // The technician's screens load on first use: citizens never download them.
    void import('./service/service-app.ts');
    this.service.actor.send(badgeId === undefined ? { type: 'SERVICE.REQUESTED' } : { type: 'BADGE.READ', badgeId });
  }

  private onServiceKeys = (e: KeyboardEvent) => {
    if (e.ctrlKey && e.altKey && e.code === 'KeyS') this.requestService();
  };

  private onActivity = () => this.attention.actor.send({ type: 'ATTENTION.ACTIVITY' });

  /** After a screen changes, its words are read in the session's language. */
  override updated(): void {
    const state = String(this.session.snapshot.value);
    if (!this.speech || state === this.spokenState) return;
    this.spokenState = state;
    const screen = this.renderRoot.querySelector('main > *');
    void (screen as { updateComplete?: Promise<unknown> } | null)?.updateComplete?.then(() => {
      hush();
      speak(screenWords(screen!.shadowRoot ?? screen!), languageInfo(this.language).bcp47);
    });
  }

  /** The control that takes the focus (by keyboard or keypad) is named aloud. */
  private onFocus = (e: FocusEvent) => {
    if (!this.speech) return;
    const target = e.composedPath()[0];
    if (target instanceof Element && target.matches('button, input, [tabindex]')) speak(controlName(target), languageInfo(this.language).bcp47);
  };

  private toggleSpeech = () => {
    this.speech = !this.speech;
    this.spokenState = null;
    if (!this.speech) hush();
  };

  /** Calls staff once per session; a press while they are called says so again and sends nothing. */
  private requestHelp = () => {
    if (this.assistanceAt !== null) return this.showHelp();
    if (this.calling) return;
    this.calling = true;
    void this.api.requestAssistance().then(
      ({ requestedAt }) => {
        this.calling = false;
        this.assistanceAt = requestedAt;
        this.showHelp();
      },
      () => (this.calling = false),
    );
  };

  private showHelp() {
    this.helpShown = true;
    if (!this.speech) return;
    hush();
    const s = speechFor(this.language, 'help.called');
    speak(s.text, s.lang);
  }

  private closeHelp = async () => {
    this.helpShown = false;
    await this.updateComplete;
    // Back where the citizen was: the keypad does not lose its place.
    this.renderRoot.querySelector<HTMLElement>('[data-action="help"]')?.focus();
  };

  private onSessionEvent = (e: CustomEvent<SessionEvent>) => {
    this.session.actor.send(e.detail);
  };

  /** The language chosen last: a slower table loading behind a later choice must not win. */
  private wantedLanguage: Language = 'it';

  private onLanguage = (e: CustomEvent<Language>) => {
    const lang = e.detail;
    this.wantedLanguage = lang;
    // The screen changes once the table is here, so no sentence shows half in Italian.
    void loadLanguage(lang).then(
      () => {
        if (this.wantedLanguage === lang) this.language = lang;
      },
      (err: unknown) => console.error(`language ${lang} not loaded:`, err),
    );
  };

  private lastState: SessionStateValue = 'idle';

  override willUpdate(): void {
    const state = this.session.snapshot.value as SessionStateValue;
    // The next citizen starts in Italian and standard view: a session's choices end with it.
    if (state === 'idle' && this.lastState !== 'idle') {
      this.language = 'it';
      this.wantedLanguage = 'it';
      this.largeText = false;
      this.highContrast = false;
      this.speech = false;
      // The citizen who called is gone: staff no longer need to come for them.
      if (this.assistanceAt !== null) void this.api.clearAssistance().catch(() => {});
      this.assistanceAt = null;
      this.helpShown = false;
    }
    document.documentElement.dataset.text = this.largeText ? 'large' : 'normal';
    document.documentElement.dataset.contrast = this.highContrast ? 'high' : 'normal';
    // The watch runs only while a screen waits for the citizen, never while money moves.
    // Nor while staff are on their way: the session must not end under a citizen waiting for them.
    this.attention.actor.send({ type: ATTENDED.has(state) && this.assistanceAt === null ? 'ATTENTION.ARM' : 'ATTENTION.DISARM' });
    // A new citizen at the counter: the last one's change is no longer shown.
    if (state !== 'idle' && this.lastState === 'idle') this.counter?.actor.send({ type: 'CASH.CLEAR' });
    this.lastState = state;
    const info = languageInfo(this.language);
    document.documentElement.lang = info.bcp47;
    document.documentElement.dir = info.dir;
  }

  private screen(state: SessionStateValue) {
    const context = this.session.snapshot.context;
    const lang = this.language;
    const printerDown = this.printer !== null && !this.printer.ready;
    // Cancelling or moving a booking starts from the menu: its screens load while the citizen reads it.
    if (state === 'menu') void import('./screens/manage-screens.ts');
    switch (state) {
      case 'idle':
        return html`<screen-idle .context=${context} language=${lang}></screen-idle>`;
      case 'waitingCard':
        return html`<screen-insert-card .context=${context} language=${lang}></screen-insert-card>`;
      case 'enteringTaxCode':
        return html`<screen-tax-code .context=${context} language=${lang}></screen-tax-code>`;
      case 'cardError':
        return html`<screen-card-error .context=${context} language=${lang}></screen-card-error>`;
      // Recording a decline or an acknowledgement: the menu stays while the host writes it.
      case 'menu':
      case 'decliningInvitation':
      case 'acknowledgingConflict':
        return html`<screen-menu .context=${context} language=${lang}></screen-menu>`;
      case 'enteringCode':
      case 'findingBooking':
        return html`<screen-code-entry .context=${context} language=${lang} kind="booking" ?busy=${state === 'findingBooking'}></screen-code-entry>`;
      case 'enteringNotice':
      case 'findingNotice':
        // A template of its own, so the digits typed for a booking never carry over to a notice.
        return html`<screen-code-entry .context=${context} language=${lang} kind="notice" ?busy=${state === 'findingNotice'}></screen-code-entry>`;
      case 'reviewing':
      case 'reviewingNotice':
      case 'choosingMethod':
      case 'startingPayment':
        return this.choiceScreen(state === 'startingPayment' ? context.flow : state, printerDown);
      case 'noticeOffline':
        return html`<screen-notice-offline .context=${context} language=${lang}></screen-notice-offline>`;
      case 'findingUnpaid':
      case 'unpaidList':
        return html`<screen-unpaid .context=${context} language=${lang} ?busy=${state === 'findingUnpaid'}></screen-unpaid>`;
      case 'enteringCardPart':
        return html`<screen-card-part .context=${context} language=${lang}></screen-card-part>`;
      case 'paying':
      case 'startingCard':
      case 'cancellingPayment':
        // At a counter the operator counts the cash the citizen hands over; a card still goes to the POS.
        if (this.counter && context.payment?.method === 'cash') {
          return html`<counter-cash
            .actor=${this.counter.actor}
            .snapshot=${this.counter.snapshot}
            .payment=${context.payment}
            ?cardPayments=${this.cardPayments}
            ?busy=${state !== 'paying'}
          ></counter-cash>`;
        }
        return html`<screen-paying
          .context=${context}
          language=${lang}
          ?cardPayments=${this.cardPayments}
          ?starting=${state === 'startingCard'}
          ?cancelling=${state === 'cancellingPayment'}
        ></screen-paying>`;
      case 'cardDeclined':
        return html`<screen-card-declined .context=${context} language=${lang} ?cardPayments=${this.cardPayments}></screen-card-declined>`;
      case 'findingIncomeBand':
      case 'choosingIncomeBand':
      case 'declaringIncomeBand':
        return html`<screen-income-band
          .context=${context}
          language=${lang}
          ?busy=${state === 'findingIncomeBand'}
          ?declaring=${state === 'declaringIncomeBand'}
        ></screen-income-band>`;
      case 'incomeBandRecorded':
        return html`<screen-income-band-recorded .context=${context} language=${lang}></screen-income-band-recorded>`;
      case 'findingPrescriptions':
      case 'choosingPrescription':
        return html`<screen-prescriptions .context=${context} language=${lang} ?busy=${state === 'findingPrescriptions'}></screen-prescriptions>`;
      case 'findingSlots':
      case 'choosingSlot':
      case 'holdingSlot':
      case 'releasingHold':
        return html`<screen-slots
          .context=${context}
          language=${lang}
          ?busy=${state === 'findingSlots' || state === 'releasingHold'}
          ?holding=${state === 'holdingSlot'}
        ></screen-slots>`;
      case 'holding':
      case 'confirmingBooking':
        return html`<screen-hold .context=${context} language=${lang} ?confirming=${state === 'confirmingBooking'}></screen-hold>`;
      case 'holdExpired':
        return html`<screen-hold-expired .context=${context} language=${lang}></screen-hold-expired>`;
      case 'booked':
        return html`<screen-booked .context=${context} language=${lang}></screen-booked>`;
      case 'enteringPhone':
      case 'joiningWaitingList':
        return html`<screen-phone-entry .context=${context} language=${lang} ?busy=${state === 'joiningWaitingList'}></screen-phone-entry>`;
      case 'waitingListJoined':
        return html`<screen-waiting-list-joined .context=${context} language=${lang}></screen-waiting-list-joined>`;
      case 'bookingOffline':
        return html`<screen-booking-offline .context=${context} language=${lang}></screen-booking-offline>`;
      case 'findingMyBookings':
      case 'choosingMyBooking':
        return html`<screen-my-bookings .context=${context} language=${lang} ?busy=${state === 'findingMyBookings'}></screen-my-bookings>`;
      case 'enteringManageCode':
      case 'findingManagedBooking':
        return html`<screen-code-entry .context=${context} language=${lang} kind="manage" ?busy=${state === 'findingManagedBooking'}></screen-code-entry>`;
      case 'managingBooking':
      case 'confirmingCancel':
      case 'cancellingBooking':
      case 'findingMoveSlots':
        return html`<screen-manage-booking
          .context=${context}
          language=${lang}
          ?confirming=${state === 'confirmingCancel'}
          ?cancelling=${state === 'cancellingBooking'}
          ?searching=${state === 'findingMoveSlots'}
        ></screen-manage-booking>`;
      case 'choosingMoveSlot':
      case 'holdingMoveSlot':
      case 'releasingMoveHold':
        return html`<screen-slots .context=${moveSlotsContext(context)} language=${lang} moving ?busy=${state === 'releasingMoveHold'} ?holding=${state === 'holdingMoveSlot'}></screen-slots>`;
      case 'moveHeld':
      case 'movingBooking':
        return html`<screen-move-hold .context=${context} language=${lang} ?confirming=${state === 'movingBooking'}></screen-move-hold>`;
      case 'moveHoldExpired':
        return html`<screen-hold-expired .context=${context} language=${lang}></screen-hold-expired>`;
      case 'bookingCancelled':
        return html`<screen-manage-done .context=${context} language=${lang} outcome="cancelled"></screen-manage-done>`;
      case 'bookingMoved':
        return html`<screen-manage-done .context=${context} language=${lang} outcome="moved"></screen-manage-done>`;
      case 'codeRead':
        return html`<screen-code-read .context=${context} language=${lang}></screen-code-read>`;
      case 'printing':
      case 'done':
      case 'printFailed':
      case 'cancelled':
        return html`<screen-outcome .context=${context} language=${lang} outcome=${state}></screen-outcome>`;
    }
  }

  /** Where the citizen chooses how to pay, by what they pay; it stays up while the payment starts. */
  private choiceScreen(what: SessionStateValue | Flow | null, printerDown: boolean) {
    const context = this.session.snapshot.context;
    const lang = this.language;
    switch (what) {
      case 'reviewingNotice':
      case 'notice':
        return html`<screen-notice .context=${context} language=${lang} ?printerDown=${printerDown} ?cardPayments=${this.cardPayments}></screen-notice>`;
      case 'choosingMethod':
      case 'unpaid':
        return html`<screen-method .context=${context} language=${lang} ?printerDown=${printerDown} ?cardPayments=${this.cardPayments}></screen-method>`;
      default:
        return html`<screen-booking .context=${context} language=${lang} ?printerDown=${printerDown} ?cardPayments=${this.cardPayments}></screen-booking>`;
    }
  }

  override render() {
    if (this.service.snapshot.value !== 'off') return html`<service-app .actor=${this.service.actor} .snapshot=${this.service.snapshot}></service-app>`;
    const state = this.session.snapshot.value as SessionStateValue;
    if (this.counter && !this.counterServing()) return html`<counter-app .actor=${this.counter.actor} .snapshot=${this.counter.snapshot}></counter-app>`;
    return html`
      <header>${translate(this.language, 'app.title')}</header>
      ${this.counter ? html`<counter-bar .actor=${this.counter.actor} .snapshot=${this.counter.snapshot} ?between=${state === 'idle'}></counter-bar>` : ''}
      <main data-state=${state} data-connected=${String(this.connected)} @session-event=${this.onSessionEvent}>${this.screen(state)}</main>
      <footer>
        <language-picker language=${this.language} @language-change=${this.onLanguage}></language-picker>
        <button class="view" data-action="large-text" aria-pressed=${String(this.largeText)} @click=${() => (this.largeText = !this.largeText)}>
          A+ ${translate(this.language, 'a11y.largeText')}
        </button>
        <button class="view" data-action="speech" aria-pressed=${String(this.speech)} @click=${this.toggleSpeech}>
          ${SPEAKER_ICON} ${translate(this.language, 'a11y.speech')}
        </button>
        <button class="view" data-action="high-contrast" aria-pressed=${String(this.highContrast)} @click=${() => (this.highContrast = !this.highContrast)}>
          ◐ ${translate(this.language, 'a11y.highContrast')}
        </button>
        <button class="view help" data-action="help" aria-pressed=${String(this.assistanceAt !== null)} @click=${this.requestHelp}>
          ${this.assistanceAt === null ? HELP_ICON : CALLED_ICON} ${translate(this.language, 'help.button')}
        </button>
      </footer>
      ${this.helpShown ? html`<help-called language=${this.language} @help-ok=${this.closeHelp}></help-called>` : ''}
      ${this.attention.snapshot.value === 'warning'
        ? html`<timeout-warning
            language=${this.language}
            .until=${this.warningUntil}
            @more-time=${() => this.attention.actor.send({ type: 'ATTENTION.MORE_TIME' })}
          ></timeout-warning>`
        : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cup-kiosk-app': CupKioskApp;
  }
}

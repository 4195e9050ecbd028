import { html, type CSSResultGroup } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { OpenPrescription } from '../../bridge/terminal-api.ts';
import { latinDigits, longDate } from '../format.ts';
import { languageInfo } from '../i18n/languages.ts';
import { translateError } from '../i18n/translate.ts';
import { choiceList } from './booking-styles.ts';
import { ScreenBase } from './screen-base.ts';

/** The citizen's open prescriptions, each a large button; a memo's barcode may be shown instead. */
@customElement('screen-prescriptions')
export class ScreenPrescriptions extends ScreenBase {
  static override styles: CSSResultGroup = [ScreenBase.styles, choiceList];

  /** True while the central is asked. */
  @property({ type: Boolean }) busy = false;

  private item(p: OpenPrescription) {
    const issued = longDate(p.issuedOn, latinDigits(languageInfo(this.language).bcp47));
    return html`<li>
      <button data-nre=${p.nre} @click=${() => this.send({ type: 'PRESCRIPTION.CHOOSE', nre: p.nre })}>
        <strong><bdi>${p.services.map((s) => s.description).join(', ')}</bdi></strong>
        <span>${this.t(`rx.priority.${p.priority}`)}</span>
        <span>${this.t('rx.prescriber', { name: p.prescriber, date: issued })}</span>
      </button>
    </li>`;
  }

  override render() {
    const list = this.context.prescriptions;
    const error = this.context.error;
    if (this.busy) {
      return html`<h1>${this.t('rx.title')}</h1>
        <p class="lead">${this.t('rx.searching')}</p>`;
    }
    return html`
      <h1>${this.t('rx.title')}</h1>
      ${error ? html`<p class="error" role="alert" data-error=${error.code}>${translateError(this.language, 'slots.error', error.code)}</p>` : ''}
      ${list?.length === 0 ? html`<p class="lead" data-testid="no-prescriptions">${this.t('rx.empty')}</p>` : ''}
      ${list && list.length > 0 ? html`<p class="lead">${this.t('rx.hint')}</p>` : ''}
      <div class="spacer"></div>
      ${list && list.length > 0 ? html`<ul class="choices">${list.map((p) => this.item(p))}</ul>` : ''}
      <div class="actions">
        <button class="secondary" data-action="back" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('code.back')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-prescriptions': ScreenPrescriptions;
  }
}

import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { latinDigits, longDate } from '../format.ts';
import { languageInfo } from '../i18n/languages.ts';
import { bandText } from './income-band-text.ts';
import { ScreenBase } from './screen-base.ts';

/** The band declared is recorded: which one, from when, and the way back to the menu. */
@customElement('screen-income-band-recorded')
export class ScreenIncomeBandRecorded extends ScreenBase {
  override render() {
    const held = this.context.incomeBand;
    const bcp47 = languageInfo(this.language).bcp47;
    const b = held?.band ? bandText(held.band, (k, p) => this.t(k, p), bcp47) : null;
    return html`
      <h1>${this.t('band.recorded.title')}</h1>
      ${b && held?.declaredOn
        ? html`<p class="lead" data-testid="band-recorded" data-band=${held.band}>
            ${this.t('band.recorded.body', { band: `${b.name} (${b.range})`, date: longDate(held.declaredOn, latinDigits(bcp47)) })}
          </p>`
        : ''}
      <p class="lead">${this.t('band.recorded.use')}</p>
      <div class="spacer"></div>
      <div class="actions">
        <button data-action="menu" @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('band.recorded.menu')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-income-band-recorded': ScreenIncomeBandRecorded;
  }
}

import { css, html, type CSSResultGroup } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { INCOME_BAND_LIMITS, INCOME_BAND_STATEMENT } from '../../bridge/income-band-form.ts';
import { latinDigits, longDate } from '../format.ts';
import { languageInfo } from '../i18n/languages.ts';
import { bandText } from './income-band-text.ts';
import { ScreenBase } from './screen-base.ts';

/**
 * The self-certification of the family-income band: the band held now, the statement in full,
 * the four bands to pick from, and the confirmation, which stays off until a band is picked.
 */
@customElement('screen-income-band')
export class ScreenIncomeBand extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      .statement {
        border: 3px solid var(--rule);
        border-radius: 1rem;
        padding: 1rem 1.5rem;
        display: flex;
        flex-direction: column;
        gap: 0.8rem;
      }
      .statement h2 {
        font-size: 1.5rem;
        margin: 0;
      }
      .statement p.lead {
        font-size: 1.4rem;
        line-height: 1.45;
      }
      fieldset {
        border: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 0.8rem;
      }
      legend {
        font-size: 1.6rem;
        font-weight: 700;
        padding: 0;
        margin-bottom: 0.8rem;
      }
      label {
        display: flex;
        align-items: center;
        gap: 1.2rem;
        min-height: 5rem;
        padding: 0.6rem 1.2rem;
        border: 3px solid var(--rule);
        border-radius: 1rem;
        cursor: pointer;
        font-size: 1.5rem;
      }
      /* The band picked differs by its dot, a tick and a thicker frame, not by colour alone. */
      label.chosen {
        border-color: var(--accent);
        border-width: 6px;
        font-weight: 700;
      }
      label:has(input:focus-visible) {
        outline: 5px solid var(--focus);
        outline-offset: 3px;
      }
      input {
        flex: none;
        width: max(48px, 2.6rem);
        height: max(48px, 2.6rem);
        margin: 0;
        accent-color: var(--accent);
        cursor: pointer;
      }
      input:focus-visible {
        outline: none;
      }
      .name {
        flex: none;
        min-width: 8rem;
      }
      .range {
        flex: 1;
      }
      .tick {
        flex: none;
        width: 2rem;
        font-size: 2rem;
        text-align: center;
      }
      p.hint {
        font-size: 1.3rem;
        margin: 0;
      }
    `,
  ];

  /** True while the host is asked for the band held now. */
  @property({ type: Boolean }) busy = false;
  /** True while the declaration is being recorded. */
  @property({ type: Boolean }) declaring = false;

  private get bcp47(): string {
    return languageInfo(this.language).bcp47;
  }

  /** `t` as a plain function, for the band texts. */
  private readonly words = (key: Parameters<ScreenBase['t']>[0], params?: Record<string, string>) => this.t(key, params);

  /** What the terminal applies now; nothing when the host could not say. */
  private held() {
    const held = this.context.incomeBand;
    if (!held) return '';
    if (held.band === null || held.declaredOn === null) return html`<p class="lead" data-testid="band-held" data-band="none">${this.t('band.none')}</p>`;
    const b = bandText(held.band, this.words, this.bcp47);
    return html`<p class="lead" data-testid="band-held" data-band=${held.band}>
      ${this.t('band.held', { band: `${b.name} (${b.range})`, date: longDate(held.declaredOn, latinDigits(this.bcp47)) })}
    </p>`;
  }

  override render() {
    if (this.busy) {
      return html`<h1>${this.t('band.title')}</h1>
        <p class="lead" role="status">${this.t('band.loading')}</p>`;
    }
    const chosen = this.context.chosenBand;
    const error = this.context.error;
    const taxCode = this.context.citizen?.taxCode ?? '';
    return html`
      <h1>${this.t('band.title')}</h1>
      ${this.held()}
      <section class="statement" aria-labelledby="statement-title" data-statement=${INCOME_BAND_STATEMENT}>
        <h2 id="statement-title">${this.t('band.statement.title')}</h2>
        <p class="lead">${this.t('band.statement.body', { taxCode })}</p>
        <p class="lead">${this.t('band.statement.use')}</p>
      </section>
      <div class="spacer"></div>
      <!-- The choices sit low on the screen, within reach from a wheelchair. -->
      <fieldset ?disabled=${this.declaring}>
        <legend>${this.t('band.choose')}</legend>
        ${INCOME_BAND_LIMITS.map(({ band }) => {
          const b = bandText(band, this.words, this.bcp47);
          const picked = chosen === band;
          return html`<label class=${picked ? 'chosen' : ''} data-band=${band}>
            <input
              type="radio"
              name="band"
              .checked=${live(picked)}
              aria-label=${`${b.name}: ${b.range}`}
              @change=${() => this.send({ type: 'INCOME_BAND.CHOOSE', band })}
            />
            <span class="name">${b.name}</span>
            <span class="range"><bdi>${b.range}</bdi></span>
            <span class="tick" aria-hidden="true">${picked ? '✓' : ''}</span>
          </label>`;
        })}
      </fieldset>
      ${error ? html`<p class="error" role="alert" data-error=${error.code}>${this.t('band.failed')}</p>` : ''}
      ${this.declaring
        ? html`<p class="lead" role="status">${this.t('band.declaring')}</p>`
        : chosen === null
          ? html`<p class="hint" id="confirm-hint">${this.t('band.chooseFirst')}</p>`
          : ''}
      <div class="actions">
        <button
          data-action="confirm-band"
          ?disabled=${chosen === null || this.declaring}
          aria-describedby=${ifDefined(chosen === null && !this.declaring ? 'confirm-hint' : undefined)}
          @click=${() => this.send({ type: 'INCOME_BAND.CONFIRM' })}
        >
          ${this.t('band.confirm')}
        </button>
        <button class="secondary" data-action="back" ?disabled=${this.declaring} @click=${() => this.send({ type: 'NAV.BACK' })}>${this.t('booking.back')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-income-band': ScreenIncomeBand;
  }
}

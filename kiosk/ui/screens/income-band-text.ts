import { INCOME_BAND_LIMITS, type IncomeBandNumber } from '../../bridge/income-band-form.ts';
import { euroIn } from '../format.ts';
import type { MessageKey } from '../i18n/messages.ts';

type T = (key: MessageKey, params?: Record<string, string>) => string;

/** What a band is called and which family incomes it holds, in the citizen's language. */
export interface BandText {
  /** `Fascia 2` */
  name: string;
  /** `oltre 36.152 € e fino a 70.000 €` */
  range: string;
}

export function bandText(band: IncomeBandNumber, t: T, bcp47: string): BandText {
  const i = INCOME_BAND_LIMITS.findIndex((l) => l.band === band);
  const upTo = INCOME_BAND_LIMITS[i]?.upToCents ?? null;
  const from = INCOME_BAND_LIMITS[i - 1]?.upToCents ?? null;
  const name = t('band.name', { band: String(band) });
  if (upTo === null) return { name, range: t('band.over', { amount: euroIn(from ?? 0, bcp47) }) };
  if (from === null) return { name, range: t('band.upTo', { amount: euroIn(upTo, bcp47) }) };
  return { name, range: t('band.between', { from: euroIn(from, bcp47), to: euroIn(upTo, bcp47) }) };
}

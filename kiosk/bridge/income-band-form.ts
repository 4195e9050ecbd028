/**
 * The income-band self-certification form, as both sides of `TerminalApi` know it: the screens
 * show its bands and statement, the host records which version of the statement was accepted.
 * Plain data with no imports, so the kiosk page can have it without the domain's rule schemas.
 */

/** Household income band of a self-certification: 1 lowest, 4 highest (DOMAIN.md, demo-3). */
export type IncomeBandNumber = 1 | 2 | 3 | 4;

export interface IncomeBandLimit {
  band: IncomeBandNumber;
  /** Highest total family income of the band, in cents, included; null for the last band. */
  upToCents: number | null;
}

/** The four bands, lowest first; a test holds them to the demo-3 rule set's. */
export const INCOME_BAND_LIMITS: readonly IncomeBandLimit[] = [
  { band: 1, upToCents: 3_615_200 },
  { band: 2, upToCents: 7_000_000 },
  { band: 3, upToCents: 10_000_000 },
  { band: 4, upToCents: null },
];

/**
 * Version of the statement the screens show (art. 46 and 76 D.P.R. 445/2000), in every language.
 * The host records it with each declaration; a new wording of the statement needs a new version.
 */
export const INCOME_BAND_STATEMENT = 'autocert-reddito-v1';

/** True for 1, 2, 3 or 4; anything else (a string, 2.5, 0) is not a band. */
export function isIncomeBand(value: unknown): value is IncomeBandNumber {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

import { NreError } from './errors.ts';

/**
 * Regions' (and autonomous provinces') codes as the national prescription system uses them: the
 * first three characters of every NRE. Trentino-Alto Adige has none of its own: its two provinces
 * each have one.
 */
export const NRE_REGIONS: Readonly<Record<string, string>> = Object.freeze({
  '010': 'Piemonte',
  '020': "Valle d'Aosta",
  '030': 'Lombardia',
  '041': 'Provincia autonoma di Bolzano',
  '042': 'Provincia autonoma di Trento',
  '050': 'Veneto',
  '060': 'Friuli-Venezia Giulia',
  '070': 'Liguria',
  '080': 'Emilia-Romagna',
  '090': 'Toscana',
  '100': 'Umbria',
  '110': 'Marche',
  '120': 'Lazio',
  '130': 'Abruzzo',
  '140': 'Molise',
  '150': 'Campania',
  '160': 'Puglia',
  '170': 'Basilicata',
  '180': 'Calabria',
  '190': 'Sicilia',
  '200': 'Sardegna',
});

export const NRE_LENGTH = 15;
/** The memo prints the NRE as two barcodes: the first 5 characters, then the last 10. */
export const NRE_HEAD_LENGTH = 5;
export const NRE_TAIL_LENGTH = 10;
const REGION_LENGTH = 3;

// Region digits, then the two characters the national system assigns (letters or digits: they
// change over time, so no value is assumed), then ten characters of lot and progressive number.
const NRE_PATTERN = /^\d{3}[0-9A-Z]{2}[0-9A-Z]{10}$/;
const HEAD_PATTERN = /^\d{3}[0-9A-Z]{2}$/;
const TAIL_PATTERN = /^[0-9A-Z]{10}$/;

export interface NreInfo {
  /** 15 characters, upper case, no spaces. */
  nre: string;
  /** The 3-digit region code (`070`). */
  region: string;
  /** The region's name, for screens and logs. */
  regionName: string;
}

export function isNreRegion(code: string): boolean {
  return Object.hasOwn(NRE_REGIONS, code);
}

/**
 * Validates a 15-character NRE (case and surrounding space ignored).
 * @throws NreError BAD_NRE, `check` 'format' or 'region'.
 */
export function parseNre(text: string): NreInfo {
  const nre = text.trim().toUpperCase();
  if (!NRE_PATTERN.test(nre)) {
    throw new NreError('format', `an NRE is ${NRE_LENGTH} characters: 3-digit region code, 2 assigned characters, 10 characters`, { text });
  }
  const region = nre.slice(0, REGION_LENGTH);
  const regionName = NRE_REGIONS[region];
  if (regionName === undefined) {
    throw new NreError('region', `${region} is not the code of an Italian region or autonomous province`, { nre, region });
  }
  return { nre, region, regionName };
}

/** Which memo barcode a scan can be: the 5-character head (with a known region) or the 10-character tail. */
export function nrePart(text: string): 'head' | 'tail' | null {
  const t = text.trim().toUpperCase();
  if (HEAD_PATTERN.test(t) && isNreRegion(t.slice(0, REGION_LENGTH))) return 'head';
  if (TAIL_PATTERN.test(t)) return 'tail';
  return null;
}

/**
 * Joins the two memo barcodes, scanned in either order, into the NRE: the part of 5 characters is
 * the head whichever came first, so the order never makes it ambiguous.
 * @throws NreError BAD_NRE, `check` 'parts' when the lengths are not 5 and 10, or as parseNre.
 */
export function joinNreParts(first: string, second: string): NreInfo {
  const a = first.trim().toUpperCase();
  const b = second.trim().toUpperCase();
  if (a.length === NRE_HEAD_LENGTH && b.length === NRE_TAIL_LENGTH) return parseNre(a + b);
  if (a.length === NRE_TAIL_LENGTH && b.length === NRE_HEAD_LENGTH) return parseNre(b + a);
  throw new NreError('parts', `the memo's two barcodes have ${NRE_HEAD_LENGTH} and ${NRE_TAIL_LENGTH} characters`, { first: a, second: b });
}

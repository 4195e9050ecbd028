/**
 * AIM symbology identifiers (ISO/IEC 15424): a scanner set to send them prefixes each scan with
 * `]`, a code character naming the symbology and a modifier character (`]A0` Code 39, `]C0`
 * Code 128, `]Q1` QR, `]E0` EAN-13). The modifier says options (check character, GS1 mode...)
 * that no code of ours depends on, so it is kept but not interpreted.
 */
export type Symbology = 'code39' | 'code128' | 'ean-upc' | 'codabar' | 'code93' | 'itf' | 'pdf417' | 'qr' | 'datamatrix' | 'aztec' | 'gs1-databar' | 'other';

/** Code characters of the symbologies a kiosk meets; any other is reported as 'other'. */
const SYMBOLOGY_BY_CODE: Readonly<Record<string, Symbology>> = {
  A: 'code39',
  C: 'code128',
  E: 'ean-upc',
  F: 'codabar',
  G: 'code93',
  I: 'itf',
  L: 'pdf417',
  Q: 'qr',
  d: 'datamatrix',
  z: 'aztec',
  e: 'gs1-databar',
};

const AIM_FLAG = ']';
const AIM_PATTERN = /^\]([A-Za-z])([0-9A-Za-z])/;
export const AIM_PREFIX_LENGTH = 3;

export interface AimId {
  /** The three characters as sent, e.g. `]Q1`. */
  id: string;
  symbology: Symbology;
}

export interface AimSplit {
  /** Absent when the scan carries no identifier. */
  aim?: AimId;
  /** The scan without the identifier. */
  text: string;
}

/** Splits a leading AIM identifier off a scan; white space before it is skipped. */
export function splitAim(scan: string): AimSplit {
  const start = scan.trimStart();
  if (!start.startsWith(AIM_FLAG)) return { text: scan };
  const m = AIM_PATTERN.exec(start);
  if (!m) return { text: scan };
  const id = m[0];
  return { aim: { id, symbology: SYMBOLOGY_BY_CODE[m[1] ?? ''] ?? 'other' }, text: start.slice(AIM_PREFIX_LENGTH) };
}

/** The AIM identifier a scanner sends for a symbology (modifier 0, or 1 for QR as in model 2). */
export function aimIdFor(symbology: Exclude<Symbology, 'other'>): string {
  const code = Object.keys(SYMBOLOGY_BY_CODE).find((k) => SYMBOLOGY_BY_CODE[k] === symbology) ?? 'X';
  return `${AIM_FLAG}${code}${symbology === 'qr' ? '1' : '0'}`;
}

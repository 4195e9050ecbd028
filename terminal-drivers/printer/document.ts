/**
 * The receipt document model: what a receipt says, never how a printer is told to say it.
 * Layout functions build a `ReceiptDocument` from typed data; renderers (ESC/POS bytes, text,
 * SVG, PNG) turn the same document into output. The simulator decodes a byte stream back into
 * this model, so a test can compare what was meant with what came out.
 */

export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  /** Default false. */
  bold?: boolean;
  /** Each character takes two columns. Default false. */
  doubleWidth?: boolean;
  /** Each line takes two line heights. Default false. */
  doubleHeight?: boolean;
  /** Default 'left'. */
  align?: Align;
}

/** A 1-bit picture, row-major, `bits[y * width + x] === 1` is a black dot. */
export interface MonoImage {
  width: number;
  height: number;
  bits: Uint8Array;
}

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
export type Symbology = 'code128' | 'code39';

export type DocElement =
  /** One paragraph; renderers wrap it at word boundaries to the profile's columns. */
  | { kind: 'text'; text: string; style?: TextStyle }
  /** Label on the left, value on the right (amounts); the label wraps, the value never does. */
  | { kind: 'row'; label: string; value: string; bold?: boolean }
  | { kind: 'rule'; char?: '-' | '=' }
  | { kind: 'feed'; lines: number }
  /** `hri` prints the human-readable text under the bars. Height in dots, default 80. */
  | { kind: 'barcode'; symbology: Symbology; data: string; height?: number; hri?: boolean }
  /** Module size in dots, default 6; error correction default 'M'. */
  | { kind: 'qr'; data: string; moduleSize?: number; errorCorrection?: QrErrorCorrection }
  | { kind: 'logo'; image: MonoImage }
  | { kind: 'cut' };

export type ElementKind = DocElement['kind'];

export interface ReceiptDocument {
  elements: DocElement[];
}

// ---- builders: short names keep layouts readable ----

export const text = (t: string, style?: TextStyle): DocElement => (style ? { kind: 'text', text: t, style } : { kind: 'text', text: t });
export const title = (t: string): DocElement => text(t, { bold: true, doubleHeight: true, align: 'center' });
export const center = (t: string, bold = false): DocElement => text(t, bold ? { align: 'center', bold } : { align: 'center' });
export const row = (label: string, value: string, bold = false): DocElement => (bold ? { kind: 'row', label, value, bold } : { kind: 'row', label, value });
export const rule = (char: '-' | '=' = '-'): DocElement => ({ kind: 'rule', char });
export const feed = (lines = 1): DocElement => ({ kind: 'feed', lines });
export const code128 = (data: string, hri = true): DocElement => ({ kind: 'barcode', symbology: 'code128', data, hri });
export const code39 = (data: string, hri = true): DocElement => ({ kind: 'barcode', symbology: 'code39', data, hri });
export const qr = (data: string, moduleSize = 6): DocElement => ({ kind: 'qr', data, moduleSize, errorCorrection: 'M' });
export const cut = (): DocElement => ({ kind: 'cut' });

// ---- formatting shared by layouts ----

const EURO = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });

/**
 * Integer cents as Italian euros, `3228` → `32,28 €`. Intl puts a no-break space before the
 * sign; receipt code pages and plain-text logs want an ordinary one.
 */
export function formatEuro(cents: number): string {
  if (!Number.isInteger(cents)) throw new RangeError(`money must be integer cents, got ${cents}`);
  return EURO.format(cents / 100).replace(/[\u00a0\u202f]/g, ' ');
}

const DATE_TIME = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** An ISO instant as Europe/Rome wall time, `12/03/2025 10:42`. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return DATE_TIME.format(d).replace(',', '');
}

/**
 * Splits a paragraph into lines of at most `width` characters, at spaces where it can and
 * mid-word only when one word is longer than a line. Never returns an empty list.
 */
export function wrap(paragraph: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const hard of paragraph.split('\n')) {
    // A line that fits is kept as written, inner spacing included (a decoded row is such a line).
    if (hard.length <= w) {
      out.push(hard);
      continue;
    }
    let line = '';
    for (const word of hard.split(/ +/)) {
      let rest = word;
      while (rest.length > w) {
        if (line) {
          out.push(line);
          line = '';
        }
        out.push(rest.slice(0, w));
        rest = rest.slice(w);
      }
      if (!line) line = rest;
      else if (line.length + 1 + rest.length <= w) line += ' ' + rest;
      else {
        out.push(line);
        line = rest;
      }
    }
    out.push(line);
  }
  return out;
}

/** Places `s` in `width` columns by `align`; longer strings are returned unchanged. */
export function alignIn(s: string, width: number, align: Align = 'left'): string {
  const pad = width - s.length;
  if (pad <= 0) return s;
  if (align === 'right') return ' '.repeat(pad) + s;
  if (align === 'center') return ' '.repeat(Math.floor(pad / 2)) + s + ' '.repeat(pad - Math.floor(pad / 2));
  return s + ' '.repeat(pad);
}

/** A row as lines of exactly `width` columns: the label wraps, the value ends the last line. */
export function rowLines(label: string, value: string, width: number): string[] {
  const room = width - value.length - 1;
  if (room < 1) return [...wrap(label, width), alignIn(value, width, 'right')];
  const lines = wrap(label, room);
  const last = lines.pop() ?? '';
  return [...lines.map((l) => alignIn(l, width)), alignIn(last, room) + ' ' + value];
}

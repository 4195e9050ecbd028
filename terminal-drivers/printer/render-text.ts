/**
 * Document → plain text, one string line per printed line, for logs, screen readers, the
 * `ReceiptPrinted.text` the kiosk keeps, and golden tests. Symbols are shown as their data.
 */
import { alignIn, rowLines, wrap, type Align, type DocElement, type ReceiptDocument } from './document.ts';
import type { PrinterProfile } from './profiles.ts';

const SYMBOL_NAME = { code128: 'Code 128', code39: 'Code 39' } as const;

/** Double-width text takes two columns per character; pad in columns, print the characters. */
function placed(s: string, cols: number, align: Align, doubleWidth: boolean): string {
  if (!doubleWidth) return alignIn(s, cols, align);
  const free = Math.max(0, cols - 2 * s.length);
  const left = align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0;
  return ' '.repeat(left) + s;
}

function elementLines(el: DocElement, cols: number): string[] {
  switch (el.kind) {
    case 'text': {
      const s = el.style ?? {};
      const dw = s.doubleWidth ?? false;
      return wrap(el.text, dw ? Math.floor(cols / 2) : cols).map((l) => placed(l, cols, s.align ?? 'left', dw));
    }
    case 'row':
      return rowLines(el.label, el.value, cols);
    case 'rule':
      return [(el.char ?? '-').repeat(cols)];
    case 'feed':
      return Array.from({ length: el.lines }, () => '');
    case 'barcode':
      return [alignIn(`[${SYMBOL_NAME[el.symbology]}: ${el.data}]`, cols, 'center')];
    case 'qr':
      return wrap(`[QR: ${el.data}]`, cols).map((l) => alignIn(l, cols, 'center'));
    case 'logo':
      return [alignIn('[logo]', cols, 'center')];
    case 'cut':
      return [];
  }
}

/** The receipt as the citizen would read it, lines joined with `\n`, trailing spaces trimmed. */
export function renderText(doc: ReceiptDocument, profile: Pick<PrinterProfile, 'columns'>): string {
  return doc.elements
    .flatMap((el) => elementLines(el, profile.columns))
    .map((l) => l.trimEnd())
    .join('\n');
}

/**
 * Document → SVG, the receipt as the kiosk shows it on screen before and after printing, and
 * → PNG (through resvg) for logs and tests. One character cell is `dotsWidth / columns` dots
 * wide and twice that tall, like Font A, so the picture has the printed receipt's proportions.
 */
import { Resvg } from '@resvg/resvg-js';
import { rowLines, wrap, type Align, type DocElement, type MonoImage, type ReceiptDocument } from './document.ts';
import type { PrinterProfile } from './profiles.ts';
import { barsToImage, code128Widths, code39Widths, matrixToImage, qrModules } from './symbols.ts';

/** White border around the paper, dots. */
const MARGIN = 16;
/** DejaVu Sans Mono advances 0.602 em; this makes one glyph one cell wide. */
const FONT_EM_PER_CELL = 1 / 0.602;
const FONT = 'DejaVu Sans Mono, Liberation Mono, monospace';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Canvas {
  parts: string[];
  y: number;
  cell: number;
  cols: number;
}

function textLine(c: Canvas, s: string, align: Align, bold: boolean, dw: boolean, dh: boolean): void {
  const sx = dw ? 2 : 1;
  const sy = dh ? 2 : 1;
  const used = s.length * sx;
  const free = Math.max(0, c.cols - used);
  const col = align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0;
  const lineH = c.cell * 2 * sy;
  const x = MARGIN + col * c.cell;
  const baseline = c.y + lineH * 0.8;
  const weight = bold ? ' font-weight="bold"' : '';
  c.parts.push(
    `<text transform="translate(${x} ${baseline.toFixed(1)}) scale(${sx} ${sy})" font-size="${(c.cell * FONT_EM_PER_CELL).toFixed(2)}"${weight} xml:space="preserve">${esc(s)}</text>`,
  );
  c.y += lineH;
}

/** Black runs of each row as one path, centred on the paper. */
function image(c: Canvas, img: MonoImage, paper: number): void {
  const left = MARGIN + Math.max(0, Math.floor((paper - img.width) / 2));
  let d = '';
  for (let y = 0; y < img.height; y++) {
    let x = 0;
    while (x < img.width) {
      if (!img.bits[y * img.width + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < img.width && img.bits[y * img.width + x]) x++;
      d += `M${left + start} ${c.y + y}h${x - start}v1h${start - x}z`;
    }
  }
  c.parts.push(`<path d="${d}" fill="#000"/>`);
  c.y += img.height;
}

function element(c: Canvas, el: DocElement, profile: PrinterProfile): void {
  switch (el.kind) {
    case 'text': {
      const s = el.style ?? {};
      for (const l of wrap(el.text, s.doubleWidth ? Math.floor(c.cols / 2) : c.cols))
        textLine(c, l, s.align ?? 'left', s.bold ?? false, s.doubleWidth ?? false, s.doubleHeight ?? false);
      return;
    }
    case 'row':
      for (const l of rowLines(el.label, el.value, c.cols)) textLine(c, l, 'left', el.bold ?? false, false, false);
      return;
    case 'rule':
      textLine(c, (el.char ?? '-').repeat(c.cols), 'left', false, false, false);
      return;
    case 'feed':
      c.y += el.lines * c.cell * 2;
      return;
    case 'barcode': {
      const widths = el.symbology === 'code128' ? code128Widths(el.data) : code39Widths(el.data);
      image(c, barsToImage(widths, 2, el.height ?? 80), profile.dotsWidth);
      if (el.hri ?? true) textLine(c, el.data, 'center', false, false, false);
      return;
    }
    case 'qr':
      image(c, matrixToImage(qrModules(el.data, el.errorCorrection ?? 'M'), el.moduleSize ?? 6), profile.dotsWidth);
      return;
    case 'logo':
      image(c, el.image, profile.dotsWidth);
      return;
    case 'cut':
      c.parts.push(
        `<line x1="0" y1="${c.y + c.cell}" x2="${profile.dotsWidth + 2 * MARGIN}" y2="${c.y + c.cell}" stroke="#999" stroke-dasharray="6 4"/>`,
      );
      c.y += c.cell * 2;
      return;
  }
}

/** A standalone SVG document, white paper, black print, width `dotsWidth` plus margins. */
export function renderSvg(doc: ReceiptDocument, profile: PrinterProfile): string {
  const c: Canvas = { parts: [], y: MARGIN, cell: profile.dotsWidth / profile.columns, cols: profile.columns };
  for (const el of doc.elements) element(c, el, profile);
  const w = profile.dotsWidth + 2 * MARGIN;
  const h = Math.ceil(c.y + MARGIN);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<rect width="${w}" height="${h}" fill="#fff"/>` +
    `<g font-family="${FONT}" fill="#000">${c.parts.join('')}</g></svg>`
  );
}

/** The SVG rasterised at one pixel per printer dot. */
export function renderPng(doc: ReceiptDocument, profile: PrinterProfile): Buffer {
  const svg = renderSvg(doc, profile);
  const resvg = new Resvg(svg, { background: '#fff', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans Mono' } });
  return Buffer.from(resvg.render().asPng());
}

/**
 * Barcode and QR geometry, shared by the SVG renderer, the raster fallback of the ESC/POS
 * renderer and the simulator. Code 128 follows ISO/IEC 15417, Code 39 ISO/IEC 16388.
 * QR matrices come from `qr-image` (a dependency of @node-escpos/core); drawing is ours.
 */
import { matrix as qrMatrixOf } from 'qr-image';
import type { MonoImage, QrErrorCorrection } from './document.ts';

/** Element widths (bar, space, ...) of the 107 Code 128 symbols; 106 is the stop. */
// prettier-ignore
export const CODE128_PATTERNS: readonly string[] = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];
const START_B = 104;
const START_C = 105;
const STOP = 106;

/** Code 39: n narrow, w wide, five bars and four spaces per character; `*` is start/stop. */
// prettier-ignore
export const CODE39_PATTERNS: Readonly<Record<string, string>> = {
  '0': 'nnnwwnwnn', '1': 'wnnwnnnnw', '2': 'nnwwnnnnw', '3': 'wnwwnnnnn', '4': 'nnnwwnnnw',
  '5': 'wnnwwnnnn', '6': 'nnwwwnnnn', '7': 'nnnwnnwnw', '8': 'wnnwnnwnn', '9': 'nnwwnnwnn',
  A: 'wnnnnwnnw', B: 'nnwnnwnnw', C: 'wnwnnwnnn', D: 'nnnnwwnnw', E: 'wnnnwwnnn', F: 'nnwnwwnnn',
  G: 'nnnnnwwnw', H: 'wnnnnwwnn', I: 'nnwnnwwnn', J: 'nnnnwwwnn', K: 'wnnnnnnww', L: 'nnwnnnnww',
  M: 'wnwnnnnwn', N: 'nnnnwnnww', O: 'wnnnwnnwn', P: 'nnwnwnnwn', Q: 'nnnnnnwww', R: 'wnnnnnwwn',
  S: 'nnwnnnwwn', T: 'nnnnwnwwn', U: 'wwnnnnnnw', V: 'nwwnnnnnw', W: 'wwwnnnnnn', X: 'nwnnwnnnw',
  Y: 'wwnnwnnnn', Z: 'nwwnwnnnn', '-': 'nwnnnnwnw', '.': 'wwnnnnwnn', ' ': 'nwwnnnwnn',
  $: 'nwnwnwnnn', '/': 'nwnwnnnwn', '+': 'nwnnnwnwn', '%': 'nnnwnwnwn', '*': 'nwnnwnwnn',
};

/** Code 128 wants printable ASCII; anything else becomes `?` rather than a control code. */
export function normalizeCode128(data: string): string {
  return data.replace(/[^\x20-\x7e]/g, '?');
}

/** Code 39 has upper case, digits and `-. $/+%`; others become `-` so the symbol stays valid. */
export function normalizeCode39(data: string): string {
  return data.toUpperCase().replace(/[^0-9A-Z\-. $/+%]/g, '-');
}

/**
 * Code set C (digit pairs) for an all-digit code of even length of at least 4: it halves the
 * symbol's width, which is what lets a 12-digit booking code scan off 58 mm paper.
 */
export function code128UsesSetC(data: string): boolean {
  return data.length >= 4 && data.length % 2 === 0 && /^\d+$/.test(data);
}

/** Symbol values between start and check digit. */
function code128Values(data: string): { start: number; values: number[] } {
  const d = normalizeCode128(data);
  if (code128UsesSetC(d)) {
    const values: number[] = [];
    for (let i = 0; i < d.length; i += 2) values.push(Number(d.slice(i, i + 2)));
    return { start: START_C, values };
  }
  return { start: START_B, values: [...d].map((c) => c.charCodeAt(0) - 32) };
}

/** Module widths of the whole Code 128 symbol: start, data, check digit, stop. */
export function code128Widths(data: string): number[] {
  const { start, values } = code128Values(data);
  const check = values.reduce((sum, v, i) => sum + v * (i + 1), start) % 103;
  const out: number[] = [];
  for (const v of [start, ...values, check, STOP]) for (const c of CODE128_PATTERNS[v] ?? '') out.push(Number(c));
  return out;
}

/** Module widths of a Code 39 symbol with its `*` start/stop, wide = 3 narrow, 1-module gaps. */
export function code39Widths(data: string): number[] {
  const out: number[] = [];
  const chars = ['*', ...normalizeCode39(data), '*'];
  chars.forEach((ch, i) => {
    for (const e of CODE39_PATTERNS[ch] ?? '') out.push(e === 'w' ? 3 : 1);
    if (i < chars.length - 1) out.push(1);
  });
  return out;
}

/** QR modules, `true` = dark, without the quiet zone. */
export function qrModules(data: string, ec: QrErrorCorrection = 'M'): boolean[][] {
  return qrMatrixOf(data, ec).map((r: unknown[]) => r.map((m) => Boolean(m)));
}

/** Bars (alternating widths, bar first) as an image `module` dots per module wide. */
export function barsToImage(widths: readonly number[], module: number, height: number): MonoImage {
  const width = widths.reduce((a, b) => a + b, 0) * module;
  const bits = new Uint8Array(width * height);
  let x = 0;
  widths.forEach((w, i) => {
    if (i % 2 === 0) for (let y = 0; y < height; y++) bits.fill(1, y * width + x, y * width + x + w * module);
    x += w * module;
  });
  return { width, height, bits };
}

/** A module matrix as an image, each module `module` dots square. */
export function matrixToImage(m: readonly (readonly boolean[])[], module: number): MonoImage {
  const size = m.length * module;
  const bits = new Uint8Array(size * size);
  m.forEach((r, my) =>
    r.forEach((dark, mx) => {
      if (!dark) return;
      for (let dy = 0; dy < module; dy++) bits.fill(1, (my * module + dy) * size + mx * module, (my * module + dy) * size + (mx + 1) * module);
    }),
  );
  return { width: size, height: size, bits };
}

/** Pads an image left so it sits at `align` within `dotsWidth` (raster has no alignment of its own). */
export function placeImage(img: MonoImage, dotsWidth: number, align: 'left' | 'center' | 'right'): MonoImage {
  if (img.width >= dotsWidth || align === 'left') return img;
  const left = align === 'center' ? Math.floor((dotsWidth - img.width) / 2) : dotsWidth - img.width;
  const width = img.width + left;
  const bits = new Uint8Array(width * img.height);
  for (let y = 0; y < img.height; y++) bits.set(img.bits.subarray(y * img.width, (y + 1) * img.width), y * width + left);
  return { width, height: img.height, bits };
}

/**
 * The ESC/POS commands we build by hand, byte for byte from the Epson reference (see
 * shared/specs/escpos.md). @node-escpos/core 0.6 builds the simple ones (initialise, code page,
 * align, character size) in the renderer; the ones here it gets wrong or lacks:
 * - its `qrcode()` sends `GS Z` / `ESC Z`, not the `GS ( k` function 165-169 sequence;
 * - its Code 128 drops the length byte `n` and adds no `{B`/`{C` code-set selector;
 * - its `cut(true)` sends `GS V 1`, not the feed-and-cut `GS V A n`;
 * - its bold `style('b')` also sends `ESC 4`, which Epson printers do not define;
 * - its raster needs an image from `get-pixels` and feeds with LF instead of `ESC d n`.
 */
import { encodeText } from './codepages.ts';
import type { MonoImage, QrErrorCorrection } from './document.ts';
import { code128UsesSetC, normalizeCode128, normalizeCode39 } from './symbols.ts';

export const LF = 0x0a; // LF
export const ESC = 0x1b; // ESC
export const GS = 0x1d; // GS
export const DLE = 0x10; // DLE
export const EOT = 0x04; // EOT

export const INIT = [ESC, 0x40] as const; // ESC @
export const SELECT_CODE_PAGE = [ESC, 0x74] as const; // ESC t n
export const ALIGN = [ESC, 0x61] as const; // ESC a n (0 left, 1 center, 2 right)
export const BOLD = [ESC, 0x45] as const; // ESC E n
export const CHAR_SIZE = [GS, 0x21] as const; // GS ! n (high nibble width-1, low nibble height-1)
export const FEED_LINES = [ESC, 0x64] as const; // ESC d n
export const CUT_FEED_PARTIAL = [GS, 0x56, 0x41] as const; // GS V A n
export const BARCODE_HEIGHT = [GS, 0x68] as const; // GS h n
export const BARCODE_MODULE = [GS, 0x77] as const; // GS w n (2-6)
export const BARCODE_HRI = [GS, 0x48] as const; // GS H n (0 none, 2 below)
export const BARCODE_PRINT = [GS, 0x6b] as const; // GS k m n d1..dn
export const BARCODE_CODE39 = 0x45; // m = 69
export const BARCODE_CODE128 = 0x49; // m = 73
export const CODE128_SET_B = [0x7b, 0x42] as const; // {B
export const CODE128_SET_C = [0x7b, 0x43] as const; // {C
export const QR_PREFIX = [GS, 0x28, 0x6b] as const; // GS ( k pL pH cn fn ...
export const QR_CN = 0x31; // cn = 49: QR Code
export const QR_FN_MODEL = 0x41; // fn 165: select model
export const QR_FN_SIZE = 0x43; // fn 167: module size
export const QR_FN_EC = 0x45; // fn 169: error correction
export const QR_FN_STORE = 0x50; // fn 180: store data
export const QR_FN_PRINT = 0x51; // fn 181: print stored symbol
export const QR_MODEL_2 = 0x32; // n1 = 50
export const RASTER = [GS, 0x76, 0x30, 0x00] as const; // GS v 0 m (m = 0: normal scale)
export const STATUS_REQUEST = [DLE, EOT] as const; // DLE EOT n

const QR_EC_BYTE: Record<QrErrorCorrection, number> = { L: 48, M: 49, Q: 50, H: 51 };

const lo = (n: number): number => n & 0xff;
const hi = (n: number): number => (n >> 8) & 0xff;

export function feedLines(n: number): Buffer {
  return Buffer.from([...FEED_LINES, Math.max(0, Math.min(255, n))]);
}

export function bold(on: boolean): Buffer {
  return Buffer.from([...BOLD, on ? 1 : 0]);
}

export function cutPartial(feed: number): Buffer {
  return Buffer.from([...CUT_FEED_PARTIAL, Math.max(0, Math.min(255, feed))]);
}

/** `GS k 73 n {B data` or `{C` with digit pairs as byte values 0-99; `n` counts the selector. */
export function code128Data(data: string): Buffer {
  const d = normalizeCode128(data);
  if (code128UsesSetC(d)) {
    const pairs: number[] = [];
    for (let i = 0; i < d.length; i += 2) pairs.push(Number(d.slice(i, i + 2)));
    return Buffer.from([...CODE128_SET_C, ...pairs]);
  }
  // In code set B a literal `{` is written `{{`, or the printer reads it as a selector.
  return Buffer.concat([Buffer.from(CODE128_SET_B), Buffer.from(d.replace(/\{/g, '{{'), 'latin1')]);
}

/** Height in dots, module width 2-6, HRI text below when asked, then the symbol. */
export function barcode(symbology: 'code128' | 'code39', data: string, height: number, module: number, hri: boolean): Buffer {
  const body = symbology === 'code128' ? code128Data(data) : encodeText(normalizeCode39(data), 'pc858');
  const n = Math.min(255, body.length);
  return Buffer.concat([
    Buffer.from([...BARCODE_HEIGHT, Math.max(1, Math.min(255, height))]),
    Buffer.from([...BARCODE_MODULE, Math.max(2, Math.min(6, module))]),
    Buffer.from([...BARCODE_HRI, hri ? 2 : 0]),
    Buffer.from([...BARCODE_PRINT, symbology === 'code128' ? BARCODE_CODE128 : BARCODE_CODE39, n]),
    body.subarray(0, n),
  ]);
}

function qrFunction(fn: number, params: readonly number[] | Buffer): Buffer {
  const len = params.length + 2; // pL + 256·pH counts cn and fn too
  return Buffer.concat([Buffer.from([...QR_PREFIX, lo(len), hi(len), QR_CN, fn]), Buffer.from(params)]);
}

/** Model 2, module size, error correction, store (UTF-8 data), print. */
export function qrCode(data: string, moduleSize: number, ec: QrErrorCorrection): Buffer {
  const bytes = Buffer.from(data, 'utf8').subarray(0, 7089);
  return Buffer.concat([
    qrFunction(QR_FN_MODEL, [QR_MODEL_2, 0x00]),
    qrFunction(QR_FN_SIZE, [Math.max(1, Math.min(16, moduleSize))]),
    qrFunction(QR_FN_EC, [QR_EC_BYTE[ec]]),
    qrFunction(QR_FN_STORE, Buffer.concat([Buffer.from([0x30]), bytes])),
    qrFunction(QR_FN_PRINT, [0x30]),
  ]);
}

/** `GS v 0 0 xL xH yL yH d...`: rows of ceil(width/8) bytes, most significant bit leftmost. */
export function raster(img: MonoImage): Buffer {
  const rowBytes = Math.ceil(img.width / 8);
  const data = Buffer.alloc(rowBytes * img.height);
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) if (img.bits[y * img.width + x]) data[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
  return Buffer.concat([Buffer.from([...RASTER, lo(rowBytes), hi(rowBytes), lo(img.height), hi(img.height)]), data]);
}

/** Inverse of `raster` for the simulator: bytes back to a picture. */
export function rasterToImage(rowBytes: number, height: number, data: Uint8Array): MonoImage {
  const width = rowBytes * 8;
  const bits = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if ((data[y * rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) bits[y * width + x] = 1;
  return { width, height, bits };
}

export function statusRequest(n: 1 | 2 | 3 | 4): Buffer {
  return Buffer.from([...STATUS_REQUEST, n]);
}

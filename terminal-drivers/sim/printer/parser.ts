/**
 * Streaming ESC/POS parser, the printer's side of the wire. Pure: bytes in, commands out. It
 * keeps an incomplete command's bytes until the next chunk, so a stream split anywhere
 * decodes the same, and it never throws: unknown or malformed input becomes `unknown` commands
 * (or is skipped), as a printer skips what it does not understand.
 */
import { Transform, type TransformCallback } from 'node:stream';

const LF = 0x0a; // LF
const CR = 0x0d; // CR
const DLE = 0x10; // DLE
const EOT = 0x04; // EOT (after DLE: real-time status)
const ESC = 0x1b; // ESC
const GS = 0x1d; // GS
const FS = 0x1c; // FS
/** A declared length above this is garbage, not a command: skip its prefix instead of waiting. */
const MAX_COMMAND_BYTES = 1 << 20;

export type EscPosCommand =
  | { t: 'text'; bytes: Buffer }
  | { t: 'lf' }
  | { t: 'init' }
  | { t: 'status'; n: number } // DLE EOT n
  | { t: 'codepage'; n: number } // ESC t n
  | { t: 'align'; n: number } // ESC a n
  | { t: 'bold'; on: boolean } // ESC E n
  | { t: 'mode'; n: number } // ESC ! n
  | { t: 'size'; n: number } // GS ! n
  | { t: 'feed'; n: number } // ESC d n
  | { t: 'cut'; partial: boolean } // GS V m [n]
  | { t: 'barcode-height'; n: number } // GS h n
  | { t: 'barcode-hri'; n: number } // GS H n
  | { t: 'barcode'; m: number; data: Buffer } // GS k m ...
  | { t: 'qr'; fn: number; params: Buffer } // GS ( k pL pH 31 fn ...
  | { t: 'raster'; rowBytes: number; height: number; data: Buffer } // GS v 0 m xL xH yL yH d...
  | { t: 'unknown'; bytes: Buffer };

/** ESC x n commands with one parameter byte that we accept and otherwise ignore. */
const ESC_ONE_PARAM = new Set([0x20, 0x2d, 0x33, 0x4a, 0x4d, 0x52, 0x47, 0x56, 0x7b, 0x72, 0x55, 0x63]);
/** GS x n commands with one parameter byte. */
const GS_ONE_PARAM = new Set([0x42, 0x66, 0x77, 0x62, 0x49, 0x61]);

type Step = { cmd: EscPosCommand | null; used: number } | 'need-more';

function u16(b: Buffer, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
}

/** One command at `i`, or 'need-more' when the buffer ends inside it. */
function step(b: Buffer, i: number): Step {
  const c = b[i]!;
  const need = (n: number): boolean => b.length - i < n;
  if (c === LF) return { cmd: { t: 'lf' }, used: 1 };
  if (c >= 0x20 && c !== 0x7f) {
    let j = i;
    while (j < b.length && b[j]! >= 0x20 && b[j] !== 0x7f) j++;
    return { cmd: { t: 'text', bytes: Buffer.from(b.subarray(i, j)) }, used: j - i };
  }
  if (c === DLE) {
    if (need(2)) return 'need-more';
    if (b[i + 1] === EOT) {
      if (need(3)) return 'need-more';
      return { cmd: { t: 'status', n: b[i + 2]! }, used: 3 };
    }
    return { cmd: { t: 'unknown', bytes: Buffer.from(b.subarray(i, i + 2)) }, used: 2 };
  }
  if (c === ESC) {
    if (need(2)) return 'need-more';
    const x = b[i + 1]!;
    if (x === 0x40) return { cmd: { t: 'init' }, used: 2 };
    if (x === 0x32) return { cmd: null, used: 2 }; // ESC 2: default line spacing
    const oneParam = [0x74, 0x61, 0x45, 0x21, 0x64].includes(x) || ESC_ONE_PARAM.has(x);
    if (!oneParam) return { cmd: { t: 'unknown', bytes: Buffer.from(b.subarray(i, i + 2)) }, used: 2 };
    if (need(3)) return 'need-more';
    const n = b[i + 2]!;
    const cmd: EscPosCommand | null =
      x === 0x74 ? { t: 'codepage', n } : x === 0x61 ? { t: 'align', n } : x === 0x45 ? { t: 'bold', on: (n & 1) === 1 } : x === 0x21 ? { t: 'mode', n } : x === 0x64 ? { t: 'feed', n } : null;
    return { cmd, used: 3 };
  }
  if (c === GS) {
    if (need(2)) return 'need-more';
    const x = b[i + 1]!;
    if (x === 0x21 || x === 0x68 || x === 0x48 || GS_ONE_PARAM.has(x)) {
      if (need(3)) return 'need-more';
      const n = b[i + 2]!;
      const cmd: EscPosCommand | null = x === 0x21 ? { t: 'size', n } : x === 0x68 ? { t: 'barcode-height', n } : x === 0x48 ? { t: 'barcode-hri', n } : null;
      return { cmd, used: 3 };
    }
    if (x === 0x56) {
      // GS V m: m 0/1/48/49 cut now; m 65/66 feed n, then cut.
      if (need(3)) return 'need-more';
      const m = b[i + 2]!;
      if (m === 65 || m === 66) {
        if (need(4)) return 'need-more';
        return { cmd: { t: 'cut', partial: m === 66 || m === 65 }, used: 4 };
      }
      return { cmd: { t: 'cut', partial: m === 1 || m === 49 }, used: 3 };
    }
    if (x === 0x6b) {
      if (need(3)) return 'need-more';
      const m = b[i + 2]!;
      if (m <= 6) {
        // Format 1: data ends at NUL.
        const end = b.indexOf(0, i + 3);
        if (end < 0) return b.length - i > 256 ? { cmd: { t: 'unknown', bytes: Buffer.from(b.subarray(i, i + 3)) }, used: 3 } : 'need-more';
        return { cmd: { t: 'barcode', m, data: Buffer.from(b.subarray(i + 3, end)) }, used: end + 1 - i };
      }
      if (need(4)) return 'need-more';
      const n = b[i + 3]!;
      if (need(4 + n)) return 'need-more';
      return { cmd: { t: 'barcode', m, data: Buffer.from(b.subarray(i + 4, i + 4 + n)) }, used: 4 + n };
    }
    if (x === 0x28) {
      // GS ( fn pL pH ...: pL + 256·pH bytes follow the length.
      if (need(5)) return 'need-more';
      const len = u16(b, i + 3);
      if (need(5 + len)) return 'need-more';
      const body = b.subarray(i + 5, i + 5 + len);
      if (b[i + 2] === 0x6b && body[0] === 0x31 && len >= 2) return { cmd: { t: 'qr', fn: body[1]!, params: Buffer.from(body.subarray(2)) }, used: 5 + len };
      return { cmd: { t: 'unknown', bytes: Buffer.from(b.subarray(i, i + 5 + len)) }, used: 5 + len };
    }
    if (x === 0x76) {
      if (need(8)) return 'need-more';
      if (b[i + 2] !== 0x30) return { cmd: { t: 'unknown', bytes: Buffer.from(b.subarray(i, i + 2)) }, used: 2 };
      const rowBytes = u16(b, i + 4);
      const height = u16(b, i + 6);
      const size = rowBytes * height;
      if (size > MAX_COMMAND_BYTES) return { cmd: { t: 'unknown', bytes: Buffer.from(b.subarray(i, i + 8)) }, used: 8 };
      if (need(8 + size)) return 'need-more';
      return { cmd: { t: 'raster', rowBytes, height, data: Buffer.from(b.subarray(i + 8, i + 8 + size)) }, used: 8 + size };
    }
    return { cmd: { t: 'unknown', bytes: Buffer.from(b.subarray(i, i + 2)) }, used: 2 };
  }
  if (c === FS) {
    if (need(2)) return 'need-more';
    return { cmd: { t: 'unknown', bytes: Buffer.from(b.subarray(i, i + 2)) }, used: 2 };
  }
  // CR and other control bytes: a printer ignores them.
  return { cmd: c === CR ? null : { t: 'unknown', bytes: Buffer.from([c]) }, used: 1 };
}

/** Keeps leftover bytes between chunks; `push` returns the commands completed so far. */
export class EscPosDecoder {
  private rest: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): EscPosCommand[] {
    const b = this.rest.length ? Buffer.concat([this.rest, chunk]) : Buffer.from(chunk);
    const out: EscPosCommand[] = [];
    let i = 0;
    while (i < b.length) {
      const s = step(b, i);
      if (s === 'need-more') break;
      if (s.cmd) out.push(s.cmd);
      i += s.used;
    }
    this.rest = Buffer.from(b.subarray(i));
    return out;
  }

  /** Bytes held for an incomplete command. */
  get pending(): number {
    return this.rest.length;
  }

  /** End of stream: whatever is left is an incomplete command. */
  flush(): EscPosCommand[] {
    const rest = this.rest;
    this.rest = Buffer.alloc(0);
    return rest.length ? [{ t: 'unknown', bytes: rest }] : [];
  }
}

/** The decoder as a stream: bytes in, `EscPosCommand` objects out. */
export class EscPosParser extends Transform {
  private readonly decoder = new EscPosDecoder();

  constructor() {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    for (const c of this.decoder.push(chunk)) this.push(c);
    cb();
  }

  override _flush(cb: TransformCallback): void {
    for (const c of this.decoder.flush()) this.push(c);
    cb();
  }
}

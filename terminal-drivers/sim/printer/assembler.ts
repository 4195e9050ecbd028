/**
 * Turns parsed ESC/POS commands back into document elements, keeping the printer's modes
 * (code page, alignment, bold, size, barcode settings) as a printer does. Each output says how
 * many text lines of paper it uses, so the simulator can run out of paper midway.
 */
import {
  codePageForNumber,
  decodeText,
  escpos,
  qrModules,
  type Align,
  type CodePageName,
  type DocElement,
  type PrinterProfile,
  type QrErrorCorrection,
  type TextStyle,
} from '../../printer/index.ts';
import type { EscPosCommand } from './parser.ts';

export type AssemblerOutput = { element: DocElement; lines: number } | { cut: true };

/** A text line is 24 dots high (Font A); pictures use paper in these units. */
const DOTS_PER_LINE = 24;
const ALIGNS: Align[] = ['left', 'center', 'right'];
const QR_EC: Record<number, QrErrorCorrection> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };

/** `GS k 73` data: `{B` ASCII (with `{{` for `{`) or `{C` byte values as digit pairs. */
export function decodeCode128(data: Uint8Array): string {
  let set: 'A' | 'B' | 'C' = 'B';
  let out = '';
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b === 0x7b && i + 1 < data.length) {
      const next = String.fromCharCode(data[i + 1]!);
      i++;
      if (next === 'A' || next === 'B' || next === 'C') set = next;
      else if (next === '{') out += '{';
      continue;
    }
    out += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}

export class ReceiptAssembler {
  private codePage: CodePageName;
  private align: Align = 'left';
  private bold = false;
  private doubleWidth = false;
  private doubleHeight = false;
  private line = '';
  private lineStyle: TextStyle = {};
  private barcodeHeight = 162;
  private hri = false;
  private qr: { data: string; size: number; ec: QrErrorCorrection } = { data: '', size: 3, ec: 'L' };

  constructor(private readonly profile: PrinterProfile) {
    this.codePage = profile.codePage;
  }

  apply(c: EscPosCommand): AssemblerOutput[] {
    switch (c.t) {
      case 'text':
        if (!this.line) this.lineStyle = this.style();
        this.line += decodeText(c.bytes, this.codePage);
        return [];
      case 'lf':
        return [this.endLine(true)];
      case 'init':
        this.reset();
        return [];
      case 'codepage':
        this.codePage = codePageForNumber(c.n) ?? this.codePage;
        return [];
      case 'align':
        this.align = ALIGNS[c.n % 48] ?? 'left'; // n may be 0-2 or '0'-'2'
        return [];
      case 'bold':
        this.bold = c.on;
        return [];
      case 'mode':
        this.bold = (c.n & 0x08) !== 0;
        this.doubleHeight = (c.n & 0x10) !== 0;
        this.doubleWidth = (c.n & 0x20) !== 0;
        return [];
      case 'size':
        this.doubleWidth = (c.n & 0x70) !== 0;
        this.doubleHeight = (c.n & 0x07) !== 0;
        return [];
      case 'feed': {
        const out = this.line ? [this.endLine(false)] : [];
        if (c.n > 0) out.push({ element: { kind: 'feed', lines: c.n }, lines: c.n });
        return out;
      }
      case 'cut':
        return [...(this.line ? [this.endLine(false)] : []), { cut: true }];
      case 'barcode-height':
        this.barcodeHeight = c.n || 162;
        return [];
      case 'barcode-hri':
        this.hri = (c.n & 3) !== 0;
        return [];
      case 'barcode':
        return this.barcode(c.m, c.data);
      case 'qr':
        return this.qrFunction(c.fn, c.params);
      case 'raster': {
        const image = escpos.rasterToImage(c.rowBytes, c.height, c.data);
        return [{ element: { kind: 'logo', image }, lines: Math.ceil(c.height / DOTS_PER_LINE) }];
      }
      case 'status':
      case 'unknown':
        return [];
    }
  }

  private style(): TextStyle {
    const s: TextStyle = {};
    if (this.bold) s.bold = true;
    if (this.doubleWidth) s.doubleWidth = true;
    if (this.doubleHeight) s.doubleHeight = true;
    if (this.align !== 'left') s.align = this.align;
    return s;
  }

  private reset(): void {
    this.codePage = this.profile.codePage;
    this.align = 'left';
    this.bold = this.doubleWidth = this.doubleHeight = false;
    this.line = '';
  }

  /** LF prints the line buffer; an empty buffer feeds one blank line. */
  private endLine(blankIsFeed: boolean): AssemblerOutput {
    const text = this.line;
    const style = this.line ? this.lineStyle : this.style();
    this.line = '';
    const lines = style.doubleHeight ? 2 : 1;
    if (!text && blankIsFeed) return { element: { kind: 'feed', lines: 1 }, lines: 1 };
    const element: DocElement = Object.keys(style).length ? { kind: 'text', text, style } : { kind: 'text', text };
    return { element, lines };
  }

  private barcode(m: number, data: Buffer): AssemblerOutput[] {
    const lines = Math.ceil(this.barcodeHeight / DOTS_PER_LINE) + (this.hri ? 1 : 0);
    const common = { height: this.barcodeHeight, hri: this.hri };
    if (m === 73) return [{ element: { kind: 'barcode', symbology: 'code128', data: decodeCode128(data), ...common }, lines }];
    if (m === 69 || m === 4) return [{ element: { kind: 'barcode', symbology: 'code39', data: data.toString('latin1'), ...common }, lines }];
    return [];
  }

  private qrFunction(fn: number, p: Buffer): AssemblerOutput[] {
    if (fn === 0x43) this.qr.size = p[0] ?? 3;
    else if (fn === 0x45) this.qr.ec = QR_EC[p[0] ?? 48] ?? 'L';
    else if (fn === 0x50) this.qr.data = p.subarray(1).toString('utf8');
    else if (fn === 0x51 && this.qr.data) {
      let modules = 21;
      try {
        modules = qrModules(this.qr.data, this.qr.ec).length;
      } catch {
        // Data too long for a QR symbol: a printer prints nothing; we still account a square.
      }
      const element: DocElement = { kind: 'qr', data: this.qr.data, moduleSize: this.qr.size, errorCorrection: this.qr.ec };
      return [{ element, lines: Math.ceil((modules * this.qr.size) / DOTS_PER_LINE) }];
    }
    return [];
  }
}

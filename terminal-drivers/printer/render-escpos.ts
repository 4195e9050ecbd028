/**
 * Document → ESC/POS bytes for one printer profile. Pure: no I/O, same input, same bytes.
 * Initialise, code page, alignment and character size are built with @node-escpos/core's
 * `Printer` used as a command buffer (it is never given a device); everything it gets wrong
 * for our printers is in `commands.ts`.
 */
import { Printer } from '@node-escpos/core';
import { encodeText } from './codepages.ts';
import * as cmd from './commands.ts';
import { rowLines, wrap, type Align, type DocElement, type ReceiptDocument } from './document.ts';
import type { PrinterProfile } from './profiles.ts';
import { barsToImage, code128Widths, code39Widths, matrixToImage, placeImage, qrModules } from './symbols.ts';

/** Bytes for one element, so the driver can send a job piece by piece and check in between. */
export interface EscPosSegment {
  /** Index in `doc.elements`; -1 for the job header (initialise, code page). */
  index: number;
  bytes: Buffer;
}

type PrinterAdapter = ConstructorParameters<typeof Printer<[]>>[0];

/** The Printer only fills its buffer here; any attempt to reach a device is a bug. */
const NO_DEVICE = new Proxy({} as PrinterAdapter, {
  get: () => () => {
    throw new Error('the ESC/POS renderer builds bytes only; the driver owns the port');
  },
});

const ALIGN_NAME: Record<Align, 'lt' | 'ct' | 'rt'> = { left: 'lt', center: 'ct', right: 'rt' };

/** Default barcode bar height, dots (10 mm at 203 dpi). */
const BARCODE_HEIGHT = 80;
/** Module width of native and raster barcodes, dots. */
const BARCODE_MODULE = 2;

class Writer {
  private readonly p = new Printer<[]>(NO_DEVICE, { encoding: 'ascii' });
  // Printer state as we last set it, so each change is sent once.
  private align: Align = 'left';
  private bold = false;
  private size = 0;

  constructor(private readonly profile: PrinterProfile) {}

  header(): void {
    this.p.hardware('init');
    this.p.setCharacterCodeTable(this.profile.codePageNumber);
    this.align = 'left';
    this.bold = false;
    this.size = 0;
  }

  setAlign(a: Align): void {
    if (a !== this.align) this.p.align(ALIGN_NAME[a]);
    this.align = a;
  }

  setBold(on: boolean): void {
    if (on !== this.bold) this.p.raw(cmd.bold(on));
    this.bold = on;
  }

  setSize(doubleWidth: boolean, doubleHeight: boolean): void {
    const n = (doubleWidth ? 0x10 : 0) | (doubleHeight ? 0x01 : 0);
    if (n !== this.size) this.p.size(doubleWidth ? 2 : 1, doubleHeight ? 2 : 1);
    this.size = n;
  }

  line(s: string): void {
    this.p.raw(Buffer.concat([encodeText(s, this.profile.codePage), Buffer.from([cmd.LF])]));
  }

  raw(b: Buffer): void {
    this.p.raw(b);
  }

  take(): Buffer {
    return Buffer.from(this.p.buffer.flush());
  }
}

function element(w: Writer, el: DocElement, profile: PrinterProfile): void {
  const cols = profile.columns;
  switch (el.kind) {
    case 'text': {
      const s = el.style ?? {};
      w.setAlign(s.align ?? 'left');
      w.setBold(s.bold ?? false);
      w.setSize(s.doubleWidth ?? false, s.doubleHeight ?? false);
      for (const l of wrap(el.text, s.doubleWidth ? Math.floor(cols / 2) : cols)) w.line(l);
      return;
    }
    case 'row':
      w.setAlign('left');
      w.setBold(el.bold ?? false);
      w.setSize(false, false);
      for (const l of rowLines(el.label, el.value, cols)) w.line(l);
      return;
    case 'rule':
      w.setAlign('left');
      w.setSize(false, false);
      w.line((el.char ?? '-').repeat(cols));
      return;
    case 'feed':
      w.raw(cmd.feedLines(el.lines));
      return;
    case 'barcode': {
      const height = el.height ?? BARCODE_HEIGHT;
      const hri = el.hri ?? true;
      w.setSize(false, false);
      if (profile.nativeBarcodes) {
        w.setAlign('center');
        w.raw(cmd.barcode(el.symbology, el.data, height, BARCODE_MODULE, hri));
        return;
      }
      const widths = el.symbology === 'code128' ? code128Widths(el.data) : code39Widths(el.data);
      w.setAlign('left');
      w.raw(cmd.raster(placeImage(barsToImage(widths, BARCODE_MODULE, height), profile.dotsWidth, 'center')));
      if (hri) {
        w.setAlign('center');
        w.line(el.data);
      }
      return;
    }
    case 'qr': {
      const size = el.moduleSize ?? 6;
      const ec = el.errorCorrection ?? 'M';
      w.setSize(false, false);
      if (profile.nativeQr) {
        w.setAlign('center');
        w.raw(cmd.qrCode(el.data, size, ec));
      } else {
        w.setAlign('left');
        w.raw(cmd.raster(placeImage(matrixToImage(qrModules(el.data, ec), size), profile.dotsWidth, 'center')));
      }
      return;
    }
    case 'logo':
      w.setAlign('left');
      w.raw(cmd.raster(placeImage(el.image, profile.dotsWidth, 'center')));
      return;
    case 'cut':
      w.raw(cmd.cutPartial(profile.cutFeed));
      return;
  }
}

/** The job as pieces: the header, then one segment per element, in order. */
export function renderEscPosSegments(doc: ReceiptDocument, profile: PrinterProfile): EscPosSegment[] {
  const w = new Writer(profile);
  w.header();
  const out: EscPosSegment[] = [{ index: -1, bytes: w.take() }];
  doc.elements.forEach((el, index) => {
    element(w, el, profile);
    out.push({ index, bytes: w.take() });
  });
  return out;
}

/** The whole job as one buffer, starting with `ESC @` and the profile's `ESC t n`. */
export function renderEscPos(doc: ReceiptDocument, profile: PrinterProfile): Buffer {
  return Buffer.concat(renderEscPosSegments(doc, profile).map((s) => s.bytes));
}

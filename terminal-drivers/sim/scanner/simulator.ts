/**
 * A serial barcode scanner on the device side of a pty pair. It sends scans as a real one does,
 * terminated and optionally AIM-prefixed, and can be told to misbehave the ways serial lines do:
 * a scan split across reads, several scans in one read, noise bytes, a scan cut short.
 */
import { SerialPort } from 'serialport';
import { aimIdFor, looksLikePagopaQr, type Symbology } from '@cup-kiosk/sync-service/domain';

export type ScanTerminator = '\r' | '\r\n';
export type SimSymbology = Exclude<Symbology, 'other'>;

export interface ScannerSimulatorOptions {
  /** Prefix each scan with its AIM symbology identifier (`]A0`...). Default false. */
  aimPrefix?: boolean;
  /** What ends a scan. */
  terminator: ScanTerminator;
  /** Default 9600. */
  baudRate?: number;
  /** Pause between the writes of a split scan, long enough for the host to read each apart. Default 30 ms. */
  splitGapMs?: number;
}

/** Bytes a serial line picks up at power-up or from a glitch: NUL, 0xFF, BEL, ESC, DEL. */
export const NOISE_BYTES: readonly number[] = [0x00, 0xff, 0x07, 0x1b, 0x7f];
const DEFAULT_BAUD_RATE = 9600;
const DEFAULT_SPLIT_GAP_MS = 30;
/** A codice fiscale on the health card is Code 39; slips and notices carry Code 128 and QR. */
const TAX_CODE_SHAPE = /^[A-Z]{6}[0-9A-Z]{10}$/;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The symbology a printed code of ours comes in. */
export function symbologyOf(text: string): SimSymbology {
  if (looksLikePagopaQr(text)) return 'qr';
  if (TAX_CODE_SHAPE.test(text)) return 'code39';
  return 'code128';
}

/** The bytes of one scan as a scanner so set sends it: identifier when asked, text, terminator. */
export function scanBytes(text: string, options: Pick<ScannerSimulatorOptions, 'aimPrefix' | 'terminator'>, symbology: SimSymbology = symbologyOf(text)): Buffer {
  return Buffer.from(`${options.aimPrefix ? aimIdFor(symbology) : ''}${text}${options.terminator}`, 'latin1');
}

export class ScannerSimulator {
  private closed = false;
  private readonly aimPrefix: boolean;
  private readonly terminator: ScanTerminator;
  private readonly splitGapMs: number;

  private constructor(
    private readonly port: SerialPort,
    options: ScannerSimulatorOptions,
  ) {
    this.aimPrefix = options.aimPrefix ?? false;
    this.terminator = options.terminator;
    this.splitGapMs = options.splitGapMs ?? DEFAULT_SPLIT_GAP_MS;
  }

  /** Opens the device side of a pty pair (or any serial path). */
  static async open(devicePath: string, options: ScannerSimulatorOptions): Promise<ScannerSimulator> {
    const port = new SerialPort({ path: devicePath, baudRate: options.baudRate ?? DEFAULT_BAUD_RATE, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    return new ScannerSimulator(port, options);
  }

  /** The bytes of one scan as this scanner sends it. */
  frame(text: string, symbology?: SimSymbology): Buffer {
    return scanBytes(text, { aimPrefix: this.aimPrefix, terminator: this.terminator }, symbology);
  }

  /** One scan, in one write. */
  async scan(text: string, symbology?: SimSymbology): Promise<void> {
    await this.write(this.frame(text, symbology));
  }

  // ---- faults ----

  /**
   * One scan cut into several writes with a pause between them, at byte offsets `at` (default: the
   * middle, and between CR and LF when the terminator is CR LF).
   */
  async scanSplit(text: string, at?: number[], symbology?: SimSymbology): Promise<void> {
    const bytes = this.frame(text, symbology);
    const cuts = at ?? [Math.floor(bytes.length / 2), ...(this.terminator === '\r\n' ? [bytes.length - 1] : [])];
    const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
    let from = 0;
    for (const to of [...points, bytes.length]) {
      await this.write(bytes.subarray(from, to));
      from = to;
      if (to < bytes.length) await sleep(this.splitGapMs);
    }
  }

  /** Several scans in a single write, as a fast scanner's buffer empties at once. */
  async scanMany(texts: string[]): Promise<void> {
    await this.write(Buffer.concat(texts.map((t) => this.frame(t))));
  }

  /** Noise bytes alone, between scans. */
  async noise(bytes: readonly number[] = NOISE_BYTES): Promise<void> {
    await this.write(Buffer.from(bytes));
  }

  /** One scan with noise bytes inserted after every `every` characters. */
  async scanWithNoise(text: string, every = 4, bytes: readonly number[] = NOISE_BYTES): Promise<void> {
    const frame = this.frame(text);
    const out: number[] = [];
    frame.forEach((b, i) => {
      if (i > 0 && i % every === 0) out.push(bytes[(i / every) % bytes.length] ?? 0);
      out.push(b);
    });
    await this.write(Buffer.from(out));
  }

  /** A scan whose terminator never comes (a scanner unplugged mid-send, a truncated read). */
  async scanWithoutTerminator(text: string, symbology?: SimSymbology): Promise<void> {
    const bytes = this.frame(text, symbology);
    await this.write(bytes.subarray(0, bytes.length - this.terminator.length));
  }

  /** Raw bytes, for anything the helpers do not cover. */
  async write(bytes: Buffer | string): Promise<void> {
    if (this.closed) throw new Error('the scanner simulator is closed');
    await new Promise<void>((resolve, reject) => {
      this.port.write(bytes, (e) => (e ? reject(e) : this.port.drain((d) => (d ? reject(d) : resolve()))));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}

import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { SerialPort } from 'serialport';
import { classify, joinNreParts, nrePart, type Classified } from '@cup-kiosk/sync-service/domain';
import type { BarcodeScannerEvents, ScanEvent } from './contract.ts';
import { ScannerError } from './errors.ts';
import { ScanSplitter, type ScanDiscard, type ScanLine, type ScanSplitterOptions } from './scan-splitter.ts';

export interface BarcodeScannerOptions extends ScanSplitterOptions {
  /** The clock for `receivedAt` and for classifying a codice fiscale's century. Default `() => new Date()`. */
  now?: () => Date;
  /** Close the port when the scanner closes. Default false: whoever opened the port closes it. */
  ownsPort?: boolean;
  /**
   * The memo of a prescription prints its NRE as two barcodes: when the second arrives within
   * this many ms of the first, in either order, its scan is classified as the whole NRE. Default
   * 10000; 0 turns pairing off.
   */
  nrePairWindowMs?: number;
}

const DEFAULT_NRE_PAIR_WINDOW_MS = 10_000;

/** What the driver needs of a port: a byte stream it can read, and close when it owns it. */
export type ScannerPort = Readable & { close?: (callback?: (error?: Error | null) => void) => void; isOpen?: boolean };

/**
 * A serial barcode scanner (RS-232 or USB-CDC). It is handed an open port and never opens one
 * itself, so production passes a `serialport` stream and tests a pty or any readable stream. The
 * scanner only talks: nothing is ever written to it.
 */
export class BarcodeScanner extends EventEmitter<BarcodeScannerEvents> {
  private readonly splitter: ScanSplitter;
  private readonly now: () => Date;
  private readonly ownsPort: boolean;
  private readonly nrePairWindowMs: number;
  private lastNrePart: { text: string; part: 'head' | 'tail'; at: number } | undefined;
  private closed = false;

  constructor(
    private readonly port: ScannerPort,
    options: BarcodeScannerOptions = {},
  ) {
    super();
    this.now = options.now ?? (() => new Date());
    this.ownsPort = options.ownsPort ?? false;
    this.nrePairWindowMs = options.nrePairWindowMs ?? DEFAULT_NRE_PAIR_WINDOW_MS;
    this.splitter = new ScanSplitter(options);
    this.splitter.on('data', (line: ScanLine) => this.emit('scan', this.toEvent(line)));
    this.splitter.on('discard', (d: ScanDiscard) => this.emit('discard', d));
    port.on('error', this.onPortError);
    port.on('close', this.onPortClose);
    port.pipe(this.splitter);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Stops reading; closes the port too when the scanner owns it. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.detach();
    if (this.ownsPort && this.port.close && this.port.isOpen !== false) {
      await new Promise<void>((resolve) => this.port.close?.(() => resolve()));
    }
    this.emit('close');
  }

  private toEvent(line: ScanLine): ScanEvent {
    const receivedAt = this.now();
    const event: ScanEvent = { text: line.text, symbology: line.aim?.symbology ?? null, classified: this.classify(line.text, receivedAt), receivedAt };
    if (line.aim) event.aimId = line.aim.id;
    return event;
  }

  /** classify, joining the second barcode of a memo to the first. */
  private classify(text: string, at: Date): Classified {
    const classified = classify(text, at);
    const part = classified.kind === 'unknown' && this.nrePairWindowMs > 0 ? nrePart(text) : null;
    const previous = this.lastNrePart;
    this.lastNrePart = part ? { text, part, at: at.getTime() } : undefined;
    if (!part || !previous || previous.part === part || at.getTime() - previous.at > this.nrePairWindowMs) return classified;
    this.lastNrePart = undefined;
    try {
      const { nre, region } = joinNreParts(previous.text, text);
      return { kind: 'nre', nre, region };
    } catch {
      return classified;
    }
  }

  /** After a port failure the listener stays, so later errors of the dead port are not thrown at nobody. */
  private detach(keepErrorListener = false): void {
    this.closed = true;
    this.port.unpipe(this.splitter);
    if (!keepErrorListener) this.port.off('error', this.onPortError);
    this.port.off('close', this.onPortClose);
    this.splitter.destroy();
  }

  private readonly onPortError = (e: Error): void => {
    if (this.closed) return;
    this.detach(true);
    this.emit('error', new ScannerError('SCANNER_PORT_ERROR', `the scanner's line failed: ${e.message}`, { cause: e.message }));
    this.emit('close');
  };

  // An unplugged USB-CDC scanner closes its port: the kiosk hears it as `close`.
  private readonly onPortClose = (): void => {
    if (this.closed) return;
    this.detach();
    this.emit('close');
  };
}

export interface SerialScannerOptions extends Omit<BarcodeScannerOptions, 'ownsPort'> {
  /** Default 9600, the factory setting of most serial scanners. */
  baudRate?: number;
}

const DEFAULT_BAUD_RATE = 9600;

/**
 * Opens a serial scanner at `path` (8N1) and returns the driver, which owns and closes the port.
 * @throws ScannerError SCANNER_OPEN_FAILED when the port cannot be opened.
 */
export async function openSerialScanner(path: string, options: SerialScannerOptions = {}): Promise<BarcodeScanner> {
  const port = new SerialPort({ path, baudRate: options.baudRate ?? DEFAULT_BAUD_RATE, autoOpen: false });
  await new Promise<void>((resolve, reject) =>
    port.open((e) => (e ? reject(new ScannerError('SCANNER_OPEN_FAILED', `cannot open the scanner at ${path}: ${e.message}`, { path })) : resolve())),
  );
  return new BarcodeScanner(port, { ...options, ownsPort: true });
}

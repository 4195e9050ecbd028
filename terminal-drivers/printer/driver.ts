/**
 * ESC/POS printer driver: the status codec and the renderer over a byte stream.
 *
 * Contract:
 * - The driver is handed an open port and never opens one itself (`openSerialPrinter` is the
 *   one place that does, for production and the CLI).
 * - `status()` sends DLE EOT 1..4 and resolves with the decoded state, or rejects with
 *   PRINTER_NO_RESPONSE (no reply within `timeoutMs`) or PRINTER_BAD_STATUS. The wait counts
 *   from when the request can have reached the printer: a pty or a USB-serial adapter reports
 *   a write drained while the bytes ahead of it are still on their way at the profile's baud
 *   rate, and a printer cannot answer a request it has not received yet.
 * - `print()` refuses with `PrinterNotReadyError` (nothing printed) when the printer is not
 *   ready; otherwise it sends the job element by element, asks the status every
 *   `checkEvery` elements and after the cut, and rejects with `PrintJobFailedError` carrying
 *   what was printed when the printer stops midway. It never sends a job twice.
 * - Calls are serialised: a status request never interleaves with a job's bytes.
 */
import { SerialPort } from 'serialport';
import { isCupError } from '@cup-kiosk/sync-service/domain';
import { lineTimeout } from '../serial/line-timeout.ts';
import { statusRequest } from './commands.ts';
import type { ReceiptDocument } from './document.ts';
import { faultOf, PrinterNoResponseError, PrinterNotReadyError, PrintJobFailedError, type PrinterFaultCode } from './errors.ts';
import type { PrinterProfile } from './profiles.ts';
import { renderEscPosSegments } from './render-escpos.ts';
import { renderText } from './render-text.ts';
import { checkStatusByte, decodeStatus, STATUS_REQUESTS, type PrinterStatus } from './status.ts';

/** Bits on the wire per byte at 8N1: start, eight data, stop. */
const BITS_PER_BYTE = 10;

/** The part of a serialport stream the driver uses; `SerialPort` and test doubles fit it. */
export interface PrinterPort {
  write(data: Buffer, callback?: (error: Error | null | undefined) => void): boolean;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
  drain?(callback: (error: Error | null) => void): void;
}

export interface EscPosPrinterOptions {
  /** Wait for each status reply, ms. Default 1000: a silent printer is off or unplugged. */
  timeoutMs?: number;
  /** Elements sent between two status checks during a job. Default 1 (finest report). */
  checkEvery?: number;
}

export interface PrintResult {
  bytesSent: number;
  elements: number;
  durationMs: number;
  statusBefore: PrinterStatus;
  statusAfter: PrinterStatus;
}

export class EscPosPrinter {
  readonly profile: PrinterProfile;
  private readonly port: PrinterPort;
  private readonly timeoutMs: number;
  private readonly checkEvery: number;
  private readonly onData = (chunk: Buffer): void => this.received(chunk);
  private inbox: number[] = [];
  private waiter: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** When the bytes written so far have left at the line's baud rate, `Date.now()` ms. */
  private lineFreeAt = 0;
  private readonly msPerByte: number;
  private closed = false;

  constructor(port: PrinterPort, profile: PrinterProfile, options: EscPosPrinterOptions = {}) {
    this.port = port;
    this.profile = profile;
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.checkEvery = Math.max(1, options.checkEvery ?? 1);
    this.msPerByte = (1000 * BITS_PER_BYTE) / profile.baudRate;
    port.on('data', this.onData);
  }

  status(): Promise<PrinterStatus> {
    return this.exclusive(() => this.readStatus());
  }

  print(doc: ReceiptDocument): Promise<PrintResult> {
    return this.exclusive(() => this.runJob(doc));
  }

  /** Stops listening to the port. The port itself belongs to whoever opened it. */
  async close(): Promise<void> {
    this.closed = true;
    this.port.off('data', this.onData);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private received(chunk: Buffer): void {
    for (const b of chunk) this.inbox.push(b);
    this.waiter?.();
  }

  private nextByte(request: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const take = (): boolean => {
        const b = this.inbox.shift();
        if (b === undefined) return false;
        timer.clear();
        this.waiter = null;
        resolve(b);
        return true;
      };
      const inFlight = Math.max(0, this.lineFreeAt - Date.now());
      const timer = lineTimeout(this.timeoutMs + inFlight, () => {
        this.waiter = null;
        reject(new PrinterNoResponseError(request, this.timeoutMs));
      });
      if (!take()) this.waiter = take;
    });
  }

  private send(bytes: Buffer): Promise<void> {
    this.lineFreeAt = Math.max(Date.now(), this.lineFreeAt) + bytes.length * this.msPerByte;
    return new Promise((resolve, reject) => {
      this.port.write(bytes, (err) => {
        if (err) return reject(err);
        if (!this.port.drain) return resolve();
        this.port.drain((e) => (e ? reject(e) : resolve()));
      });
    });
  }

  private async readStatus(): Promise<PrinterStatus> {
    if (this.closed) throw new PrinterNoResponseError(1, 0);
    // Anything already waiting is a late or unsolicited byte, not an answer to this request.
    this.inbox = [];
    const replies: number[] = [];
    for (const n of STATUS_REQUESTS) {
      await this.send(statusRequest(n));
      replies.push(checkStatusByte(n, await this.nextByte(n)));
    }
    return decodeStatus(replies);
  }

  private async runJob(doc: ReceiptDocument): Promise<PrintResult> {
    const started = Date.now();
    const statusBefore = await this.readStatus();
    if (!statusBefore.ready) throw new PrinterNotReadyError(statusBefore);
    const total = doc.elements.length;
    let confirmed = 0;
    let bytesSent = 0;
    let statusAfter = statusBefore;
    const fail = (reason: PrinterFaultCode, status: PrinterStatus | null): PrintJobFailedError => {
      const printed = { elements: doc.elements.slice(0, confirmed) };
      return new PrintJobFailedError(reason, printed, renderText(printed, this.profile), status, total);
    };
    for (const seg of renderEscPosSegments(doc, this.profile)) {
      await this.send(seg.bytes);
      bytesSent += seg.bytes.length;
      if (seg.index < 0) continue;
      const sent = seg.index + 1;
      const isCut = doc.elements[seg.index]?.kind === 'cut';
      if (sent - confirmed < this.checkEvery && !isCut && sent < total) continue;
      try {
        statusAfter = await this.readStatus();
      } catch (e) {
        if (isCupError(e) && e.code === 'PRINTER_NO_RESPONSE') throw fail('PRINTER_NO_RESPONSE', null);
        if (isCupError(e) && e.code === 'PRINTER_BAD_STATUS') throw fail('PRINTER_ERROR', null);
        throw e;
      }
      const fault = faultOf(statusAfter);
      if (fault) throw fail(fault, statusAfter);
      confirmed = sent;
    }
    return { bytesSent, elements: total, durationMs: Date.now() - started, statusBefore, statusAfter };
  }
}

/** A driver that opened its serial port itself, so `close()` closes the port too. */
export class SerialEscPosPrinter extends EscPosPrinter {
  constructor(
    private readonly serial: SerialPort,
    profile: PrinterProfile,
    options?: EscPosPrinterOptions,
  ) {
    super(serial, profile, options);
  }

  override async close(): Promise<void> {
    await super.close();
    await new Promise<void>((resolve) => {
      if (!this.serial.isOpen) return resolve();
      this.serial.close(() => resolve());
    });
  }
}

/** Opens `path` 8N1 at the profile's baud rate and flow control and returns the driver. */
export async function openSerialPrinter(path: string, profile: PrinterProfile, options?: EscPosPrinterOptions): Promise<SerialEscPosPrinter> {
  const port = new SerialPort({
    path,
    baudRate: profile.baudRate,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    rtscts: profile.flowControl === 'rtscts',
    xon: profile.flowControl === 'xonxoff',
    xoff: profile.flowControl === 'xonxoff',
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  return new SerialEscPosPrinter(port, profile, options);
}

import { Transform, type TransformCallback } from 'node:stream';
import { splitAim, type AimId } from '@cup-kiosk/sync-service/domain';
import { lineTimeout, type LineTimeout } from '../serial/line-timeout.ts';

/**
 * Splits a serial scanner's byte stream into scans, like the parsers of node-serialport: a
 * `Transform` with no I/O that keeps leftover bytes between chunks. Its readable side is in object
 * mode and pushes one `ScanLine` per scan.
 *
 * - A scan ends with CR or CR LF (a lone LF is taken as an end too, as some scanners send it).
 * - Bytes outside printable ASCII are noise (power-up garbage, line glitches): dropped and
 *   reported with a `discard` event. Every code a citizen brings is printable ASCII.
 * - A partial scan that sees no byte for `partialTimeoutMs` is dropped (`discard`, reason
 *   'no-terminator'): a scanner sends a scan in one burst, so a silent half is a broken read, and
 *   keeping it would glue it to the front of the next scan.
 */
export interface ScanSplitterOptions {
  /** Silence after which a scan with no terminator is dropped, in ms. Default 150; 0 keeps it until the next terminator. */
  partialTimeoutMs?: number;
  /** Longest scan kept, in characters; a longer run is dropped (`too-long`). Default 2048. */
  maxLength?: number;
}

export interface ScanLine {
  /** The scan without AIM identifier and terminator. */
  text: string;
  /** The AIM symbology identifier, when the scanner sends one. */
  aim?: AimId;
}

export type ScanDiscardReason = 'noise' | 'no-terminator' | 'too-long';

export interface ScanDiscard {
  bytes: Buffer;
  reason: ScanDiscardReason;
}

const CR = 0x0d; // end of a scan
const LF = 0x0a; // after CR: part of the same end; alone: an end
const FIRST_PRINTABLE = 0x20; // space
const LAST_PRINTABLE = 0x7e; // '~'; DEL and everything above is noise
const DEFAULT_PARTIAL_TIMEOUT_MS = 150;
const DEFAULT_MAX_LENGTH = 2048;

export class ScanSplitter extends Transform {
  private line: number[] = [];
  private afterCr = false;
  private timer: LineTimeout | undefined;
  private readonly partialTimeoutMs: number;
  private readonly maxLength: number;

  constructor(options: ScanSplitterOptions = {}) {
    super({ readableObjectMode: true });
    this.partialTimeoutMs = options.partialTimeoutMs ?? DEFAULT_PARTIAL_TIMEOUT_MS;
    this.maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  }

  /** Characters held while waiting for a terminator (for tests and diagnostics). */
  get pending(): number {
    return this.line.length;
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    const noise: number[] = [];
    for (const b of bytes) {
      if (b === CR || b === LF) {
        if (!(b === LF && this.afterCr)) this.endLine();
        this.afterCr = b === CR;
        continue;
      }
      this.afterCr = false;
      if (b < FIRST_PRINTABLE || b > LAST_PRINTABLE) {
        noise.push(b);
        continue;
      }
      this.line.push(b);
      if (this.line.length > this.maxLength) this.discardLine('too-long');
    }
    if (noise.length > 0) this.emitDiscard(Buffer.from(noise), 'noise');
    this.arm();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.clear();
    if (this.line.length > 0) this.discardLine('no-terminator');
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clear();
    callback(error);
  }

  private endLine(): void {
    this.clear();
    if (this.line.length === 0) return;
    const text = Buffer.from(this.line).toString('latin1');
    this.line = [];
    const { aim, text: body } = splitAim(text);
    // An identifier with nothing after it is a scanner's empty read, not a scan.
    if (body.trim() === '') return;
    this.push(aim ? { text: body, aim } : { text: body });
  }

  private discardLine(reason: ScanDiscardReason): void {
    this.emitDiscard(Buffer.from(this.line), reason);
    this.line = [];
  }

  private emitDiscard(bytes: Buffer, reason: ScanDiscardReason): void {
    this.emit('discard', { bytes, reason } satisfies ScanDiscard);
  }

  private arm(): void {
    this.clear();
    if (this.line.length === 0 || this.partialTimeoutMs <= 0) return;
    // A partial scan must not keep the process alive on its own.
    this.timer = lineTimeout(
      this.partialTimeoutMs,
      () => {
        this.timer = undefined;
        if (this.line.length > 0) this.discardLine('no-terminator');
      },
      { unref: true },
    );
  }

  private clear(): void {
    this.timer?.clear();
    this.timer = undefined;
  }
}

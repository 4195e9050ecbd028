import { Transform, type TransformCallback } from 'node:stream';
import { lineTimeout, type LineTimeout } from '../serial/line-timeout.ts';
import { FRAME_OVERHEAD, simpleChecksum } from './cctalk-frame.ts';

/**
 * Splits a ccTalk byte stream into whole frames, like the parsers of node-serialport: a
 * `Transform` with no I/O that keeps leftover bytes between chunks and pushes one Buffer per frame.
 *
 * Resynchronisation: a candidate whose checksum fails is not a frame start, so one byte is dropped
 * and the scan goes on. A partial frame that sees no new byte for `idleMs` is dropped the same way
 * (ccTalk receivers reset after a 50 ms gap between bytes), so a garbage length byte cannot make
 * the parser wait forever. Dropped bytes are reported with a `discard` event, never thrown.
 */
export interface FrameParserOptions {
  /** Silence after which a partial frame is given up, in ms. Default 50 (the ccTalk inter-byte limit); 0 disables. */
  idleMs?: number;
}

export type DiscardReason = 'bad-checksum' | 'incomplete';

export interface FrameDiscard {
  bytes: Buffer;
  reason: DiscardReason;
}

const DEFAULT_IDLE_MS = 50;
const LENGTH_OFFSET = 1;

export class CcTalkFrameParser extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  private idleTimer: LineTimeout | undefined;
  private readonly idleMs: number;

  constructor(options: FrameParserOptions = {}) {
    super();
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    this.scan();
    this.armIdle();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.giveUpPartial();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearIdle();
    callback(error);
  }

  /**
   * Drops any partial frame now. A bus calls this before it sends a request, so bytes left by an
   * earlier corrupted reply cannot be read as the start of the next one.
   */
  reset(): void {
    this.clearIdle();
    if (this.buffer.length > 0) this.emitDiscard(this.buffer, 'incomplete');
    this.buffer = Buffer.alloc(0);
  }

  /** Bytes held while waiting for the rest of a frame (for tests and diagnostics). */
  get pending(): number {
    return this.buffer.length;
  }

  /** Pushes every whole valid frame at the front of the buffer, dropping bytes that cannot start one. */
  private scan(): void {
    const dropped: number[] = [];
    while (this.buffer.length >= FRAME_OVERHEAD) {
      const total = (this.buffer[LENGTH_OFFSET] ?? 0) + FRAME_OVERHEAD;
      if (this.buffer.length < total) break;
      if (simpleChecksum(this.buffer, total - 1) === this.buffer[total - 1]) {
        this.flushDropped(dropped, 'bad-checksum');
        this.push(Buffer.from(this.buffer.subarray(0, total)));
        this.buffer = this.buffer.subarray(total);
      } else {
        dropped.push(this.buffer[0] ?? 0);
        this.buffer = this.buffer.subarray(1);
      }
    }
    this.flushDropped(dropped, 'bad-checksum');
  }

  /** After a gap, what is left can only become frames by dropping bytes from its front. */
  private giveUpPartial(): void {
    while (this.buffer.length > 0) {
      this.emitDiscard(this.buffer.subarray(0, 1), 'incomplete');
      this.buffer = this.buffer.subarray(1);
      this.scan();
    }
  }

  private flushDropped(dropped: number[], reason: DiscardReason): void {
    if (dropped.length > 0) this.emitDiscard(Buffer.from(dropped.splice(0)), reason);
  }

  private emitDiscard(bytes: Buffer, reason: DiscardReason): void {
    this.emit('discard', { bytes: Buffer.from(bytes), reason } satisfies FrameDiscard);
  }

  private armIdle(): void {
    this.clearIdle();
    if (this.buffer.length === 0 || this.idleMs <= 0) return;
    // A partial frame must not keep the process alive on its own.
    this.idleTimer = lineTimeout(
      this.idleMs,
      () => {
        this.idleTimer = undefined;
        this.giveUpPartial();
      },
      { unref: true },
    );
  }

  private clearIdle(): void {
    this.idleTimer?.clear();
    this.idleTimer = undefined;
  }
}

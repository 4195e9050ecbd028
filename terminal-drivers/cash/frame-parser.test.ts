import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeFrame } from './cctalk-frame.ts';
import { CcTalkFrameParser, type FrameDiscard } from './frame-parser.ts';

const poll = encodeFrame({ destination: 2, source: 1, header: 254 });
const reply = encodeFrame({ destination: 1, source: 2, header: 0, data: [3, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0] });
const big = encodeFrame({ destination: 1, source: 40, header: 0, data: Array.from({ length: 255 }, (_, i) => i) });

function collect(parser: CcTalkFrameParser): { frames: number[][]; discards: FrameDiscard[] } {
  const frames: number[][] = [];
  const discards: FrameDiscard[] = [];
  parser.on('data', (b: Buffer) => frames.push([...b]));
  parser.on('discard', (d: FrameDiscard) => discards.push(d));
  return { frames, discards };
}

function feed(parser: CcTalkFrameParser, bytes: Buffer, cuts: number[]): void {
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    parser.write(bytes.subarray(at, cut));
    at = cut;
  }
}

afterEach(() => vi.useRealTimers());

describe('CcTalkFrameParser', () => {
  it('emits whole frames whatever the chunk boundaries', () => {
    const stream = Buffer.concat([poll, reply, big, poll]);
    for (const cuts of [[1], [4, 5, 6], [poll.length + 1], [2, 3, 17, 100, 250, 260], Array.from({ length: stream.length - 1 }, (_, i) => i + 1)]) {
      const parser = new CcTalkFrameParser({ idleMs: 0 });
      const { frames, discards } = collect(parser);
      feed(parser, stream, cuts);
      expect(frames).toEqual([[...poll], [...reply], [...big], [...poll]]);
      expect(discards).toEqual([]);
      expect(parser.pending).toBe(0);
    }
  });

  it('keeps leftover bytes until the frame is whole', () => {
    const parser = new CcTalkFrameParser({ idleMs: 0 });
    const { frames } = collect(parser);
    parser.write(reply.subarray(0, 7));
    expect(frames).toEqual([]);
    expect(parser.pending).toBe(7);
    parser.write(reply.subarray(7));
    expect(frames).toEqual([[...reply]]);
  });

  it('resynchronises after garbage before a frame, byte by byte', () => {
    const garbage = [0x07, 0x00, 0x01, 0x00];
    const parser = new CcTalkFrameParser({ idleMs: 0 });
    const { frames, discards } = collect(parser);
    feed(parser, Buffer.concat([Buffer.from(garbage), poll, reply]), [2, 7]);
    expect(frames).toEqual([[...poll], [...reply]]);
    expect(discards.flatMap((d) => [...d.bytes])).toEqual(garbage);
    expect(discards.every((d) => d.reason === 'bad-checksum')).toBe(true);
  });

  it('resynchronises after garbage whose length byte promises a long frame, once the line is idle', () => {
    vi.useFakeTimers();
    const parser = new CcTalkFrameParser({ idleMs: 50 });
    const { frames } = collect(parser);
    feed(parser, Buffer.concat([Buffer.from([0x00, 0x13, 0x37, 0x02, 0x01]), poll, reply]), [2, 9]);
    vi.advanceTimersByTime(50);
    expect(frames).toEqual([[...poll], [...reply]]);
  });

  it('drops a corrupted frame and still finds the next one', () => {
    vi.useFakeTimers();
    const corrupt = Buffer.from(reply);
    corrupt[5] = (corrupt[5] ?? 0) ^ 0x40;
    const parser = new CcTalkFrameParser({ idleMs: 50 });
    const { frames, discards } = collect(parser);
    feed(parser, Buffer.concat([corrupt, poll]), [3, 16]);
    vi.advanceTimersByTime(50);
    // Five zero bytes inside the corrupted reply are themselves a well-formed frame (broadcast,
    // from address 0): the parser passes it on and the bus ignores it by its addresses.
    expect(frames).toEqual([[0, 0, 0, 0, 0], [...poll]]);
    expect(discards.length).toBeGreaterThan(0);
  });

  it('gives up a partial frame after an idle gap, then parses what follows', () => {
    vi.useFakeTimers();
    const parser = new CcTalkFrameParser({ idleMs: 50 });
    const { frames, discards } = collect(parser);
    // A garbage length byte of 200 would otherwise hold the parser waiting for 205 bytes.
    parser.write(Buffer.from([0x01, 200, 0x02]));
    vi.advanceTimersByTime(49);
    expect(parser.pending).toBe(3);
    vi.advanceTimersByTime(1);
    expect(parser.pending).toBe(0);
    expect(discards.every((d) => d.reason === 'incomplete')).toBe(true);
    parser.write(poll);
    expect(frames).toEqual([[...poll]]);
  });

  it('finds a whole frame hidden behind a stale partial one on an idle gap', () => {
    vi.useFakeTimers();
    const parser = new CcTalkFrameParser({ idleMs: 50 });
    const { frames } = collect(parser);
    parser.write(Buffer.concat([Buffer.from([0x01, 100]), poll]));
    expect(frames).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(frames).toEqual([[...poll]]);
  });

  it('reset() drops a partial frame', () => {
    const parser = new CcTalkFrameParser({ idleMs: 0 });
    const { frames, discards } = collect(parser);
    parser.write(reply.subarray(0, 4));
    parser.reset();
    expect(discards).toEqual([{ bytes: reply.subarray(0, 4), reason: 'incomplete' }]);
    parser.write(poll);
    expect(frames).toEqual([[...poll]]);
  });

  it('flushes on end', async () => {
    const parser = new CcTalkFrameParser({ idleMs: 0 });
    const { frames } = collect(parser);
    parser.end(Buffer.concat([Buffer.from([9, 9]), poll]));
    await new Promise((r) => parser.on('end', r));
    expect(frames).toEqual([[...poll]]);
  });
});

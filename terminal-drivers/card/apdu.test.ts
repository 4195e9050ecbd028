import { describe, expect, it } from 'vitest';
import { classifyStatus, parseResponse, readBinary, selectFile, swToString, toHex } from './apdu.ts';

describe('APDU builders', () => {
  it('SELECT by file id is 00 A4 00 00 02 HI LO', () => {
    expect(toHex(selectFile(0x3f00))).toBe('00 A4 00 00 02 3F 00');
    expect(toHex(selectFile(0x1102))).toBe('00 A4 00 00 02 11 02');
  });

  it('READ BINARY carries the offset in P1 P2 and Le, 256 as 00', () => {
    expect(toHex(readBinary(0, 128))).toBe('00 B0 00 00 80');
    expect(toHex(readBinary(0x0123, 0x10))).toBe('00 B0 01 23 10');
    expect(toHex(readBinary(0x7fff, 256))).toBe('00 B0 7F FF 00');
  });

  it('refuses what cannot be encoded', () => {
    expect(() => selectFile(0x10000)).toThrow(RangeError);
    expect(() => readBinary(0x8000, 1)).toThrow(RangeError);
    expect(() => readBinary(0, 0)).toThrow(RangeError);
    expect(() => readBinary(0, 257)).toThrow(RangeError);
  });
});

describe('status words', () => {
  it('splits data from SW1 SW2', () => {
    const r = parseResponse(Uint8Array.of(0x41, 0x42, 0x90, 0x00));
    expect(r && Array.from(r.data)).toEqual([0x41, 0x42]);
    expect(r?.sw).toBe(0x9000);
    expect(parseResponse(Uint8Array.of(0x90))).toBeUndefined();
  });

  it('classifies the words a TS-CNS answers', () => {
    expect(classifyStatus(0x9000)).toEqual({ kind: 'ok' });
    expect(classifyStatus(0x6a82)).toEqual({ kind: 'fileNotFound' });
    expect(classifyStatus(0x6b00)).toEqual({ kind: 'wrongOffset' });
    expect(classifyStatus(0x6c2a)).toEqual({ kind: 'wrongLength', le: 0x2a });
    expect(classifyStatus(0x6c00)).toEqual({ kind: 'wrongLength', le: 256 });
    expect(classifyStatus(0x6986)).toEqual({ kind: 'noCurrentEf' });
    expect(classifyStatus(0x6282)).toEqual({ kind: 'endOfFile' });
    expect(classifyStatus(0x6110)).toEqual({ kind: 'moreData', available: 0x10 });
    expect(classifyStatus(0x6d00)).toEqual({ kind: 'other', sw: 0x6d00 });
    expect(swToString(0x6a82)).toBe('6A 82');
  });
});

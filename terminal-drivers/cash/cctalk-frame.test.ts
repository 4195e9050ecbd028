import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeFrame, decodeFrameHex, encodeFrame, simpleChecksum, toHex } from './cctalk-frame.ts';
import { Header } from './headers.ts';

describe('ccTalk frame codec', () => {
  it('encodes a simple poll to the coin acceptor byte for byte', () => {
    // 2 + 0 + 1 + 254 = 257 ≡ 1, so the checksum is 255.
    expect(toHex(encodeFrame({ destination: 2, source: 1, header: Header.SIMPLE_POLL }))).toBe('02 00 01 fe ff');
  });

  it('encodes an ACK reply with data', () => {
    const bytes = encodeFrame({ destination: 1, source: 2, header: Header.REPLY, data: [0x45, 0x55] });
    expect([...bytes]).toEqual([1, 2, 2, 0, 0x45, 0x55, (256 - ((1 + 2 + 2 + 0x45 + 0x55) % 256)) % 256]);
    expect(simpleChecksum(bytes)).toBe(0);
  });

  it('refuses values that are not bytes when encoding', () => {
    expect(() => encodeFrame({ destination: 256, source: 1, header: 254 })).toThrow(expect.objectContaining({ code: 'CCTALK_BAD_FRAME' }));
    expect(() => encodeFrame({ destination: 2, source: 1, header: 1, data: new Array(256).fill(0) })).toThrow(expect.objectContaining({ code: 'CCTALK_BAD_FRAME' }));
  });

  it('decodes what it encodes (any bytes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 255 }), (d, s, h, data) => {
        const r = decodeFrame(encodeFrame({ destination: d, source: s, header: h, data }));
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.frame).toEqual({ destination: d, source: s, header: h, data: Uint8Array.from(data) });
      }),
    );
  });

  it('returns typed errors, never throws, for short, mislength, corrupted and misaddressed frames', () => {
    const good = encodeFrame({ destination: 1, source: 2, header: 0, data: [7] });
    const short = decodeFrame([1, 0, 2]);
    expect(short.ok || short.error.code).toBe('CCTALK_BAD_FRAME');
    const longer = decodeFrame(Buffer.concat([good, Buffer.from([0])]));
    expect(longer.ok || longer.error.code).toBe('CCTALK_BAD_FRAME');
    const corrupt = Buffer.from(good);
    corrupt[4] = 8;
    const bad = decodeFrame(corrupt);
    expect(bad.ok || bad.error.code).toBe('CCTALK_BAD_CHECKSUM');
    const other = decodeFrame(good, { destination: 3 });
    expect(other.ok || other.error.code).toBe('CCTALK_WRONG_ADDRESS');
    const wrongSource = decodeFrame(good, { destination: 1, source: 40 });
    expect(wrongSource.ok || wrongSource.error.code).toBe('CCTALK_WRONG_ADDRESS');
    expect(decodeFrame(good, { destination: 1, source: 2 }).ok).toBe(true);
  });

  it('detects any single corrupted byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (data, at, flip) => {
        const bytes = encodeFrame({ destination: 1, source: 2, header: 0, data });
        const i = at % bytes.length;
        bytes[i] = ((bytes[i] ?? 0) + flip) & 0xff;
        expect(decodeFrame(bytes).ok).toBe(false);
      }),
    );
  });
});

describe('decodeFrameHex (cupk cctalk decode)', () => {
  it('decodes a frame given as hex', () => {
    expect(decodeFrameHex('02 00 01 FE FF')).toEqual({ destination: 2, source: 1, header: 254, data: [], checksumOk: true });
    expect(decodeFrameHex('0x01:0x02:0x02:0x00:0x45:0x55:0x61')).toMatchObject({ data: [0x45, 0x55], checksumOk: true });
  });

  it('reports a bad checksum as checksumOk false, not an error', () => {
    expect(decodeFrameHex('0200 01fe 00')).toEqual({ destination: 2, source: 1, header: 254, data: [], checksumOk: false });
  });

  it('throws CCTALK_BAD_FRAME for a frame too short or whose length byte disagrees', () => {
    expect(() => decodeFrameHex('020001fe')).toThrow(expect.objectContaining({ code: 'CCTALK_BAD_FRAME' }));
    expect(() => decodeFrameHex('020101feff')).toThrow(expect.objectContaining({ code: 'CCTALK_BAD_FRAME' }));
    expect(() => decodeFrameHex('02 00 01 fe f')).toThrow(expect.objectContaining({ code: 'CCTALK_BAD_FRAME' }));
    expect(() => decodeFrameHex('zz')).toThrow(expect.objectContaining({ code: 'CCTALK_BAD_FRAME' }));
  });
});

import { CcTalkBadChecksumError, CcTalkBadFrameError, CcTalkWrongAddressError } from './errors.ts';

/**
 * ccTalk frame codec, pure and byte-exact:
 * `[destination][data length N][source][header][data × N][checksum]`, simple checksum.
 */

/** Bytes around the data: destination, length, source, header, checksum. */
export const FRAME_OVERHEAD = 5;
/** The length byte is one byte, so a frame carries at most 255 data bytes (260 bytes in all). */
export const MAX_DATA_LENGTH = 255;
// Byte offsets inside a frame.
const DEST = 0;
const LEN = 1;
const SRC = 2;
const HDR = 3;
const DATA = 4;

export interface CcTalkFrame {
  destination: number;
  source: number;
  header: number;
  data: Uint8Array;
}

export type DecodeResult =
  | { ok: true; frame: CcTalkFrame }
  | { ok: false; error: CcTalkBadFrameError | CcTalkBadChecksumError | CcTalkWrongAddressError };

/** The byte that makes the sum of all the frame's bytes 0 mod 256. */
export function simpleChecksum(bytes: ArrayLike<number>, end = bytes.length): number {
  let sum = 0;
  for (let i = 0; i < end; i++) sum = (sum + (bytes[i] ?? 0)) & 0xff;
  return (256 - sum) & 0xff;
}

function checkByte(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 255) throw new CcTalkBadFrameError(`${name} must be a byte, got ${v}`, { [name]: v });
}

/**
 * Encodes one frame. Throws CCTALK_BAD_FRAME only for a programming error (a value that is not a
 * byte, or more than 255 data bytes): nothing read from the wire passes through here.
 */
export function encodeFrame(frame: { destination: number; source: number; header: number; data?: ArrayLike<number> }): Buffer {
  const data = frame.data ?? [];
  if (data.length > MAX_DATA_LENGTH) throw new CcTalkBadFrameError(`at most ${MAX_DATA_LENGTH} data bytes, got ${data.length}`);
  checkByte('destination', frame.destination);
  checkByte('source', frame.source);
  checkByte('header', frame.header);
  const out = Buffer.alloc(FRAME_OVERHEAD + data.length);
  out[DEST] = frame.destination;
  out[LEN] = data.length;
  out[SRC] = frame.source;
  out[HDR] = frame.header;
  for (let i = 0; i < data.length; i++) {
    const b = data[i] ?? 0;
    checkByte('data', b);
    out[DATA + i] = b;
  }
  out[out.length - 1] = simpleChecksum(out, out.length - 1);
  return out;
}

/** Total frame length announced by a frame's length byte, or null when fewer than 2 bytes are there. */
export function announcedLength(bytes: ArrayLike<number>): number | null {
  const len = bytes[LEN];
  return len === undefined ? null : len + FRAME_OVERHEAD;
}

/**
 * Decodes exactly one frame. Never throws: too short, a length byte that disagrees, a bad
 * checksum and (when `expect` names an address) a frame for another address come back as
 * typed errors in the result.
 * `expect` checks the addresses: a frame for another device on the shared wire is not an error
 * of the wire, but it is not the reply we wait for either.
 */
export function decodeFrame(bytes: ArrayLike<number>, expect?: { destination?: number; source?: number }): DecodeResult {
  if (bytes.length < FRAME_OVERHEAD) {
    return { ok: false, error: new CcTalkBadFrameError(`a ccTalk frame has at least ${FRAME_OVERHEAD} bytes, got ${bytes.length}`, { length: bytes.length }) };
  }
  const total = announcedLength(bytes) ?? 0;
  if (total !== bytes.length) {
    return {
      ok: false,
      error: new CcTalkBadFrameError(`length byte says ${total - FRAME_OVERHEAD} data bytes (frame of ${total}), got ${bytes.length} bytes`, { announced: total, length: bytes.length }),
    };
  }
  if (simpleChecksum(bytes) !== 0) {
    return { ok: false, error: new CcTalkBadChecksumError('frame bytes do not sum to 0 mod 256', { checksum: bytes[bytes.length - 1] }) };
  }
  const frame: CcTalkFrame = {
    destination: bytes[DEST] ?? 0,
    source: bytes[SRC] ?? 0,
    header: bytes[HDR] ?? 0,
    data: Uint8Array.from(Array.prototype.slice.call(bytes, DATA, bytes.length - 1) as number[]),
  };
  if (expect?.destination !== undefined && frame.destination !== expect.destination) {
    return { ok: false, error: new CcTalkWrongAddressError(`frame for address ${frame.destination}, expected ${expect.destination}`, { destination: frame.destination }) };
  }
  if (expect?.source !== undefined && frame.source !== expect.source) {
    return { ok: false, error: new CcTalkWrongAddressError(`frame from address ${frame.source}, expected ${expect.source}`, { source: frame.source }) };
  }
  return { ok: true, frame };
}

export interface DecodedFrameJson {
  destination: number;
  source: number;
  header: number;
  data: number[];
  checksumOk: boolean;
}

/**
 * For `cupk cctalk decode HEX --json`: spaces, colons and `0x` prefixes are allowed between bytes.
 * Too short, odd hex or a length byte that disagrees throw CCTALK_BAD_FRAME; a bad checksum is
 * reported as `checksumOk: false` so a technician can still read a corrupted frame.
 */
export function decodeFrameHex(hex: string): DecodedFrameJson {
  const clean = hex.replace(/0x/gi, '').replace(/[\s:,-]/g, '');
  if (!/^[0-9a-f]*$/i.test(clean) || clean.length % 2 !== 0) {
    throw new CcTalkBadFrameError(`not a whole number of hex bytes: '${hex}'`, { hex });
  }
  const bytes = Buffer.from(clean, 'hex');
  const result = decodeFrame(bytes);
  if (!result.ok && result.error instanceof CcTalkBadFrameError) throw result.error;
  return {
    destination: bytes[DEST] ?? 0,
    source: bytes[SRC] ?? 0,
    header: bytes[HDR] ?? 0,
    data: [...bytes.subarray(DATA, bytes.length - 1)],
    checksumOk: result.ok,
  };
}

/** Hex of a frame, spaced, for logs and error details. */
export function toHex(bytes: ArrayLike<number>): string {
  return Array.from(bytes as ArrayLike<number>, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

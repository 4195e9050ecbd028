/**
 * ISO 7816-4 command and response APDUs, as far as a TS-CNS needs them: SELECT by file id and
 * READ BINARY with an offset. Pure and byte-exact; used by the driver and by the simulator.
 */

/** CLA of an interindustry command, no secure messaging, basic channel. */
export const CLA_ISO = 0x00;
/** INS SELECT FILE. */
export const INS_SELECT = 0xa4;
/** INS READ BINARY. */
export const INS_READ_BINARY = 0xb0;
/** SELECT P1: by file identifier (MF, DF or EF), which is how a TS-CNS is walked. */
export const SELECT_P1_BY_FID = 0x00;
/** SELECT P2: first or only occurrence, return no FCI (the TS-CNS answers 90 00 alone). */
export const SELECT_P2_NO_FCI = 0x00;

/** Status words. The high byte is SW1, the low byte SW2. */
export const SW_OK = 0x9000; // 90 00
export const SW_END_OF_FILE = 0x6282; // 62 82: fewer bytes than Le, the end of the file was reached
export const SW_WRONG_LENGTH_NO_HINT = 0x6700; // 67 00: Le absent or wrong, no hint
export const SW_NO_CURRENT_EF = 0x6986; // 69 86: READ BINARY with no EF selected
export const SW_FUNCTION_NOT_SUPPORTED = 0x6a81; // 6A 81: e.g. read by short file id
export const SW_FILE_NOT_FOUND = 0x6a82; // 6A 82
export const SW_WRONG_P1P2 = 0x6a86; // 6A 86
export const SW_WRONG_OFFSET = 0x6b00; // 6B 00: offset beyond the end of the file
export const SW1_WRONG_LE = 0x6c; // 6C XX: wrong Le, XX is the right one
export const SW1_MORE_DATA = 0x61; // 61 XX: T=0 only, XX bytes wait for GET RESPONSE
export const SW_INS_NOT_SUPPORTED = 0x6d00; // 6D 00
export const SW_CLA_NOT_SUPPORTED = 0x6e00; // 6E 00

/** The highest offset READ BINARY can carry in P1 P2: bit 8 of P1 set means a short file id. */
export const MAX_READ_OFFSET = 0x7fff;

/** File ids of the TS-CNS personal data and card number (spec ts-cns.md). */
export const FID_MF = 0x3f00;
export const FID_DF_PERSONAL = 0x1100;
export const FID_EF_PERSONAL_DATA = 0x1102;
export const FID_DF_CARD = 0x1000;
export const FID_EF_CARD_NUMBER = 0x1003;

/** `00 A4 00 00 02 HI LO`: SELECT by file id, no Le (the TS-CNS returns no FCI). */
export function selectFile(fid: number): Uint8Array {
  if (!Number.isInteger(fid) || fid < 0 || fid > 0xffff) throw new RangeError(`file id out of range: ${fid}`);
  return Uint8Array.of(CLA_ISO, INS_SELECT, SELECT_P1_BY_FID, SELECT_P2_NO_FCI, 0x02, fid >> 8, fid & 0xff);
}

/** `00 B0 P1 P2 Le`: READ BINARY at `offset` of the selected EF; `le` 1..256 (256 is sent as 00). */
export function readBinary(offset: number, le: number): Uint8Array {
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_READ_OFFSET) throw new RangeError(`offset out of range: ${offset}`);
  if (!Number.isInteger(le) || le < 1 || le > 256) throw new RangeError(`Le out of range: ${le}`);
  return Uint8Array.of(CLA_ISO, INS_READ_BINARY, offset >> 8, offset & 0xff, le & 0xff);
}

/** A response APDU split into its data and status word. */
export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
  sw1: number;
  sw2: number;
}

/** Splits `data || SW1 SW2`. Fewer than two bytes is not a response: returns undefined. */
export function parseResponse(bytes: Uint8Array): ResponseApdu | undefined {
  if (bytes.length < 2) return undefined;
  const sw1 = bytes[bytes.length - 2]!;
  const sw2 = bytes[bytes.length - 1]!;
  return { data: bytes.slice(0, bytes.length - 2), sw: (sw1 << 8) | sw2, sw1, sw2 };
}

/** What a status word means for someone reading files. */
export type StatusKind =
  | { kind: 'ok' }
  | { kind: 'endOfFile' }
  | { kind: 'fileNotFound' }
  | { kind: 'wrongOffset' }
  | { kind: 'wrongLength'; le: number }
  | { kind: 'moreData'; available: number }
  | { kind: 'noCurrentEf' }
  | { kind: 'other'; sw: number };

export function classifyStatus(sw: number): StatusKind {
  const sw1 = sw >> 8;
  if (sw === SW_OK) return { kind: 'ok' };
  if (sw === SW_END_OF_FILE) return { kind: 'endOfFile' };
  if (sw === SW_FILE_NOT_FOUND) return { kind: 'fileNotFound' };
  if (sw === SW_WRONG_OFFSET) return { kind: 'wrongOffset' };
  if (sw === SW_NO_CURRENT_EF) return { kind: 'noCurrentEf' };
  // 6C 00 means "Le should be 256", the same convention as Le itself.
  if (sw1 === SW1_WRONG_LE) return { kind: 'wrongLength', le: (sw & 0xff) || 256 };
  if (sw1 === SW1_MORE_DATA) return { kind: 'moreData', available: (sw & 0xff) || 256 };
  return { kind: 'other', sw };
}

/** `9000` → `'90 00'`, for messages and logs. */
export function swToString(sw: number): string {
  return `${hex2(sw >> 8)} ${hex2(sw & 0xff)}`;
}

/** Bytes as spaced upper-case hex (`00 A4 00 00`), for messages, logs and the CLI. */
export function toHex(bytes: Uint8Array, sep = ' '): string {
  return Array.from(bytes, hex2).join(sep);
}

function hex2(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

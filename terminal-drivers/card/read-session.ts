import {
  FID_DF_PERSONAL,
  FID_EF_PERSONAL_DATA,
  FID_MF,
  MAX_READ_OFFSET,
  classifyStatus,
  parseResponse,
  readBinary,
  selectFile,
  swToString,
  toHex,
} from './apdu.ts';
import { CardIoError, CardNotTsCnsError } from './errors.ts';
import { declaredFileLength } from './ts-cns.ts';

/**
 * The command sequence that reads the personal-data file, over any transport: pcsclite in the
 * driver, the simulator's card model in unit tests. It knows APDUs and status words, not I/O.
 */

/** Sends one command APDU and resolves with the response APDU (data + SW1 SW2). */
export type Transmit = (command: Uint8Array) => Promise<Uint8Array>;

export interface ReadOptions {
  /**
   * Bytes asked for by each READ BINARY, 1..256. Default 128: the whole file of a typical card
   * in two reads, and within what every reader passes as a short APDU.
   */
  chunkSize?: number;
}

export interface ReadResult {
  bytes: Uint8Array;
  /** Command APDUs sent, for logs and the benchmark. */
  apduCount: number;
}

/** Selects MF 3F00 → DF 1100 → EF 1102. A card without this path is not a TS-CNS. */
export async function selectPersonalData(transmit: Transmit): Promise<number> {
  for (const fid of [FID_MF, FID_DF_PERSONAL, FID_EF_PERSONAL_DATA]) {
    const command = selectFile(fid);
    const response = parseResponse(await transmit(command));
    if (!response) throw new CardIoError(`The card answered SELECT ${fid.toString(16)} with less than a status word`, { command: toHex(command) });
    if (classifyStatus(response.sw).kind !== 'ok') {
      throw new CardNotTsCnsError(`This card is not a health card: SELECT ${fid.toString(16).toUpperCase()} answered ${swToString(response.sw)}`, {
        fid: fid.toString(16).toUpperCase(),
        sw: swToString(response.sw),
      });
    }
  }
  return 3;
}

/**
 * Reads the selected EF from offset 0 until the length its header declares, the end of the file
 * (short answer, 62 82 or 6B 00), or the largest offset READ BINARY can name. 6C XX is answered
 * by asking again with Le = XX, once per chunk.
 */
export async function readSelectedFile(transmit: Transmit, options: ReadOptions = {}): Promise<ReadResult> {
  const chunk = options.chunkSize ?? 128;
  if (!Number.isInteger(chunk) || chunk < 1 || chunk > 256) throw new RangeError(`chunkSize must be 1..256, not ${chunk}`);
  const parts: Uint8Array[] = [];
  let offset = 0;
  let apduCount = 0;
  let target: number | undefined;
  // The header (6 bytes) tells how much to read; until it is in, read whole chunks.
  while (offset <= MAX_READ_OFFSET && (target === undefined || offset < target)) {
    let le = target === undefined ? chunk : Math.min(chunk, target - offset);
    let response = parseResponse(await transmit(readBinary(offset, le)));
    apduCount++;
    let status = response && classifyStatus(response.sw);
    if (status?.kind === 'wrongLength' && status.le !== le) {
      le = status.le;
      response = parseResponse(await transmit(readBinary(offset, le)));
      apduCount++;
      status = response && classifyStatus(response.sw);
    }
    if (!response || !status) throw new CardIoError(`The card answered READ BINARY at ${offset} with less than a status word`, { offset });
    if (status.kind === 'wrongOffset') break;
    if (status.kind !== 'ok' && status.kind !== 'endOfFile') {
      throw new CardIoError(`The card answered READ BINARY at ${offset} with ${swToString(response.sw)}`, { offset, sw: swToString(response.sw) });
    }
    parts.push(response.data);
    offset += response.data.length;
    if (target === undefined && offset >= 6) target = declaredFileLength(concat(parts)) ?? offset;
    if (status.kind === 'endOfFile' || response.data.length < le) break;
  }
  const bytes = concat(parts);
  return { bytes: target !== undefined && bytes.length > target ? bytes.slice(0, target) : bytes, apduCount };
}

/** The whole read: select the personal-data file, then read it. */
export async function readPersonalDataFile(transmit: Transmit, options: ReadOptions = {}): Promise<ReadResult> {
  const selects = await selectPersonalData(transmit);
  const read = await readSelectedFile(transmit, options);
  return { bytes: read.bytes, apduCount: selects + read.apduCount };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

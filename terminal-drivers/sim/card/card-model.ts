import {
  CLA_ISO,
  FID_DF_CARD,
  FID_DF_PERSONAL,
  FID_EF_CARD_NUMBER,
  FID_EF_PERSONAL_DATA,
  FID_MF,
  INS_READ_BINARY,
  INS_SELECT,
  SELECT_P1_BY_FID,
  SW1_WRONG_LE,
  SW_CLA_NOT_SUPPORTED,
  SW_FILE_NOT_FOUND,
  SW_FUNCTION_NOT_SUPPORTED,
  SW_INS_NOT_SUPPORTED,
  SW_NO_CURRENT_EF,
  SW_OK,
  SW_WRONG_LENGTH_NO_HINT,
  SW_WRONG_OFFSET,
  SW_WRONG_P1P2,
} from '../../card/apdu.ts';

/**
 * The chip side of the TS-CNS: a file tree and the two commands a reader uses on it, answered
 * with the status words a real card gives. Pure: bytes in, bytes out, so unit tests run the
 * driver's read sequence against it without pcscd.
 */

export interface DedicatedFile {
  kind: 'DF';
  fid: number;
  children: CardFile[];
}

export interface ElementaryFile {
  kind: 'EF';
  fid: number;
  data: Uint8Array;
}

export type CardFile = DedicatedFile | ElementaryFile;

/** READ BINARY P1 with bit 8 set names a short file id, which a TS-CNS reader never uses. */
const P1_SHORT_FID_FLAG = 0x80;

/** The file tree of a TS-CNS: MF 3F00 with DF 1100 / EF 1102 and DF 1000 / EF 1003. */
export function tsCnsFileSystem(personalData: Uint8Array, cardNumber: string): DedicatedFile {
  return {
    kind: 'DF',
    fid: FID_MF,
    children: [
      { kind: 'DF', fid: FID_DF_CARD, children: [{ kind: 'EF', fid: FID_EF_CARD_NUMBER, data: new TextEncoder().encode(cardNumber) }] },
      { kind: 'DF', fid: FID_DF_PERSONAL, children: [{ kind: 'EF', fid: FID_EF_PERSONAL_DATA, data: personalData }] },
    ],
  };
}

export class CardModel {
  private currentDf: DedicatedFile;
  private currentEf: ElementaryFile | undefined;
  private readonly parents = new Map<CardFile, DedicatedFile>();

  constructor(private readonly mf: DedicatedFile) {
    this.currentDf = mf;
    this.index(mf);
  }

  /** Power-up or reset: a card comes up with the MF selected and no EF. */
  reset(): void {
    this.currentDf = this.mf;
    this.currentEf = undefined;
  }

  /** Answers one command APDU with a response APDU (data + SW1 SW2). */
  process(command: Uint8Array): Uint8Array {
    if (command.length < 4) return sw(SW_WRONG_LENGTH_NO_HINT);
    const [cla, ins, p1, p2] = command as unknown as [number, number, number, number];
    if (cla !== CLA_ISO) return sw(SW_CLA_NOT_SUPPORTED);
    if (ins === INS_SELECT) return this.select(p1, p2, command);
    if (ins === INS_READ_BINARY) return this.readBinary(p1, p2, command);
    return sw(SW_INS_NOT_SUPPORTED);
  }

  private select(p1: number, _p2: number, command: Uint8Array): Uint8Array {
    if (p1 !== SELECT_P1_BY_FID) return sw(SW_FUNCTION_NOT_SUPPORTED);
    // Case 3: Lc = 2 and the file id; an optional Le is tolerated, as real cards do.
    if (command.length < 7 || command[4] !== 0x02) return sw(SW_WRONG_LENGTH_NO_HINT);
    const fid = (command[5]! << 8) | command[6]!;
    const found = this.find(fid);
    if (!found) return sw(SW_FILE_NOT_FOUND);
    if (found.kind === 'DF') {
      this.currentDf = found;
      this.currentEf = undefined;
    } else {
      this.currentDf = this.parents.get(found) ?? this.mf;
      this.currentEf = found;
    }
    return sw(SW_OK);
  }

  private readBinary(p1: number, p2: number, command: Uint8Array): Uint8Array {
    if (p1 & P1_SHORT_FID_FLAG) return sw(SW_FUNCTION_NOT_SUPPORTED);
    if (command.length !== 5) return sw(command.length < 5 ? SW_WRONG_LENGTH_NO_HINT : SW_WRONG_P1P2);
    const ef = this.currentEf;
    if (!ef) return sw(SW_NO_CURRENT_EF);
    const offset = (p1 << 8) | p2;
    const le = command[4]! || 256;
    if (offset >= ef.data.length) return sw(SW_WRONG_OFFSET);
    const remaining = ef.data.length - offset;
    // A strict card refuses an Le past the end and tells the right one: 6C XX.
    if (le > remaining) return Uint8Array.of(SW1_WRONG_LE, remaining & 0xff);
    return withSw(ef.data.subarray(offset, offset + le), SW_OK);
  }

  /** By file id, as ISO 7816-4 P1=00 allows: the MF, the current DF, its children, its siblings. */
  private find(fid: number): CardFile | undefined {
    if (fid === FID_MF) return this.mf;
    if (fid === this.currentDf.fid) return this.currentDf;
    const parent = this.parents.get(this.currentDf);
    return this.currentDf.children.find((f) => f.fid === fid) ?? parent?.children.find((f) => f.fid === fid);
  }

  private index(df: DedicatedFile): void {
    for (const child of df.children) {
      this.parents.set(child, df);
      if (child.kind === 'DF') this.index(child);
    }
  }
}

function sw(word: number): Uint8Array {
  return Uint8Array.of(word >> 8, word & 0xff);
}

function withSw(data: Uint8Array, word: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = word >> 8;
  out[data.length + 1] = word & 0xff;
  return out;
}

import type { IsoDate, Sex } from '@cup-kiosk/sync-service/domain';
import { CardDataCorruptError } from './errors.ts';

/**
 * Codec of the TS-CNS personal-data file (EF 1102). The file is text: 6 hex digits of length,
 * then 16 fields (`PERSONAL_DATA_FIELDS`), each 2 hex digits of length and the value. It is parsed field by field,
 * never at fixed offsets, because names differ in length. Pure: no I/O, no clock.
 */

/** Characters of the length header, and of each field's length prefix. */
const HEADER_DIGITS = 6;
const FIELD_LENGTH_DIGITS = 2;
const MAX_FIELD_LENGTH = 0xff;

/** The personal data as the chip holds it, dates turned into `YYYY-MM-DD`. */
export interface PersonalData {
  /** 1: code of the body that issued the card (often the region). */
  issuerCode: string;
  /** 2 */
  issueDate: IsoDate;
  /** 3 */
  expiryDate: IsoDate;
  /** 4 */
  surname: string;
  /** 5 */
  name: string;
  /** 6 */
  birthDate: IsoDate;
  /** 7 */
  sex: Sex;
  /** 8, usually empty. */
  height: string;
  /** 9: the codice fiscale as written on the chip, not yet checked. */
  taxCode: string;
  /** 10: citizenship code. */
  citizenship: string;
  /** 11: birth municipality (its cadastral code on the cards we read); empty if born abroad. */
  birthplace: string;
  /** 12: birth country, usually empty. */
  birthCountry: string;
  /** 13 */
  birthRecord: string;
  /** 14 */
  residence: string;
  /** 15 */
  residenceAddress: string;
  /** 16 */
  expatriationNote: string;
}

/** Field names in file order: the single source of the order for decode and encode. */
export const PERSONAL_DATA_FIELDS = [
  'issuerCode',
  'issueDate',
  'expiryDate',
  'surname',
  'name',
  'birthDate',
  'sex',
  'height',
  'taxCode',
  'citizenship',
  'birthplace',
  'birthCountry',
  'birthRecord',
  'residence',
  'residenceAddress',
  'expatriationNote',
] as const satisfies readonly (keyof PersonalData)[];

const DATE_FIELDS = new Set<keyof PersonalData>(['issueDate', 'expiryDate', 'birthDate']);

/**
 * Parses the bytes of EF 1102. Bytes after the declared length are ignored: chips pad the file
 * with 00 or FF up to its allocated size. Anything that does not parse throws
 * `CardDataCorruptError` (CARD_DATA_CORRUPT), and nothing else.
 */
export function decodePersonalData(bytes: Uint8Array): PersonalData {
  const headerText = textOf(bytes, 0, HEADER_DIGITS, 'length header');
  const declared = parseHex(headerText, 'length header');
  const end = HEADER_DIGITS + declared;
  if (end > bytes.length) {
    throw corrupt(`the file declares ${declared} characters but holds ${bytes.length - HEADER_DIGITS}`, { declared, available: bytes.length - HEADER_DIGITS });
  }
  const raw: Partial<Record<keyof PersonalData, string>> = {};
  let at = HEADER_DIGITS;
  for (const field of PERSONAL_DATA_FIELDS) {
    if (at + FIELD_LENGTH_DIGITS > end) throw corrupt(`the file ends before field '${field}'`, { field, offset: at });
    const length = parseHex(textOf(bytes, at, FIELD_LENGTH_DIGITS, field), `length of '${field}'`);
    at += FIELD_LENGTH_DIGITS;
    if (at + length > end) throw corrupt(`field '${field}' runs past the end of the file`, { field, offset: at, length });
    raw[field] = textOf(bytes, at, length, field);
    at += length;
  }
  const data = {} as Record<keyof PersonalData, string>;
  for (const field of PERSONAL_DATA_FIELDS) {
    const value = (raw[field] ?? '').trim();
    data[field] = DATE_FIELDS.has(field) ? isoFromCardDate(value, field) : value;
  }
  if (data.sex !== 'M' && data.sex !== 'F') throw corrupt(`sex is '${data.sex}', not M or F`, { field: 'sex' });
  for (const field of ['surname', 'name', 'taxCode'] as const) {
    if (data[field] === '') throw corrupt(`field '${field}' is empty`, { field });
  }
  return data as unknown as PersonalData;
}

/** Fields to write with `encodePersonalData`: the ones a card may leave empty are optional. */
export type PersonalDataInput = Pick<PersonalData, 'issueDate' | 'expiryDate' | 'surname' | 'name' | 'birthDate' | 'sex' | 'taxCode'> &
  Partial<PersonalData>;

/**
 * Writes the content of EF 1102, the inverse of `decodePersonalData`. Used by the simulator and
 * tests. Throws RangeError (a programming error, not a card fault) for a value that does not fit.
 */
export function encodePersonalData(input: PersonalDataInput): Uint8Array {
  let body = '';
  for (const field of PERSONAL_DATA_FIELDS) {
    const value = input[field] ?? '';
    const text = DATE_FIELDS.has(field) && value !== '' ? cardDateFromIso(value, field) : value;
    if (text.length > MAX_FIELD_LENGTH) throw new RangeError(`field '${field}' is longer than ${MAX_FIELD_LENGTH} characters`);
    if (!/^[\x20-\x7e]*$/.test(text)) throw new RangeError(`field '${field}' holds characters outside printable ASCII`);
    body += hex(text.length, FIELD_LENGTH_DIGITS) + text;
  }
  return new TextEncoder().encode(hex(body.length, HEADER_DIGITS) + body);
}

/** What `cupk card decode HEX --json` prints: the citizen-facing names of the fields. */
export interface DecodedCard {
  surname: string;
  name: string;
  sex: Sex;
  birthDate: IsoDate;
  taxCode: string;
  cardExpiry: IsoDate;
  issueDate: IsoDate;
  issuerCode: string;
  /** Birth municipality, or the birth country when the municipality is empty. */
  birthplace: string;
  citizenship: string;
  residence: string;
  residenceAddress: string;
}

/**
 * Decodes the personal-data file given as hex (spaces, colons and a `0x` prefix allowed), for
 * the CLI. Hex that is not hex is as corrupt as a file that does not parse.
 */
export function decodePersonalDataHex(text: string): DecodedCard {
  const compact = text.trim().replace(/^0x/i, '').replace(/[\s:]/g, '');
  if (compact.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(compact)) throw corrupt('the input is not an even number of hex digits');
  const bytes = new Uint8Array(compact.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(compact.slice(i * 2, i * 2 + 2), 16);
  const d = decodePersonalData(bytes);
  return {
    surname: d.surname,
    name: d.name,
    sex: d.sex,
    birthDate: d.birthDate,
    taxCode: d.taxCode,
    cardExpiry: d.expiryDate,
    issueDate: d.issueDate,
    issuerCode: d.issuerCode,
    birthplace: d.birthplace || d.birthCountry,
    citizenship: d.citizenship,
    residence: d.residence,
    residenceAddress: d.residenceAddress,
  };
}

/**
 * The number of bytes the whole file takes, from its first 6 bytes, so a reader can stop
 * reading once it has them. Undefined if the header is not hex (the decoder will say why).
 */
export function declaredFileLength(head: Uint8Array): number | undefined {
  if (head.length < HEADER_DIGITS) return undefined;
  const text = String.fromCharCode(...head.subarray(0, HEADER_DIGITS));
  return /^[0-9a-fA-F]{6}$/.test(text) ? HEADER_DIGITS + Number.parseInt(text, 16) : undefined;
}

/** Card dates are `ddmmyyyy`; a date that is not a calendar day is corrupt, not a guess. */
function isoFromCardDate(value: string, field: string): IsoDate {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  if (!m) throw corrupt(`field '${field}' is '${value}', not a ddmmyyyy date`, { field });
  const [, dd, mm, yyyy] = m as unknown as [string, string, string, string];
  const day = Number(dd);
  const month = Number(mm);
  const year = Number(yyyy);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) {
    throw corrupt(`field '${field}' is '${value}', not a calendar date`, { field });
  }
  return `${yyyy}-${mm}-${dd}`;
}

function cardDateFromIso(value: string, field: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new RangeError(`field '${field}' is '${value}', not YYYY-MM-DD`);
  return `${m[3]}${m[2]}${m[1]}`;
}

/**
 * The text of `length` bytes at `at`. The chip writes ASCII; Latin-1 letters are let through
 * because some issuers write accented names, but control bytes mean the file is damaged.
 */
function textOf(bytes: Uint8Array, at: number, length: number, what: string): string {
  if (at + length > bytes.length) throw corrupt(`the file ends inside ${what}`, { offset: at });
  let s = '';
  for (let i = at; i < at + length; i++) {
    const b = bytes[i]!;
    if (b < 0x20 || (b >= 0x7f && b < 0xa0)) throw corrupt(`byte ${b.toString(16).padStart(2, '0')} at offset ${i} is not text`, { offset: i });
    s += String.fromCharCode(b);
  }
  return s;
}

function parseHex(text: string, what: string): number {
  if (!/^[0-9a-fA-F]+$/.test(text)) throw corrupt(`${what} is '${text}', not hex`);
  return Number.parseInt(text, 16);
}

function hex(n: number, digits: number): string {
  return n.toString(16).toUpperCase().padStart(digits, '0');
}

function corrupt(reason: string, details?: Record<string, unknown>): CardDataCorruptError {
  return new CardDataCorruptError(`The personal data on the card do not parse: ${reason}`, { reason, ...details });
}

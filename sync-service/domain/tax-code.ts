import { CupError } from './errors.ts';
import { todayInRome } from './rome-time.ts';
import type { IsoDate, Sex } from './types.ts';

export type TaxCodeErrorCode = 'TAX_CODE_FORMAT' | 'TAX_CODE_CHECK' | 'TAX_CODE_MONTH' | 'TAX_CODE_DAY' | 'TAX_CODE_DATE';

export class TaxCodeError extends CupError {
  declare readonly code: TaxCodeErrorCode;
  constructor(code: TaxCodeErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/** What a codice fiscale says about its holder. */
export interface TaxCodeInfo {
  /** Upper case, no surrounding space, as written (omocodia letters kept). */
  taxCode: string;
  sex: Sex;
  birthDate: IsoDate;
  /** Cadastral code with omocodia letters turned back into digits (`D96V` → `D969`). */
  birthplaceCode: string;
  /** True when any of the seven digit places holds an omocodia letter. */
  omocode: boolean;
}

export const TAX_CODE_LENGTH = 16;
/** Month letters, January to December. */
export const TAX_CODE_MONTHS = 'ABCDEHLMPRST';
/** Letters that stand for 0..9 in the digit places of an omocode. */
export const OMOCODE_LETTERS = 'LMNPQRSTUV';
/** Zero-based places that hold digits: year (6, 7), day (9, 10), birthplace (12, 13, 14). */
export const TAX_CODE_DIGIT_PLACES: readonly number[] = [6, 7, 9, 10, 12, 13, 14];
/** Women's birth day is written with this added. */
const WOMAN_DAY_OFFSET = 40;
const LETTER_COUNT = 26;
const CODE_A = 'A'.charCodeAt(0);

// Letters in surname, name, month and place letter; digits or omocodia letters in the digit places.
const D = '[0-9LMNP-V]';
const TAX_CODE_PATTERN = new RegExp(`^[A-Z]{6}${D}{2}[A-Z]${D}{2}[A-Z]${D}{3}[A-Z]$`);

/** Values of a character in an odd (1st, 3rd, ...) place; a digit counts as the letter of the same index. */
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

function letterIndex(c: string): number {
  return c >= '0' && c <= '9' ? c.charCodeAt(0) - '0'.charCodeAt(0) : c.charCodeAt(0) - CODE_A;
}

/** The check letter of the first 15 characters (upper case, as written). */
export function taxCodeCheckChar(first15: string): string {
  if (!/^[A-Z0-9]{15}$/.test(first15)) throw new TaxCodeError('TAX_CODE_FORMAT', 'the check character needs 15 letters or digits');
  let sum = 0;
  for (let i = 0; i < first15.length; i++) {
    const index = letterIndex(first15.charAt(i));
    // Places are counted from 1, so zero-based even indexes are the odd places.
    sum += i % 2 === 0 ? (ODD_VALUES[index] ?? 0) : index;
  }
  return String.fromCharCode(CODE_A + (sum % LETTER_COUNT));
}

/** Turns the omocodia letters of the digit places back into digits. */
function deOmocode(code: string): string {
  const chars = [...code];
  for (const i of TAX_CODE_DIGIT_PLACES) {
    const k = OMOCODE_LETTERS.indexOf(chars[i] ?? '');
    if (k >= 0) chars[i] = String(k);
  }
  return chars.join('');
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0-99 onto 1900-1999; setUTCFullYear does not.
  d.setUTCFullYear(year);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Validates a codice fiscale fully and reads sex, birth date and birthplace from it.
 * Case and surrounding white space are ignored. The two-digit year takes the latest century
 * that does not put the birth after `today` (a Europe/Rome calendar date).
 * @throws TaxCodeError with a code naming the first rule broken.
 */
export function parseTaxCode(text: string, today: Date = new Date()): TaxCodeInfo {
  const taxCode = text.trim().toUpperCase();
  if (!TAX_CODE_PATTERN.test(taxCode)) {
    throw new TaxCodeError('TAX_CODE_FORMAT', `a codice fiscale is ${TAX_CODE_LENGTH} letters and digits in the pattern SSSNNNYYMDDZZZZC`, { taxCode });
  }
  const expected = taxCodeCheckChar(taxCode.slice(0, 15));
  if (taxCode.charAt(15) !== expected) {
    throw new TaxCodeError('TAX_CODE_CHECK', 'the check character does not match: the code has been mistyped', { taxCode });
  }
  const plain = deOmocode(taxCode);
  const monthLetter = plain.charAt(8);
  const month = TAX_CODE_MONTHS.indexOf(monthLetter) + 1;
  if (month === 0) {
    throw new TaxCodeError('TAX_CODE_MONTH', `"${monthLetter}" is not a month letter (${TAX_CODE_MONTHS})`, { taxCode });
  }
  const writtenDay = Number(plain.slice(9, 11));
  const sex: Sex = writtenDay > WOMAN_DAY_OFFSET ? 'F' : 'M';
  const day = sex === 'F' ? writtenDay - WOMAN_DAY_OFFSET : writtenDay;
  if (day < 1 || day > 31) {
    throw new TaxCodeError('TAX_CODE_DAY', `day ${writtenDay} is neither 1-31 (men) nor 41-71 (women)`, { taxCode });
  }
  const [todayYear, todayMonth, todayDay] = todayInRome(today).split('-').map(Number) as [number, number, number];
  const yy = Number(plain.slice(6, 8));
  let year = todayYear - (todayYear % 100) + yy;
  const inFuture = year > todayYear || (year === todayYear && (month > todayMonth || (month === todayMonth && day > todayDay)));
  if (inFuture) year -= 100;
  if (!isRealDate(year, month, day)) {
    throw new TaxCodeError('TAX_CODE_DATE', `${year}-${month}-${day} is not a calendar date`, { taxCode });
  }
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  return {
    taxCode,
    sex,
    birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    birthplaceCode: plain.slice(11, 15),
    omocode: plain !== taxCode,
  };
}

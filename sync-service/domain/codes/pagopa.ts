import { NoticeError } from './errors.ts';

/**
 * The pagoPA notice code (numero avviso): 18 digits, the first the "aux digit" that says how the
 * rest is built.
 * - aux 0: 0, application code (2), IUV base (13), check (2)
 * - aux 1: 1, IUV (17), no check digits
 * - aux 2: 2, IUV base (15), check (2)
 * - aux 3: 3, segregation code (2), IUV base (13), check (2): the only form allowed for new notices
 * Check digits: every digit before them, read as one number, mod 93, written with two digits.
 */
export const NOTICE_CODE_LENGTH = 18;
export const NOTICE_MODULUS = 93;
const CHECK_LENGTH = 2;

export type NoticeAux = 0 | 1 | 2 | 3;

/** How many digits the IUV base has, by aux digit. */
export const IUV_BASE_LENGTH: Readonly<Record<NoticeAux, number>> = { 0: 13, 1: 17, 2: 15, 3: 13 };

export interface NoticeParts {
  aux: NoticeAux;
  /** Two digits assigned by PagoPA to the generation point; required with aux 3. */
  segregation?: string;
  /** Two digits; required with aux 0. */
  applicationCode?: string;
  /** 13 digits (aux 0 and 3), 15 (aux 2) or 17 (aux 1: the whole IUV). */
  iuvBase: string;
}

export interface NoticeCodeInfo extends NoticeParts {
  noticeCode: string;
  /** The IUV: the notice code without its aux digit and application code. */
  iuv: string;
  /** Absent with aux 1. */
  checkDigits?: string;
}

/** The number a digit string spells, mod 93, digit by digit so 16 digits lose no precision. */
function mod93(digits: string): number {
  let r = 0;
  for (const d of digits) r = (r * 10 + Number(d)) % NOTICE_MODULUS;
  return r;
}

/** The two check digits of the digits that precede them (aux digit included). */
export function noticeCheckDigits(preceding: string): string {
  if (!/^\d+$/.test(preceding)) throw new NoticeError('format', 'check digits are computed on digits only', { preceding });
  return String(mod93(preceding)).padStart(CHECK_LENGTH, '0');
}

function isAux(n: unknown): n is NoticeAux {
  return n === 0 || n === 1 || n === 2 || n === 3;
}

function digits(value: string | undefined, length: number, what: string): string {
  if (value === undefined || !new RegExp(`^\\d{${length}}$`).test(value)) {
    throw new NoticeError('format', `${what} is ${length} digits`, { [what]: value });
  }
  return value;
}

/**
 * Builds a notice code with its check digits.
 * @throws NoticeError BAD_NOTICE for an aux digit outside 0-3, a missing segregation or application
 * code, or parts of the wrong length or with non-digits.
 */
export function noticeCode(parts: NoticeParts): string {
  const { aux } = parts;
  if (!isAux(aux)) throw new NoticeError('aux-digit', 'the aux digit is 0, 1, 2 or 3', { aux });
  const base = digits(parts.iuvBase, IUV_BASE_LENGTH[aux], 'iuvBase');
  if (aux === 1) return `1${base}`;
  const prefix =
    aux === 3 ? `3${digits(parts.segregation, 2, 'segregation')}` : aux === 0 ? `0${digits(parts.applicationCode, 2, 'applicationCode')}` : '2';
  const preceding = prefix + base;
  return preceding + noticeCheckDigits(preceding);
}

/**
 * Validates an 18-digit notice code (spaces ignored, as people type it in groups) and splits it.
 * @throws NoticeError BAD_NOTICE with `check` 'format', 'aux-digit' or 'check-digits'.
 */
export function parseNoticeCode(text: string): NoticeCodeInfo {
  const code = text.replace(/\s/g, '');
  if (!/^\d{18}$/.test(code)) throw new NoticeError('format', `a notice code is ${NOTICE_CODE_LENGTH} digits`, { text });
  const aux = Number(code.charAt(0));
  if (!isAux(aux)) throw new NoticeError('aux-digit', `aux digit ${aux} is none of 0, 1, 2, 3`, { noticeCode: code });
  if (aux === 1) return { noticeCode: code, aux, iuvBase: code.slice(1), iuv: code.slice(1) };
  const preceding = code.slice(0, -CHECK_LENGTH);
  const checkDigits = code.slice(-CHECK_LENGTH);
  const expected = noticeCheckDigits(preceding);
  if (checkDigits !== expected) {
    throw new NoticeError('check-digits', `the check digits are ${checkDigits}, the code's digits give ${expected}: the code has been mistyped`, {
      noticeCode: code,
      expected,
    });
  }
  switch (aux) {
    case 0:
      return { noticeCode: code, aux, applicationCode: code.slice(1, 3), iuvBase: code.slice(3, 16), iuv: code.slice(3), checkDigits };
    case 2:
      return { noticeCode: code, aux, iuvBase: code.slice(1, 16), iuv: code.slice(1), checkDigits };
    case 3:
      return { noticeCode: code, aux, segregation: code.slice(1, 3), iuvBase: code.slice(3, 16), iuv: code.slice(1), checkDigits };
  }
}

import { isCupError } from '../errors.ts';
import { normalizeBookingCode, BOOKING_CODE_LENGTH } from '../booking-code.ts';
import { parseTaxCode, TAX_CODE_LENGTH, type TaxCodeInfo } from '../tax-code.ts';
import { splitAim } from './aim.ts';
import { NoticeError, NreError } from './errors.ts';
import { isNreRegion, joinNreParts, nrePart, parseNre, NRE_HEAD_LENGTH, NRE_LENGTH, NRE_TAIL_LENGTH } from './nre.ts';
import { looksLikePagopaQr, parsePagopaQr } from './pagopa-qr.ts';
import { parseNoticeCode, NOTICE_CODE_LENGTH } from './pagopa.ts';

/**
 * What a scanned or typed text is: the JSON of `cupk codes classify TEXT --json`. A text shaped
 * like a code that fails one of its checks is `unknown`, and the reason names the check, so a
 * screen can say "scan again" for a misread and "this is not a code we take" for the rest.
 */
export type Classified =
  | ({ kind: 'taxCode' } & TaxCodeInfo)
  | { kind: 'nre'; nre: string; region: string }
  | { kind: 'booking'; booking: string }
  | { kind: 'pagopa'; noticeCode: string; creditorFiscalCode: string; amountCents: number }
  | { kind: 'pagopa'; noticeCode: string }
  | { kind: 'unknown'; reason: string };

export type ClassifiedKind = Classified['kind'];

/** Space and dashes people type between groups (`1234 5678 9012`); nothing else is forgiven. */
const SEPARATORS = /[\s-]/g;
const DIGITS = /^\d+$/;

function unknown(reason: string): Classified {
  return { kind: 'unknown', reason };
}

/** `<what> failed <check>: <message>`, the check being the error's own name for it. */
function failed(what: string, e: unknown): Classified {
  if (e instanceof NoticeError || e instanceof NreError) return unknown(`${what} failed ${e.check}: ${e.message}`);
  if (isCupError(e)) return unknown(`${what} failed ${e.code}: ${e.message}`);
  throw e;
}

function nre(text: string): Classified {
  const info = parseNre(text);
  return { kind: 'nre', nre: info.nre, region: info.region };
}

/**
 * Fifteen characters in a row: head first as printed, or, when the head is not there, the two
 * barcodes scanned tail first with nothing between them.
 */
function contiguousNre(code: string): Classified {
  try {
    return nre(code);
  } catch (e) {
    const head = code.slice(NRE_TAIL_LENGTH);
    if (e instanceof NreError && e.check === 'region' && isNreRegion(head.slice(0, 3))) {
      return nre(head + code.slice(0, NRE_TAIL_LENGTH));
    }
    throw e;
  }
}

function attempt(what: string, read: () => Classified): Classified {
  try {
    return read();
  } catch (e) {
    return failed(what, e);
  }
}

/**
 * Classifies one scan or typed text. An AIM symbology prefix (`]Q1`) and surrounding white space
 * are ignored; `today` (a Europe/Rome date) settles a codice fiscale's century. Never throws.
 */
export function classify(text: string, today: Date = new Date()): Classified {
  const body = splitAim(String(text)).text.trim();
  if (body === '') return unknown('empty: nothing was scanned or typed');
  if (looksLikePagopaQr(body)) {
    return attempt('pagoPA QR', () => ({ kind: 'pagopa', ...parsePagopaQr(body) }));
  }
  const tokens = body.split(/\s+/);
  if (tokens.length === 2 && [tokens[0]?.length, tokens[1]?.length].sort().join() === `${NRE_TAIL_LENGTH},${NRE_HEAD_LENGTH}`) {
    return attempt('NRE', () => nre(joinNreParts(tokens[0] ?? '', tokens[1] ?? '').nre));
  }
  const code = body.replace(SEPARATORS, '').toUpperCase();
  const digitsOnly = DIGITS.test(code);
  if (digitsOnly && code.length === BOOKING_CODE_LENGTH) {
    return attempt('booking code', () => ({ kind: 'booking', booking: normalizeBookingCode(code) }));
  }
  if (digitsOnly && code.length === NOTICE_CODE_LENGTH) {
    return attempt('pagoPA notice code', () => ({ kind: 'pagopa', noticeCode: parseNoticeCode(code).noticeCode }));
  }
  if (code.length === TAX_CODE_LENGTH) {
    return attempt('codice fiscale', () => ({ kind: 'taxCode', ...parseTaxCode(code, today) }));
  }
  if (code.length === NRE_LENGTH) return attempt('NRE', () => contiguousNre(code));
  const part = code.length === NRE_HEAD_LENGTH || code.length === NRE_TAIL_LENGTH ? nrePart(code) : null;
  if (part === 'head') return unknown("NRE incomplete: this is the memo's first barcode (5 characters); scan the second one too");
  if (part === 'tail') return unknown("NRE incomplete: this may be the memo's second barcode (10 characters); scan the first one too");
  return unknown(
    `not a code we read: ${code.length} characters, neither a codice fiscale (16), an NRE (15), a booking code (12 digits), a pagoPA notice code (18 digits) nor a pagoPA QR`,
  );
}

/** The text a classified code is written as (for QR, the QR text); undefined for `unknown`. */
export function classifiedText(c: Classified): string | undefined {
  switch (c.kind) {
    case 'taxCode':
      return c.taxCode;
    case 'nre':
      return c.nre;
    case 'booking':
      return c.booking;
    case 'pagopa':
      return 'creditorFiscalCode' in c ? `PAGOPA|002|${c.noticeCode}|${c.creditorFiscalCode}|${String(c.amountCents).padStart(2, '0')}` : c.noticeCode;
    case 'unknown':
      return undefined;
  }
}

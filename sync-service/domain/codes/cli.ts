import { classify, type Classified } from './classify.ts';
import { NoticeError } from './errors.ts';
import { noticeCode, type NoticeAux } from './pagopa.ts';
import { pagopaQr } from './pagopa-qr.ts';

/**
 * What the `cupk` commands of codes print, from their raw string arguments: a command's `run`
 * returns these objects as they are. Bad pagoPA input throws NoticeError (`BAD_NOTICE`, exit 1).
 */

/** `cupk codes classify TEXT --json`: always an answer, `unknown` included (exit 0). */
export function codesClassifyCommand(text: string, today: Date = new Date()): Classified {
  return classify(text, today);
}

export interface PagopaNoticeArgs {
  aux: string;
  segregation?: string;
  applicationCode?: string;
  iuvBase: string;
}

/** `cupk pagopa notice --aux 3 --segregation NN --iuv-base 13DIGITS --json` → `{ noticeCode }`. */
export function pagopaNoticeCommand(args: PagopaNoticeArgs): { noticeCode: string } {
  if (!/^[0-3]$/.test(args.aux)) throw new NoticeError('aux-digit', '--aux is 0, 1, 2 or 3', { aux: args.aux });
  const aux = Number(args.aux) as NoticeAux;
  return {
    noticeCode: noticeCode({
      aux,
      iuvBase: args.iuvBase,
      ...(args.segregation !== undefined ? { segregation: args.segregation } : {}),
      ...(args.applicationCode !== undefined ? { applicationCode: args.applicationCode } : {}),
    }),
  };
}

export interface PagopaQrArgs {
  notice: string;
  creditor: string;
  amount: string;
}

/** `cupk pagopa qr --notice CODE --creditor CF --amount CENTS` → `{ qr }` (the human form prints the text alone). */
export function pagopaQrCommand(args: PagopaQrArgs): { qr: string } {
  if (!/^\d{1,10}$/.test(args.amount)) throw new NoticeError('amount', '--amount is 1 to 10 digits of cents', { amount: args.amount });
  return { qr: pagopaQr({ noticeCode: args.notice, creditorFiscalCode: args.creditor, amountCents: Number(args.amount) }) };
}

/**
 * Voucher for money the kiosk owes the citizen (buono di credito): change it could not pay out,
 * a payment taken for a booking that then failed, an overpayment. It is the citizen's only proof
 * of the credit, so it carries the amount, why, the transaction it came from, the voucher code
 * as Code 128 and QR for the desk's scanner, and how to redeem it.
 */
import { center, code128, cut, feed, formatDateTime, formatEuro, qr, row, rule, text, title, type DocElement, type ReceiptDocument } from '../document.ts';
import type { Lang } from './payment-receipt.ts';

export type VoucherReason = 'change-not-given' | 'payment-not-completed' | 'booking-failed' | 'overpayment';

export interface VoucherData {
  /** Printed as is and encoded in Code 128 (set C when all digits) and, by default, the QR. */
  voucherCode: string;
  amountCents: number;
  reason: VoucherReason;
  transactionId: string;
  /** The payment (IUV, card authorisation) the money came in with, when there was one. */
  paymentId?: string;
  /** ISO date-time of issue; printed as Europe/Rome wall time. */
  issuedAt: string;
  /** Last day it can be redeemed, `YYYY-MM-DD`. */
  validUntil: string;
  terminalId: string;
  providerName: string;
  placeName: string;
  payerTaxCode?: string;
  /** Where to redeem: the desk and its opening hours, in Italian (a place name). */
  redeemAt: string;
  /** Encoded in the QR; defaults to the voucher code. */
  qrData?: string;
}

const STRINGS = {
  it: {
    title: 'BUONO DI CREDITO',
    amount: 'Importo a suo credito',
    reasonHead: 'Motivo',
    reasons: {
      'change-not-given': 'Resto non erogato dal terminale',
      'payment-not-completed': 'Pagamento non completato',
      'booking-failed': 'Prenotazione non riuscita dopo il pagamento',
      overpayment: 'Importo pagato in eccesso',
    },
    date: 'Data',
    terminal: 'Terminale',
    transaction: 'Transazione',
    payment: 'Pagamento',
    taxCode: 'Codice fiscale',
    code: 'Codice buono',
    validUntil: 'Valido fino al',
    redeemHead: 'Come riscuotere',
    redeem: (until: string) =>
      `Presenti questo buono con un documento d'identità a uno sportello CUP entro il ${until}: l'importo le sarà restituito o scalato da un altro pagamento.`,
    where: 'Dove',
    keep: 'Conservi il buono: senza di esso il credito non può essere riconosciuto.',
  },
  en: {
    title: 'CREDIT VOUCHER',
    amount: 'Amount owed to you',
    reasonHead: 'Reason',
    reasons: {
      'change-not-given': 'Change the kiosk could not pay out',
      'payment-not-completed': 'Payment not completed',
      'booking-failed': 'Booking failed after payment',
      overpayment: 'Amount paid in excess',
    },
    date: 'Date',
    terminal: 'Terminal',
    transaction: 'Transaction',
    payment: 'Payment',
    taxCode: 'Tax code',
    code: 'Voucher code',
    validUntil: 'Valid until',
    redeemHead: 'How to redeem',
    redeem: (until: string) =>
      `Show this voucher with an identity document at a CUP desk by ${until}: the amount will be paid back to you or taken off another payment.`,
    where: 'Where',
    keep: 'Keep this voucher: without it the credit cannot be recognised.',
  },
} as const;

/** `2025-06-30` → `30/06/2025`, the date as written in Italy, without time-zone arithmetic. */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

export function voucher(data: VoucherData, lang: Lang = 'it'): ReceiptDocument {
  const t = STRINGS[lang];
  const until = formatDay(data.validUntil);
  const els: DocElement[] = [
    title(t.title),
    // The desk operator reads the Italian heading whatever the citizen's language.
    ...(lang === 'it' ? [] : [center(STRINGS.it.title)]),
    feed(1),
    center(data.providerName, true),
    center(data.placeName),
    rule(),
    center(t.amount),
    text(formatEuro(data.amountCents), { bold: true, doubleWidth: true, doubleHeight: true, align: 'center' }),
    rule(),
    text(t.reasonHead, { bold: true }),
    text(t.reasons[data.reason]),
    rule(),
    row(t.date, formatDateTime(data.issuedAt)),
    row(t.terminal, data.terminalId),
    row(t.transaction, data.transactionId),
  ];
  if (data.paymentId) els.push(row(t.payment, data.paymentId));
  if (data.payerTaxCode) els.push(row(t.taxCode, data.payerTaxCode));
  els.push(row(t.validUntil, until, true), rule(), center(t.code), center(data.voucherCode, true));
  els.push(code128(data.voucherCode, false), feed(1), qr(data.qrData ?? data.voucherCode, 5), rule());
  els.push(text(t.redeemHead, { bold: true }), text(t.redeem(until)), text(`${t.where}: ${data.redeemAt}`), feed(1), text(t.keep, { bold: true }));
  els.push(feed(2), cut());
  return { elements: els };
}

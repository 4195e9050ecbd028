/**
 * Receipt for a health-service payment (ticket). It is the citizen's proof of a tax-deductible
 * health expense, so it names the provider with its fiscal code, the payer's codice fiscale,
 * each service with its amount (or each pagoPA notice paid), the method with each card part
 * and the cash, and a QR to verify it online.
 */
import { center, cut, feed, formatDateTime, formatEuro, qr, row, rule, text, title, type DocElement, type MonoImage, type ReceiptDocument } from '../document.ts';
import { RECEIPT_STRINGS, type Lang, type ReceiptStrings } from './payment-receipt-strings.ts';

export type { Lang };

export interface ReceiptService {
  code: string;
  description: string;
  amountCents: number;
}

/** One thing the payment paid: a booking's ticket, or a pagoPA notice. */
export type ReceiptItem =
  | { kind: 'booking'; bookingCode: string; providerName: string; providerFiscalCode: string; services: ReceiptService[] }
  | { kind: 'notice'; noticeCode: string; creditorName: string; creditorFiscalCode: string; subject: string; bookingCode: string; amountCents: number };

/** A card part of the payment as the POS approved it. */
export interface ReceiptCardPart {
  amountCents: number;
  authorisationCode: string;
  /** As the POS masks it, e.g. `541333******9999`. */
  maskedPan: string;
  /** The POS's cardholder receipt, printed as given. */
  cardholderReceipt?: string[];
}

export interface PaymentReceiptData {
  transactionId: string;
  /** ISO date-time of the payment; printed as Europe/Rome wall time. */
  issuedAt: string;
  terminalId: string;
  providerName: string;
  providerFiscalCode: string;
  placeName: string;
  /** The booking paid; with `items`, the first item's. */
  bookingCode: string;
  payerTaxCode: string;
  payerName?: string;
  /** The services paid; with `items`, the items' own are printed instead. */
  services: ReceiptService[];
  /**
   * Each item of a payment that paid several (bookings and notices), printed in place of
   * `bookingCode` and `services`.
   */
  items?: ReceiptItem[];
  totalCents: number;
  /** Card and cash together. */
  paidCents: number;
  /** Change the kiosk paid out. What it could not pay out (paid − total − rounding − change) is owed. */
  changeCents: number;
  /** The legal rounding of the cash part to 5 cents (-2..+2); absent or 0 when none. */
  cashRoundingCents?: number;
  /** The card terminal's cardholder receipt, printed as given, for a card payment of one part. */
  cardholderReceipt?: string[];
  /** The card parts, for `card` and `mixed`: each with its authorisation and masked card number. */
  cardParts?: ReceiptCardPart[];
  /** The cash put in, for `mixed` (`paidCents` less the card parts). */
  cashPaidCents?: number;
  method: 'cash' | 'card' | 'mixed';
  verifyUrl: string;
  /** Printed centred at the top when given. */
  logo?: MonoImage;
}

const signed = (cents: number) => `${cents > 0 ? '+' : '-'}${formatEuro(Math.abs(cents))}`;
/** `301234567890123456` → `3012 3456 7890 1234 56`, as pagoPA notices print it. */
const groupNotice = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');

function itemLines(t: ReceiptStrings, items: readonly ReceiptItem[], headerProvider: string): DocElement[] {
  const els: DocElement[] = [text(t.items, { bold: true })];
  for (const item of items) {
    if (item.kind === 'booking') {
      els.push(text(`${t.booking} ${item.bookingCode}`, { bold: true }));
      // A booking of another provider names its own: the deduction is claimed per provider.
      if (item.providerName !== headerProvider) els.push(text(`${item.providerName} - ${t.fiscalCode} ${item.providerFiscalCode}`));
      for (const s of item.services) els.push(row(`${s.code} ${s.description}`, formatEuro(s.amountCents)));
    } else {
      els.push(text(`${t.notice} ${groupNotice(item.noticeCode)}`, { bold: true }));
      els.push(text(`${item.creditorName} - ${t.fiscalCode} ${item.creditorFiscalCode}`));
      els.push(text(`${t.noticeFor} ${item.bookingCode}`), row(item.subject, formatEuro(item.amountCents)));
    }
  }
  return els;
}

function paymentLines(t: ReceiptStrings, data: PaymentReceiptData, rounding: number): DocElement[] {
  if (data.method !== 'mixed') {
    return [
      ...(rounding === 0 ? [] : [row(t.rounding, signed(rounding)), row(t.cashTotal, formatEuro(data.totalCents + rounding), true)]),
      row(t.paid[data.method], formatEuro(data.paidCents)),
      row(t.method, t.methods[data.method]),
    ];
  }
  const parts = data.cardParts ?? [];
  const card = parts.reduce((s, p) => s + p.amountCents, 0);
  const cash = data.cashPaidCents ?? data.paidCents - card;
  return [
    row(t.paid.card, formatEuro(card)),
    ...parts.map((p) => row(`  ${p.maskedPan} ${t.authorisation} ${p.authorisationCode}`, formatEuro(p.amountCents))),
    row(t.cashPart, formatEuro(data.totalCents - card + rounding)),
    ...(rounding === 0 ? [] : [row(`  ${t.rounding}`, signed(rounding))]),
    row(t.paid.cash, formatEuro(cash)),
    row(t.method, t.methods.mixed),
  ];
}

export function paymentReceipt(data: PaymentReceiptData, lang: Lang = 'it'): ReceiptDocument {
  const t = RECEIPT_STRINGS[lang];
  const rounding = data.cashRoundingCents ?? 0;
  const owed = data.paidCents - data.totalCents - rounding - data.changeCents;
  const items = data.items && data.items.length > 0 ? data.items : null;
  const single = items?.length === 1 ? items[0]! : null;
  const els: DocElement[] = [];
  if (data.logo) els.push({ kind: 'logo', image: data.logo });
  els.push(
    title(t.title),
    // An Italian document first: the heading stays legible to any CUP desk operator.
    ...(lang === 'it' ? [] : [center(RECEIPT_STRINGS.it.title)]),
    center(t.subtitle),
    feed(1),
    center(data.providerName, true),
    center(`${t.fiscalCode} ${data.providerFiscalCode}`),
    ...(data.placeName ? [center(data.placeName)] : []),
    rule(),
    row(t.date, formatDateTime(data.issuedAt)),
    row(t.terminal, data.terminalId),
    row(t.transaction, data.transactionId),
  );
  if (!items || single?.kind === 'booking') els.push(row(t.booking, data.bookingCode));
  else if (single?.kind === 'notice') els.push(row(t.notice, single.noticeCode));
  els.push(rule());
  if (data.payerName) els.push(row(t.payer, data.payerName));
  els.push(row(t.payerTaxCode, data.payerTaxCode), rule());
  // One booking prints as it always has: its services.
  if (items && single?.kind !== 'booking') els.push(...itemLines(t, items, data.providerName));
  else {
    els.push(text(t.services, { bold: true }));
    for (const s of single?.kind === 'booking' ? single.services : data.services) els.push(row(`${s.code} ${s.description}`, formatEuro(s.amountCents)));
  }
  els.push(rule('='), text(`${t.total} ${formatEuro(data.totalCents)}`, { bold: true, doubleHeight: true, align: 'right' }), ...paymentLines(t, data, rounding));
  if (data.changeCents > 0) els.push(row(t.change, formatEuro(data.changeCents)));
  if (owed > 0) els.push(row(t.owed, formatEuro(owed), true));
  if (owed < 0 && data.changeCents === 0) els.push(row(t.due, formatEuro(-owed), true));
  const cardholder = [...(data.cardholderReceipt && data.cardholderReceipt.length > 0 ? [data.cardholderReceipt] : []), ...(data.cardParts ?? []).map((p) => p.cardholderReceipt ?? [])];
  for (const lines of cardholder.filter((l) => l.length > 0)) els.push(rule('-'), ...lines.map((line) => text(line)));
  els.push(rule(), text(t.deductible));
  if (owed > 0) els.push(text(t.owedNote, { bold: true }));
  els.push(feed(1), center(t.verify), qr(data.verifyUrl), center(data.verifyUrl), feed(2), cut());
  return { elements: els };
}

/**
 * Receipt for a health-service payment (ticket). It is the citizen's proof of a tax-deductible
 * health expense, so it names the provider with its fiscal code, the payer's codice fiscale,
 * each service with its amount, the method, and a QR to verify it online.
 */
import { center, cut, feed, formatDateTime, formatEuro, qr, row, rule, text, title, type DocElement, type MonoImage, type ReceiptDocument } from '../document.ts';

export type Lang = 'it' | 'en';

export interface PaymentReceiptData {
  transactionId: string;
  /** ISO date-time of the payment; printed as Europe/Rome wall time. */
  issuedAt: string;
  terminalId: string;
  providerName: string;
  providerFiscalCode: string;
  placeName: string;
  bookingCode: string;
  payerTaxCode: string;
  payerName?: string;
  services: { code: string; description: string; amountCents: number }[];
  totalCents: number;
  paidCents: number;
  /** Change the kiosk paid out. What it could not pay out (paid − total − rounding − change) is owed. */
  changeCents: number;
  /** The legal rounding of a cash total to 5 cents (-2..+2); absent or 0 when none. */
  cashRoundingCents?: number;
  /** The card terminal's cardholder receipt, printed as given, for a card payment. */
  cardholderReceipt?: string[];
  method: 'cash' | 'card';
  verifyUrl: string;
  /** Printed centred at the top when given. */
  logo?: MonoImage;
}

const STRINGS = {
  it: {
    title: 'RICEVUTA DI PAGAMENTO',
    subtitle: 'Prestazioni sanitarie',
    fiscalCode: 'C.F./P.IVA',
    date: 'Data',
    terminal: 'Terminale',
    transaction: 'Transazione',
    booking: 'Prenotazione',
    payer: 'Pagatore',
    payerTaxCode: 'Codice fiscale',
    services: 'Prestazioni',
    total: 'TOTALE',
    paid: { cash: 'Pagato in contanti', card: 'Pagato con carta' },
    change: 'Resto erogato',
    rounding: 'Arrotondamento contanti',
    cashTotal: 'Totale in contanti',
    owed: 'Resto non erogato (a credito)',
    due: 'Ancora da pagare',
    method: 'Metodo',
    methods: { cash: 'Contanti', card: 'Carta' },
    deductible: 'Spesa sanitaria detraibile: conservare la ricevuta.',
    owedNote: 'Il resto non erogato resta a suo credito: presenti questa ricevuta allo sportello CUP.',
    verify: 'Verifica la ricevuta:',
  },
  en: {
    title: 'PAYMENT RECEIPT',
    subtitle: 'Health services',
    fiscalCode: 'Tax/VAT no.',
    date: 'Date',
    terminal: 'Terminal',
    transaction: 'Transaction',
    booking: 'Booking',
    payer: 'Payer',
    payerTaxCode: 'Tax code',
    services: 'Services',
    total: 'TOTAL',
    paid: { cash: 'Paid in cash', card: 'Paid by card' },
    change: 'Change given',
    rounding: 'Cash rounding',
    cashTotal: 'Cash total',
    owed: 'Change not given (credit)',
    due: 'Still due',
    method: 'Method',
    methods: { cash: 'Cash', card: 'Card' },
    deductible: 'Health expense, tax-deductible in Italy: keep this receipt.',
    owedNote: 'The change not given is owed to you: show this receipt at the CUP desk.',
    verify: 'Verify this receipt:',
  },
} as const;

export function paymentReceipt(data: PaymentReceiptData, lang: Lang = 'it'): ReceiptDocument {
  const t = STRINGS[lang];
  const rounding = data.cashRoundingCents ?? 0;
  const owed = data.paidCents - data.totalCents - rounding - data.changeCents;
  const els: DocElement[] = [];
  if (data.logo) els.push({ kind: 'logo', image: data.logo });
  els.push(
    title(t.title),
    // An Italian document first: the heading stays legible to any CUP desk operator.
    ...(lang === 'it' ? [] : [center(STRINGS.it.title)]),
    center(t.subtitle),
    feed(1),
    center(data.providerName, true),
    center(`${t.fiscalCode} ${data.providerFiscalCode}`),
    center(data.placeName),
    rule(),
    row(t.date, formatDateTime(data.issuedAt)),
    row(t.terminal, data.terminalId),
    row(t.transaction, data.transactionId),
    row(t.booking, data.bookingCode),
    rule(),
  );
  if (data.payerName) els.push(row(t.payer, data.payerName));
  els.push(row(t.payerTaxCode, data.payerTaxCode), rule(), text(t.services, { bold: true }));
  for (const s of data.services) els.push(row(`${s.code} ${s.description}`, formatEuro(s.amountCents)));
  els.push(
    rule('='),
    text(`${t.total} ${formatEuro(data.totalCents)}`, { bold: true, doubleHeight: true, align: 'right' }),
    ...(rounding === 0
      ? []
      : [row(t.rounding, `${rounding > 0 ? '+' : '-'}${formatEuro(Math.abs(rounding))}`), row(t.cashTotal, formatEuro(data.totalCents + rounding), true)]),
    row(t.paid[data.method], formatEuro(data.paidCents)),
    row(t.method, t.methods[data.method]),
  );
  if (data.changeCents > 0) els.push(row(t.change, formatEuro(data.changeCents)));
  if (owed > 0) els.push(row(t.owed, formatEuro(owed), true));
  if (owed < 0 && data.changeCents === 0) els.push(row(t.due, formatEuro(-owed), true));
  if (data.cardholderReceipt && data.cardholderReceipt.length > 0) {
    els.push(rule('-'), ...data.cardholderReceipt.map((line) => text(line)));
  }
  els.push(rule(), text(t.deductible));
  if (owed > 0) els.push(text(t.owedNote, { bold: true }));
  els.push(feed(1), center(t.verify), qr(data.verifyUrl), center(data.verifyUrl), feed(2), cut());
  return { elements: els };
}

/**
 * Operator daily close (chiusura giornaliera): what a terminal took in one day, by payment
 * method and by provider, signed off by the operator. Operator-facing, so Italian only. The two
 * breakdowns must agree; when they do not, the sheet says so instead of hiding it.
 */
import { center, cut, feed, formatDateTime, formatEuro, row, rule, text, title, type DocElement, type ReceiptDocument } from '../document.ts';
import { formatDay } from './voucher.ts';

export type PaymentMethod = 'cash' | 'card';

export interface DailyTotal {
  count: number;
  totalCents: number;
}

export interface DailyCloseData {
  operatorId: string;
  operatorName?: string;
  terminalId: string;
  placeName: string;
  /** The business day closed, `YYYY-MM-DD` Europe/Rome. */
  day: string;
  /** ISO date-time of the close. */
  closedAt: string;
  methods: ({ method: PaymentMethod } & DailyTotal)[];
  providers: ({ name: string } & DailyTotal)[];
  /** Credit vouchers issued (money owed) and redeemed that day. */
  vouchers?: { issued: DailyTotal; redeemed: DailyTotal };
  /** Payments cancelled after being taken (refunded on the spot). */
  cancelled?: DailyTotal;
}

const METHOD_NAME: Record<PaymentMethod, string> = { cash: 'Contanti', card: 'Carta' };

const sum = (xs: readonly DailyTotal[]): DailyTotal => ({
  count: xs.reduce((a, x) => a + x.count, 0),
  totalCents: xs.reduce((a, x) => a + x.totalCents, 0),
});

const totalRow = (label: string, t: DailyTotal, bold = false): DocElement => row(`${label} (${t.count})`, formatEuro(t.totalCents), bold);

export function dailyClose(data: DailyCloseData): ReceiptDocument {
  const byMethod = sum(data.methods);
  const byProvider = sum(data.providers);
  const els: DocElement[] = [
    title('CHIUSURA GIORNALIERA'),
    center(data.placeName),
    rule('='),
    row('Giorno', formatDay(data.day)),
    row('Chiusura', formatDateTime(data.closedAt)),
    row('Terminale', data.terminalId),
    row('Operatore', data.operatorName ? `${data.operatorName} (${data.operatorId})` : data.operatorId),
    rule(),
    text('Per metodo di pagamento (operazioni)', { bold: true }),
    ...data.methods.map((m) => totalRow(METHOD_NAME[m.method], m)),
    totalRow('Totale incassato', byMethod, true),
    rule(),
    text('Per ente erogatore (operazioni)', { bold: true }),
    ...data.providers.map((p) => totalRow(p.name, p)),
    totalRow('Totale per enti', byProvider, true),
  ];
  if (byMethod.count !== byProvider.count || byMethod.totalCents !== byProvider.totalCents) {
    els.push(text('ATTENZIONE: i totali per metodo e per ente non coincidono. Segnalare all\'assistenza.', { bold: true }));
  }
  if (data.cancelled || data.vouchers) els.push(rule());
  if (data.cancelled) els.push(totalRow('Pagamenti annullati', data.cancelled));
  if (data.vouchers) els.push(totalRow('Buoni emessi', data.vouchers.issued), totalRow('Buoni riscossi', data.vouchers.redeemed));
  els.push(rule(), feed(2), text('Firma operatore ______________________'), feed(3), cut());
  return { elements: els };
}

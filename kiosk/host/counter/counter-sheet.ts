/**
 * The counter's daily close sheet, for the receipt printer: one operator's day by method, by
 * kind of item and by provider. Operator-facing, so Italian only. The cash total is what the
 * drawer holds, rounding included; the items are what is owed to the providers; the rounding
 * line is the difference, so the two blocks always reconcile on paper.
 */
import { center, cut, feed, formatDateTime, formatDay, formatEuro, row, rule, text, title, type DocElement, type ReceiptDocument } from '@cup-kiosk/terminal-drivers/printer';
import type { CounterCloseLine, CounterDayClosed } from '../../bridge/counter-api.ts';

const line = (l: CounterCloseLine): DocElement => row(`${l.label} (${l.count})`, formatEuro(l.amountCents));

export function counterCloseSheet(c: CounterDayClosed, place: { terminalId: string; placeName: string }): ReceiptDocument {
  return {
    elements: [
      title('CHIUSURA DI CASSA'),
      center(place.placeName),
      rule('='),
      row('Giorno', formatDay(c.day)),
      row('Chiusura', formatDateTime(c.closedAt)),
      row('Terminale', place.terminalId),
      row('Operatore', `${c.operator.name} (${c.operator.code})`),
      row('Numero chiusura', c.closeId),
      rule(),
      text('Incassato', { bold: true }),
      row('Pagamenti', String(c.payments)),
      row('Contanti', formatEuro(c.cashCents)),
      row('Carta (POS)', formatEuro(c.cardCents)),
      row('Totale incassato', formatEuro(c.totalCents), true),
      rule(),
      text('Per voce', { bold: true }),
      ...c.items.map(line),
      row('Arrotondamento contanti', formatEuro(c.roundingCents)),
      rule(),
      text('Per ente erogatore', { bold: true }),
      ...c.providers.map(line),
      rule(),
      feed(2),
      text('Firma operatore ______________________'),
      feed(3),
      cut(),
    ],
  };
}

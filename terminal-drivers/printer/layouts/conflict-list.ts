/**
 * The desk's list of a terminal's conflicts: transactions the central refused (a slot taken
 * while the terminal was offline, a notice paid twice), each with its key, citizen, reason and
 * whether the citizen has read it at the kiosk, for the CUP desk to act on. Staff-facing, so
 * Italian only.
 */
import { center, cut, feed, formatDateTime, formatEuro, row, rule, text, title, type DocElement, type ReceiptDocument } from '../document.ts';

export interface ConflictLine {
  key: string;
  kind: string;
  reason: string;
  taxCode: string | null;
  bookingCode: string | null;
  /** Money the citizen handed over in it, owed back; null when none. */
  paidCents: number | null;
  /** ISO 8601: when the terminal recorded it. */
  at: string;
  /** ISO 8601: when the citizen read it at the kiosk; null when not yet. */
  acknowledgedAt: string | null;
}

export interface ConflictListData {
  terminalId: string;
  /** ISO 8601. */
  printedAt: string;
  conflicts: ConflictLine[];
}

function entry(c: ConflictLine): DocElement[] {
  return [
    text(`${c.reason}`, { bold: true }),
    row('Operazione', c.kind),
    row('Chiave', c.key),
    row('Registrata', formatDateTime(c.at)),
    ...(c.taxCode ? [row('Codice fiscale', c.taxCode)] : []),
    ...(c.bookingCode ? [row('Prenotazione', c.bookingCode)] : []),
    ...(c.paidCents !== null ? [row('Da rimborsare', formatEuro(c.paidCents))] : []),
    row('Letto dal cittadino', c.acknowledgedAt ? formatDateTime(c.acknowledgedAt) : 'no'),
    rule(),
  ];
}

export function conflictList(data: ConflictListData): ReceiptDocument {
  return {
    elements: [
      title('CONFLITTI DA RISOLVERE'),
      center(`Terminale ${data.terminalId}`),
      row('Stampato', formatDateTime(data.printedAt)),
      rule('='),
      ...(data.conflicts.length === 0 ? [text('Nessun conflitto.')] : data.conflicts.flatMap(entry)),
      text(`Totale: ${data.conflicts.length}`, { bold: true }),
      feed(3),
      cut(),
    ],
  };
}

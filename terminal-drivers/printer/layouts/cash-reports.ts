/**
 * Technician reports for the cash modules: emptying the cash box (cassetta) and refilling the
 * change hoppers. Each lists, per coin or note value, the pieces before and after and the money
 * moved, so the count on paper can be checked against the count in the bag. Technician-facing,
 * so Italian only.
 */
import { center, cut, feed, formatDateTime, formatEuro, row, rule, text, title, type DocElement, type ReceiptDocument } from '../document.ts';

/** Pieces of one value before and after the intervention. */
export interface CashLevel {
  valueCents: number;
  before: number;
  after: number;
}

interface Intervention {
  technicianId: string;
  terminalId: string;
  placeName: string;
  /** ISO date-time of the intervention. */
  at: string;
}

export interface CashEmptyData extends Intervention {
  cashBoxId: string;
  /** Number of the security bag or seal the cash went into. */
  sealNumber?: string;
  levels: CashLevel[];
}

export interface HopperRefillData extends Intervention {
  /** One entry per hopper; a hopper holds one value. */
  hoppers: ({ hopperId: string } & CashLevel)[];
}

const value = (levels: readonly CashLevel[], pick: (l: CashLevel) => number): number => levels.reduce((a, l) => a + pick(l) * l.valueCents, 0);

/** `2,00 €: 120 -> 0 (-120)` beside the money moved, signed the same way. */
function levelRow(prefix: string, l: CashLevel): DocElement {
  const moved = l.after - l.before;
  const sign = moved > 0 ? '+' : '';
  return row(`${prefix}${formatEuro(l.valueCents)}: ${l.before} -> ${l.after} (${sign}${moved})`, `${sign}${formatEuro(moved * l.valueCents)}`);
}

function header(heading: string, d: Intervention, extra: DocElement[]): DocElement[] {
  return [
    title(heading),
    center(d.placeName),
    rule('='),
    row('Data', formatDateTime(d.at)),
    row('Terminale', d.terminalId),
    row('Tecnico', d.technicianId),
    ...extra,
    rule(),
    text('Taglio: pezzi prima -> dopo (differenza)', { bold: true }),
  ];
}

function footer(): DocElement[] {
  return [rule(), feed(2), text('Firma tecnico ______________________'), feed(2), text('Firma operatore ____________________'), feed(3), cut()];
}

export function cashEmptyReport(data: CashEmptyData): ReceiptDocument {
  const removed = value(data.levels, (l) => l.before - l.after);
  const els = header('SVUOTAMENTO CASSETTA', data, [row('Cassetta', data.cashBoxId), ...(data.sealNumber ? [row('Sigillo', data.sealNumber)] : [])]);
  for (const l of data.levels) els.push(levelRow('', l));
  els.push(
    rule('='),
    row('Contenuto prima', formatEuro(value(data.levels, (l) => l.before))),
    row('Contenuto dopo', formatEuro(value(data.levels, (l) => l.after))),
    text(`PRELEVATO ${formatEuro(removed)}`, { bold: true, doubleHeight: true, align: 'right' }),
    ...footer(),
  );
  return { elements: els };
}

export function hopperRefillReport(data: HopperRefillData): ReceiptDocument {
  const added = value(data.hoppers, (l) => l.after - l.before);
  const els = header('RICARICA HOPPER', data, []);
  for (const h of data.hoppers) els.push(levelRow(`${h.hopperId} `, h));
  els.push(
    rule('='),
    row('Resto disponibile prima', formatEuro(value(data.hoppers, (l) => l.before))),
    row('Resto disponibile dopo', formatEuro(value(data.hoppers, (l) => l.after))),
    text(`CARICATO ${formatEuro(added)}`, { bold: true, doubleHeight: true, align: 'right' }),
    ...footer(),
  );
  return { elements: els };
}

import { CupError } from '../domain/errors.ts';
import { addDays } from '../domain/notices.ts';
import { romeWallTime } from '../domain/rome-time.ts';
import type { IsoDate } from '../domain/types.ts';
import type { ProviderDay, ReconciliationDay, ReconciliationResponse, ReconciliationTotals, TerminalDay } from '../protocol/index.ts';

/**
 * Money reconciliation, the rules alone: the stores group the rows in SQL (one row per day and
 * terminal, per day, terminal and provider, per day and provider's appointments) and this file
 * turns them into days, totals and differences. Definitions:
 *
 * - a payment counts on the Europe/Rome day (and hour) of its `paidAt`;
 * - collected = paid - change; card = the card part; cash = collected - card, which is what the
 *   terminal's cash box gained that day;
 * - items ("booked") = the amounts of the tickets and notices the payments paid, owed to the
 *   provider of each booking; difference = collected - items, the legal rounding of the cash
 *   parts (at most 2 cents a payment, so more than that is an anomaly);
 * - due = a provider's bookings with the appointment that day still unpaid, with the amounts
 *   of the pagoPA notices already issued for them.
 */

/** A range longer than this is refused: a year of days, one answer. */
export const MAX_RECONCILIATION_DAYS = 366;
/** What one cash payment may differ from its tickets by: the 5-cent rounding. */
const ROUNDING_PER_CASH_PAYMENT = 2;

export interface TerminalDayRow {
  day: IsoDate;
  terminalId: string;
  payments: number;
  /** Payments with a cash part (cash or mixed). */
  cashPayments: number;
  collectedCents: number;
  cardCents: number;
  changeCents: number;
  itemsCents: number;
}

export interface ProviderTerminalDayRow {
  day: IsoDate;
  terminalId: string;
  fiscalCode: string;
  name: string;
  payments: number;
  items: number;
  paidCents: number;
}

export interface ProviderAppointmentsRow {
  day: IsoDate;
  fiscalCode: string;
  name: string;
  appointments: number;
  paid: number;
  unpaid: number;
  unpaidWithNotice: number;
  unpaidNoticeCents: number;
}

/** What a store answers for a range: grouped rows, in no particular order. */
export interface ReconciliationRows {
  terminals: TerminalDayRow[];
  providerTerminals: ProviderTerminalDayRow[];
  appointments: ProviderAppointmentsRow[];
}

/** Payments and money of one Rome hour (`YYYY-MM-DDTHH`). */
export interface HourRow {
  hour: string;
  payments: number;
  collectedCents: number;
  cashCents: number;
  cardCents: number;
}

/** The Rome wall-clock hour of a payment, `YYYY-MM-DDTHH`: the column reconciliation groups by. */
export const romeHourOf = (paidAt: string): string => romeWallTime(new Date(paidAt)).slice(0, 13);

/** The Rome hour range `[from 00, to+1 00)` of a day range, as `paid_hour` bounds. */
export const hourBounds = (from: IsoDate, to: IsoDate): [string, string] => [`${from}T00`, `${addDays(to, 1)}T00`];

/** Every day from `from` to `to`, both included. */
export function daysOf(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (text: string) => DATE.test(text) && addDays(text, 0) === text;

/**
 * A checked range; `to` defaults to `from`.
 * @throws CupError DATE_INVALID (not a calendar date) or DATE_RANGE_INVALID (to before from, or longer than a year).
 */
export function reconciliationRange(from: string, to: string = from): { from: IsoDate; to: IsoDate } {
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!isDate(value)) throw new CupError('DATE_INVALID', `${name} must be a calendar date, YYYY-MM-DD`, { [name]: value });
  }
  if (to < from) throw new CupError('DATE_RANGE_INVALID', 'to is before from', { from, to });
  if (addDays(from, MAX_RECONCILIATION_DAYS - 1) < to) throw new CupError('DATE_RANGE_INVALID', `a range covers at most ${MAX_RECONCILIATION_DAYS} days`, { from, to });
  return { from, to };
}

const byString = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export function terminalDay(r: TerminalDayRow): TerminalDay {
  const differenceCents = r.collectedCents - r.itemsCents;
  return {
    terminalId: r.terminalId,
    payments: r.payments,
    collectedCents: r.collectedCents,
    cashCents: r.collectedCents - r.cardCents,
    cardCents: r.cardCents,
    changeCents: r.changeCents,
    itemsCents: r.itemsCents,
    differenceCents,
    anomaly: Math.abs(differenceCents) > ROUNDING_PER_CASH_PAYMENT * r.cashPayments,
  };
}

const emptyTotals = (): ReconciliationTotals => ({ payments: 0, collectedCents: 0, cashCents: 0, cardCents: 0, itemsCents: 0, differenceCents: 0, appointmentsUnpaid: 0, unpaidNoticeCents: 0 });

function addTotals(into: ReconciliationTotals, t: ReconciliationTotals): void {
  for (const k of Object.keys(into) as (keyof ReconciliationTotals)[]) into[k] += t[k];
}

function emptyProvider(fiscalCode: string, name: string): ProviderDay {
  return { fiscalCode, name, payments: 0, itemsPaid: 0, paidCents: 0, terminals: [], appointments: 0, appointmentsPaid: 0, appointmentsUnpaid: 0, unpaidWithNotice: 0, unpaidNoticeCents: 0 };
}

/** The days of the range, each with its terminals and providers (by id, by fiscal code) and totals. */
export function buildReconciliation(from: IsoDate, to: IsoDate, rows: ReconciliationRows): ReconciliationResponse {
  const days = new Map<IsoDate, { terminals: TerminalDay[]; providers: Map<string, ProviderDay> }>(daysOf(from, to).map((d) => [d, { terminals: [], providers: new Map() }]));
  const provider = (day: IsoDate, fiscalCode: string, name: string) => {
    const providers = days.get(day)?.providers;
    if (!providers) return undefined;
    let p = providers.get(fiscalCode);
    if (!p) providers.set(fiscalCode, (p = emptyProvider(fiscalCode, name)));
    return p;
  };
  for (const r of rows.terminals) days.get(r.day)?.terminals.push(terminalDay(r));
  for (const r of rows.providerTerminals) {
    const p = provider(r.day, r.fiscalCode, r.name);
    if (!p) continue;
    // A payment paying two items of one provider counts once per terminal row, and terminals never share a payment.
    p.payments += r.payments;
    p.itemsPaid += r.items;
    p.paidCents += r.paidCents;
    p.terminals.push({ terminalId: r.terminalId, payments: r.payments, itemsPaid: r.items, paidCents: r.paidCents });
  }
  for (const r of rows.appointments) {
    const p = provider(r.day, r.fiscalCode, r.name);
    if (!p) continue;
    p.appointments += r.appointments;
    p.appointmentsPaid += r.paid;
    p.appointmentsUnpaid += r.unpaid;
    p.unpaidWithNotice += r.unpaidWithNotice;
    p.unpaidNoticeCents += r.unpaidNoticeCents;
  }
  const total = emptyTotals();
  const out: ReconciliationDay[] = [...days].map(([day, d]) => {
    const terminals = d.terminals.sort(byString((t) => t.terminalId));
    const providers = [...d.providers.values()].sort(byString((p) => p.fiscalCode));
    for (const p of providers) p.terminals.sort(byString((t) => t.terminalId));
    const totals = emptyTotals();
    for (const t of terminals) addTotals(totals, { ...emptyTotals(), payments: t.payments, collectedCents: t.collectedCents, cashCents: t.cashCents, cardCents: t.cardCents, itemsCents: t.itemsCents, differenceCents: t.differenceCents });
    for (const p of providers) addTotals(totals, { ...emptyTotals(), appointmentsUnpaid: p.appointmentsUnpaid, unpaidNoticeCents: p.unpaidNoticeCents });
    addTotals(total, totals);
    return { day, totals, terminals, providers };
  });
  return { from, to, totals: total, days: out };
}

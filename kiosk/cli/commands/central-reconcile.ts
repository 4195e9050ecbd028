/**
 * `cupk central reconcile`: per Europe/Rome day, what each terminal collected (cash, card, the
 * rounding difference) and what each provider is owed against its appointments still unpaid.
 * Uses the central's administrator token.
 */
import { reconciliation, type ReconciliationResponse } from '@cup-kiosk/sync-service/client';
import { CupError, formatEuro } from '@cup-kiosk/sync-service/domain';
import { requiredOption, stringOption, type Command } from '../command.ts';
import { adminConnection } from './notices.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date, checked here so a typo costs no request. */
function dateOption(name: string, value: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw new CupError('DATE_INVALID', `--${name} must be a calendar date, YYYY-MM-DD`, { [name]: value });
  return value;
}

const eur = (cents: number) => formatEuro(cents).padStart(12);

/** Each day: its terminals, then its providers, then its totals. */
export function reconciliationText(r: ReconciliationResponse): string {
  const out: string[] = [];
  for (const d of r.days) {
    out.push(`${d.day}  payments ${d.totals.payments}  collected ${formatEuro(d.totals.collectedCents)}  cash ${formatEuro(d.totals.cashCents)}  card ${formatEuro(d.totals.cardCents)}  difference ${formatEuro(d.totals.differenceCents)}`);
    for (const t of d.terminals) out.push(`  terminal ${t.terminalId.padEnd(16)} ${String(t.payments).padStart(5)}  collected${eur(t.collectedCents)}  cash${eur(t.cashCents)}  card${eur(t.cardCents)}  difference${eur(t.differenceCents)}${t.anomaly ? '  ANOMALY' : ''}`);
    for (const p of d.providers) out.push(`  provider ${p.fiscalCode} ${p.name}: paid ${p.itemsPaid} for ${formatEuro(p.paidCents)}; appointments ${p.appointments}, unpaid ${p.appointmentsUnpaid} (notices ${formatEuro(p.unpaidNoticeCents)})`);
  }
  return out.join('\n');
}

export const centralReconcile: Command = {
  path: ['central', 'reconcile'],
  usage: 'cupk central reconcile --central URL --token T --from YYYY-MM-DD [--to YYYY-MM-DD] [--json]',
  summary: 'money per Rome day, terminal and provider: collected (cash, card) against booked and due',
  options: { central: { type: 'string' }, token: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  async run(_p, values) {
    const from = dateOption('from', requiredOption(values, 'from'));
    const toText = stringOption(values, 'to');
    const to = toText === undefined ? from : dateOption('to', toText);
    if (to < from) throw new CupError('DATE_RANGE_INVALID', '--to is before --from', { from, to });
    // DATE_RANGE_INVALID (over a year), ADMIN_AUTH_INVALID, ADMIN_DISABLED, CENTRAL_UNREACHABLE come from the client as they are.
    return reconciliation({ ...adminConnection(values), from, to });
  },
  human: (r) => reconciliationText(r as ReconciliationResponse),
};

/**
 * The arithmetic of an operator's day at the counter: what they took in cash and by card, by kind
 * of item and by provider, in integer cents. Pure.
 */
import type { IsoDate } from '@cup-kiosk/sync-service/domain';
import type { CounterCloseLine, CounterDayTotals, CounterOperator } from '../../bridge/counter-api.ts';
import type { CounterItemRow, CounterPaymentRow } from './counter-store.ts';

const KIND_LABEL: Record<CounterItemRow['kind'], string> = { booking: 'Ticket prenotazioni', notice: 'Avvisi pagoPA' };

/** Who the money of an item is owed to: the booking's provider or the notice's creditor. */
function providerOf(item: CounterItemRow): string {
  try {
    const d = JSON.parse(item.detail_json) as { booking?: { providerName?: string }; quote?: { providerName?: string }; notice?: { creditorName?: string } };
    return d.quote?.providerName ?? d.booking?.providerName ?? d.notice?.creditorName ?? 'Ente non indicato';
  } catch {
    return 'Ente non indicato';
  }
}

function addLine(lines: Map<string, CounterCloseLine>, label: string, amountCents: number): void {
  const line = lines.get(label) ?? { label, count: 0, amountCents: 0 };
  line.count += 1;
  line.amountCents += amountCents;
  lines.set(label, line);
}

const sorted = (lines: Map<string, CounterCloseLine>) => [...lines.values()].sort((a, b) => a.label.localeCompare(b.label, 'it'));

/**
 * Sums the payments of a close: those the operator took since their previous close, `day` being
 * the day the close is for (a night pharmacy's day runs past midnight; nothing falls between two
 * closes). Cash is what stayed in the drawer (paid − change − card), card what the POS approved;
 * the difference between their sum and the items is the legal 5-cent rounding of the cash parts,
 * and nothing else.
 */
export function dayTotals(operator: CounterOperator, day: IsoDate, payments: readonly CounterPaymentRow[], items: readonly CounterItemRow[]): CounterDayTotals {
  const ids = new Set(payments.map((p) => p.payment_id));
  let cashCents = 0;
  let cardCents = 0;
  for (const p of payments) {
    cardCents += p.card_cents;
    cashCents += p.paid_cents - p.change_due_cents - p.card_cents;
  }
  const byKind = new Map<string, CounterCloseLine>();
  const byProvider = new Map<string, CounterCloseLine>();
  let itemsCents = 0;
  for (const i of items) {
    if (!ids.has(i.payment_id)) continue;
    itemsCents += i.amount_cents;
    addLine(byKind, KIND_LABEL[i.kind], i.amount_cents);
    addLine(byProvider, providerOf(i), i.amount_cents);
  }
  return {
    operator,
    day,
    payments: payments.length,
    cashCents,
    cardCents,
    totalCents: cashCents + cardCents,
    roundingCents: cashCents + cardCents - itemsCents,
    items: sorted(byKind),
    providers: sorted(byProvider),
  };
}

import { toLedgerRow, type StoredLedgerRow as Row } from '../../../kiosk/host/cash/cash-ledger.ts';
import { verifyChain } from '../../../kiosk/host/cash/ledger-chain.ts';
import type { DeviceTruth } from '../../../kiosk/host/sim-controls.ts';
import { readSqlite } from './sqlite-read.ts';

/**
 * Holds the terminal's SQLite (cash ledger, payments) against what the devices did, counted on
 * their side: every coin and bill taken is exactly one credit; every closed payment gave back,
 * in hopper coins and vouchers, exactly what it owed; hopper levels agree; the chain verifies.
 * The card parts a payment recorded approved count towards what it paid (card-audit.ts holds
 * them against the card terminal).
 */
export interface Audit {
  problems: string[];
  /** Money the devices took that the ledger does not have, or a citizen was owed and not given. */
  lostCents: number;
  /** Money the ledger has twice, or a citizen was given beyond what was owed. */
  doubleCents: number;
  payments: { committed: number; cancelled: number; open: number };
  vouchersCents: number;
  changePaidCents: number;
}

/** A payment row, as far as the audits read it. */
export interface Payment {
  payment_id: string;
  status: 'open' | 'committed' | 'cancelled';
  amount_due_cents: number;
  cash_rounding_cents: number;
  paid_cents: number | null;
  change_due_cents: number | null;
  change_paid_cents: number | null;
  voucher_cents: number | null;
}

/** Per value, how many more `a` has than `b` (and the other way), in cents. */
function multisetDiff(a: number[], b: number[]): { missing: number; extra: number } {
  const count = new Map<number, number>();
  for (const v of a) count.set(v, (count.get(v) ?? 0) + 1);
  for (const v of b) count.set(v, (count.get(v) ?? 0) - 1);
  let missing = 0;
  let extra = 0;
  for (const [v, n] of count) {
    if (n > 0) missing += n * v;
    else extra += -n * v;
  }
  return { missing, extra };
}

export async function audit(dbFile: string, truth: DeviceTruth): Promise<Audit> {
  const read = await readSqlite(dbFile, {
    rows: 'SELECT * FROM cash_ledger ORDER BY seq',
    payments: 'SELECT * FROM payments ORDER BY n',
    cards: `SELECT payment_id, SUM(amount_cents) AS cents FROM card_parts WHERE status = 'approved' AND reversal_pending = 0 GROUP BY payment_id`,
  });
  const rows = read.rows as Row[];
  const payments = read.payments as Payment[];
  const cardCents = new Map((read.cards as { payment_id: string; cents: number }[]).map((c) => [c.payment_id, c.cents]));
  const problems: string[] = [];
  let lostCents = 0;
  let doubleCents = 0;

  const chain = verifyChain(rows.map(toLedgerRow));
  if (!chain.ok) problems.push(`ledger chain broken at ${chain.brokenAt}: ${chain.reason}`);

  // Each coin and bill the devices took is one credit, in the order they took them.
  for (const [what, device, taken] of [
    ['coins', truth.coins.device, truth.coins.accepted.map((c) => c.valueCents)],
    ['bills', truth.bills.device, truth.bills.stacked],
  ] as const) {
    const credited = rows.filter((r) => r.kind === 'credit' && r.device === device).map((r) => r.value_cents);
    const d = multisetDiff([...taken], credited);
    lostCents += d.missing;
    doubleCents += d.extra;
    if (JSON.stringify(credited) !== JSON.stringify(taken)) {
      problems.push(`${what}: devices took ${taken.length} (${taken.reduce((s, v) => s + v, 0)} c), ledger credited ${credited.length} (${credited.reduce((s, v) => s + v, 0)} c)`);
    }
  }

  // Hoppers: what the ledger says is in each, and what each paid, against the hopper itself.
  for (const h of truth.hoppers) {
    const device = `hopper:${h.address}`;
    const mine = rows.filter((r) => r.device === device);
    const refilled = mine.filter((r) => r.kind === 'hopper-refill').reduce((s, r) => s + r.count, 0);
    const paid = mine.filter((r) => r.kind === 'payout-result').reduce((s, r) => s + r.count, 0);
    if (paid !== h.totalPaid) {
      problems.push(`${device}: paid ${h.totalPaid} coins, ledger says ${paid}`);
      if (paid > h.totalPaid) lostCents += (paid - h.totalPaid) * h.valueCents;
      else doubleCents += (h.totalPaid - paid) * h.valueCents;
    }
    if (refilled - paid - h.removed !== h.stock) problems.push(`${device}: holds ${h.stock}, ledger says ${refilled - paid - h.removed}`);
  }

  // Each closed payment gave back exactly what it owed: change of a committed one, everything of a
  // cancelled one; paid from the hoppers (payout results) or on a voucher.
  let vouchersCents = 0;
  let changePaidCents = 0;
  const byPayment = new Map<string, Row[]>();
  for (const r of rows) if (r.payment_id) byPayment.set(r.payment_id, [...(byPayment.get(r.payment_id) ?? []), r]);
  const sum = (rs: Row[], kind: Row['kind']) => rs.filter((r) => r.kind === kind).reduce((s, r) => s + r.amount_cents, 0);
  for (const p of payments) {
    const rs = byPayment.get(p.payment_id) ?? [];
    const credited = sum(rs, 'credit');
    const paidOut = sum(rs, 'payout-result');
    const vouchered = sum(rs, 'voucher');
    vouchersCents += vouchered;
    changePaidCents += paidOut;
    if (p.status === 'open') continue;
    const card = p.status === 'committed' ? (cardCents.get(p.payment_id) ?? 0) : 0;
    const owed = p.status === 'committed' ? credited + card - p.amount_due_cents - p.cash_rounding_cents : credited;
    if (p.status === 'committed' && p.paid_cents !== credited + card) problems.push(`payment ${p.payment_id}: paid ${p.paid_cents}, credited ${credited} + card ${card}`);
    if (p.change_due_cents !== owed && !(owed === 0 && p.change_due_cents === null)) problems.push(`payment ${p.payment_id} (${p.status}): owes ${owed}, recorded ${p.change_due_cents}`);
    const given = paidOut + vouchered;
    if (owed > 0 && p.change_paid_cents === null) problems.push(`payment ${p.payment_id} (${p.status}): ${owed} c owed and never settled`);
    if (given < owed) lostCents += owed - given;
    if (given > owed) doubleCents += given - owed;
    if (given !== owed) problems.push(`payment ${p.payment_id} (${p.status}): owed ${owed} c, given ${paidOut} in coins + ${vouchered} on vouchers`);
    if (p.change_paid_cents !== null && (p.change_paid_cents !== paidOut || p.voucher_cents !== vouchered)) {
      problems.push(`payment ${p.payment_id}: recorded ${p.change_paid_cents}+${p.voucher_cents}, ledger ${paidOut}+${vouchered}`);
    }
  }
  // Money that came in with no payment open is owed back on a voucher of its own.
  const keys = new Set(rows.map((r) => r.key));
  for (const r of rows.filter((x) => x.kind === 'credit' && x.payment_id === null)) {
    vouchersCents += r.amount_cents;
    if (!keys.has(`voucher:${r.key}`)) {
      lostCents += r.amount_cents;
      problems.push(`credit ${r.key} with no payment has no voucher`);
    }
  }
  const count = (s: Payment['status']) => payments.filter((p) => p.status === s).length;
  return { problems, lostCents, doubleCents, payments: { committed: count('committed'), cancelled: count('cancelled'), open: count('open') }, vouchersCents, changePaidCents };
}

import type { PosTransactionTruth, PosTruth } from '@cup-kiosk/terminal-drivers/sim/pos';
import type { Payment } from './audit.ts';
import { readSqlite } from './sqlite-read.ts';

/**
 * Holds the terminal's payments and card parts against the card terminal's journal (what it
 * charged, counted on its side) and against the central: each payment ended once, paid (committed,
 * one outbox entry, at the central once) or not paid (cancelled, every approval of it reversed);
 * no cardholder charged beyond what was due; no approval standing that no paid payment records.
 * The cash side is audit.ts's.
 */
export interface CardAudit {
  problems: string[];
  paid: number;
  notPaid: number;
  open: number;
  /** Approvals the card terminal gave back. */
  reversals: number;
  /** Payments whose cards and kept cash took more than was due (beyond the legal 5-cent rounding). */
  doubleCharges: number;
  /** Approvals standing at the card terminal that no committed payment records as its card part. */
  unrecordedApprovals: number;
}

/** What the campaign's citizen was told of a payment: paid (`payment.committed`), not paid (declined with nothing taken, or cancelled). */
export type Told = Map<string, Set<'paid' | 'not-paid'>>;

/** The most the legal rounding of a cash part adds (art. 13-quater DL 50/2017: to the nearest 5 cents). */
const MAX_ROUNDING_CENTS = 2;

interface Part {
  part_id: string;
  payment_id: string;
  amount_cents: number;
  status: 'open' | 'approved' | 'declined' | 'reversed' | 'unknown';
  reversal_pending: 0 | 1;
}

export interface CardAuditInput {
  dbFile: string;
  pos: PosTruth;
  told: Told;
  /** The central's SQLite; once the outbox has drained, every paid payment is there once and no other. */
  centralDbFile?: string;
}

export async function cardAudit(o: CardAuditInput): Promise<CardAudit> {
  const read = await readSqlite(o.dbFile, {
    payments: 'SELECT * FROM payments ORDER BY n',
    parts: 'SELECT part_id, payment_id, amount_cents, status, reversal_pending FROM card_parts ORDER BY payment_id, n',
    credits: `SELECT payment_id, SUM(amount_cents) AS cents FROM cash_ledger WHERE kind = 'credit' AND payment_id IS NOT NULL GROUP BY payment_id`,
    outbox: `SELECT key FROM outbox WHERE kind = 'payment'`,
  });
  const payments = read.payments as Payment[];
  const parts = read.parts as Part[];
  const credited = new Map((read.credits as { payment_id: string; cents: number }[]).map((c) => [c.payment_id, c.cents]));
  const outbox = new Map<string, number>();
  for (const { key } of read.outbox as { key: string }[]) outbox.set(key, (outbox.get(key) ?? 0) + 1);
  const central = o.centralDbFile ? await readSqlite(o.centralDbFile, { payments: 'SELECT payment_id, paid_cents FROM payments' }) : null;
  const atCentral = new Map((central?.payments as { payment_id: string; paid_cents: number }[] | undefined)?.map((p) => [p.payment_id, p.paid_cents]));

  const problems: string[] = [];
  const partById = new Map(parts.map((p) => [p.part_id, p]));
  const paymentById = new Map(payments.map((p) => [p.payment_id, p]));
  const posById = new Map<string, PosTransactionTruth>(o.pos.transactions.map((t) => [t.transactionId, t]));
  const chargedTo = new Map<string, number>();
  let unrecordedApprovals = 0;

  // (c) Every approval standing at the card terminal is the recorded card part of a paid payment.
  for (const t of o.pos.transactions) {
    const part = partById.get(t.transactionId);
    if (!part) {
      problems.push(`POS transaction ${t.transactionId} (${t.state}) has no card part on disk: the request went out before its intent was written`);
      if (t.chargedCents > 0) unrecordedApprovals++;
      continue;
    }
    if (part.amount_cents !== t.amountCents) problems.push(`card part ${t.transactionId}: ${part.amount_cents} c recorded, ${t.amountCents} c asked of the POS`);
    if (t.chargedCents === 0) continue;
    chargedTo.set(part.payment_id, (chargedTo.get(part.payment_id) ?? 0) + t.chargedCents);
    const p = paymentById.get(part.payment_id);
    if (p?.status !== 'committed' || part.status !== 'approved' || part.reversal_pending !== 0) {
      unrecordedApprovals++;
      problems.push(`unrecorded approval ${t.transactionId}: ${t.chargedCents} c charged, the part is ${part.status}${part.reversal_pending ? ' (reversal pending)' : ''}, its payment ${p?.status ?? 'missing'}`);
    }
  }
  // And every card part recorded as paying is an approval the card terminal holds.
  for (const part of parts) {
    const p = paymentById.get(part.payment_id);
    if (p?.status !== 'committed' || part.status !== 'approved' || part.reversal_pending !== 0) continue;
    if ((posById.get(part.part_id)?.chargedCents ?? 0) !== part.amount_cents) {
      problems.push(`card part ${part.part_id} of paid payment ${part.payment_id} is recorded approved, the POS says ${posById.get(part.part_id)?.state ?? 'never seen'}`);
    }
  }

  // (a) and (b): each payment ended once, and took no more than was due.
  let doubleCharges = 0;
  for (const p of payments) {
    const told = o.told.get(p.payment_id) ?? new Set();
    if (told.has('paid') && told.has('not-paid')) problems.push(`payment ${p.payment_id}: the citizen was told both paid and not paid`);
    if (p.status === 'committed' && told.has('not-paid')) problems.push(`payment ${p.payment_id}: told not paid, recorded paid`);
    if (p.status === 'cancelled' && told.has('paid')) problems.push(`payment ${p.payment_id}: told paid, recorded not paid`);
    const entries = outbox.get(`payment:${p.payment_id}`) ?? 0;
    if (p.status === 'committed' && entries !== 1) problems.push(`paid payment ${p.payment_id} has ${entries} outbox entries`);
    if (p.status !== 'committed' && entries !== 0) problems.push(`${p.status} payment ${p.payment_id} has an outbox entry`);
    if (central && p.status === 'committed' && atCentral.get(p.payment_id) !== p.paid_cents) {
      problems.push(`paid payment ${p.payment_id} (${p.paid_cents} c) is at the central as ${atCentral.get(p.payment_id) ?? 'nothing'}`);
    }
    if (p.status === 'open') continue;
    if (Math.abs(p.cash_rounding_cents) > MAX_ROUNDING_CENTS) problems.push(`payment ${p.payment_id}: rounding ${p.cash_rounding_cents} c`);
    // Cash kept: what was credited less what the terminal owes back (the cash audit checks it was given).
    const keptCash = (credited.get(p.payment_id) ?? 0) - (p.change_due_cents ?? 0);
    const charged = chargedTo.get(p.payment_id) ?? 0;
    const took = charged + keptCash;
    if (took > p.amount_due_cents + MAX_ROUNDING_CENTS) {
      doubleCharges++;
      problems.push(`double charge: payment ${p.payment_id} (${p.status}) took ${charged} c by card + ${keptCash} c in cash for ${p.amount_due_cents} c due`);
    } else if (p.status === 'committed' && took !== p.amount_due_cents + p.cash_rounding_cents) {
      problems.push(`paid payment ${p.payment_id} took ${charged} c by card + ${keptCash} c in cash for ${p.amount_due_cents} c + ${p.cash_rounding_cents} c rounding`);
    }
  }
  for (const id of atCentral.keys()) {
    if (paymentById.get(id)?.status !== 'committed') problems.push(`the central has payment ${id}, which the terminal did not commit`);
  }
  const count = (s: Payment['status']) => payments.filter((p) => p.status === s).length;
  return {
    problems,
    paid: count('committed'),
    notPaid: count('cancelled'),
    open: count('open'),
    reversals: o.pos.transactions.filter((t) => t.reversed).length,
    doubleCharges,
    unrecordedApprovals,
  };
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PosTransactionTruth, PosTruth } from '@cup-kiosk/terminal-drivers/sim/pos';
import { openTerminalDb, type TerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { cardAudit, type Told } from './card-audit.ts';

// The card audit on a real terminal SQLite: it passes what is right and names each way a card
// payment can go wrong (so a clean campaign means something).

let dir: string;
let file: string;
let tdb: TerminalDb;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-card-audit-'));
  file = join(dir, 'terminal.sqlite');
  tdb = await openTerminalDb(file, 'AUDIT-01');
});

afterEach(async () => {
  await tdb.db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A payment of `cents` by card as the host records it: paid with its outbox entry, or not. */
async function payment(id: string, cents: number, status: 'committed' | 'cancelled', parts: { n: number; status: string; pending?: 1 }[]) {
  await tdb.db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO payments (payment_id, booking_code, tax_code, method, amount_due_cents, rule_version, booking_json, quote_json, status, paid_cents, change_due_cents, created_at)
       VALUES (?, '000000000000', 'X', 'card', ?, 'r', '{}', '{}', ?, ?, 0, '2026-01-01')`,
      [id, cents, status, status === 'committed' ? cents : null],
    );
    for (const p of parts) {
      await tx.run(`INSERT INTO card_parts (part_id, payment_id, n, amount_cents, status, reversal_pending, created_at) VALUES (?, ?, ?, ?, ?, ?, '2026-01-01')`, [
        `${id}:${p.n}`,
        id,
        p.n,
        cents,
        p.status,
        p.pending ?? 0,
      ]);
    }
    if (status === 'committed') await tdb.outbox.enqueue(tx, { kind: 'payment', key: `payment:${id}`, payload: { paymentId: id } });
  });
}

const tx = (transactionId: string, amountCents: number, state: PosTransactionTruth['state'], reversed = false): PosTransactionTruth => ({
  transactionId,
  amountCents,
  planned: 'approve',
  state,
  answered: true,
  reversed,
  chargedCents: state === 'approved' && !reversed ? amountCents : 0,
});

const pos = (...transactions: PosTransactionTruth[]): PosTruth => ({ poiId: 'P', online: true, transactions, refused: [], served: {} });
const told = (entries: [string, ('paid' | 'not-paid')[]][] = []): Told => new Map(entries.map(([k, v]) => [k, new Set(v)]));

describe('card audit', () => {
  it('passes a paid payment, a declined one and a cancelled one whose approval was reversed', async () => {
    await payment('A', 1200, 'committed', [{ n: 1, status: 'approved' }]);
    await payment('B', 800, 'cancelled', [{ n: 1, status: 'declined' }]);
    await payment('C', 500, 'cancelled', [{ n: 1, status: 'reversed' }]);
    const a = await cardAudit({ dbFile: file, pos: pos(tx('A:1', 1200, 'approved'), tx('B:1', 800, 'declined'), tx('C:1', 500, 'approved', true)), told: told([['A', ['paid']], ['B', ['not-paid']]]) });
    expect(a).toEqual({ problems: [], paid: 1, notPaid: 2, open: 0, reversals: 1, doubleCharges: 0, unrecordedApprovals: 0 });
  });

  it('counts an approval left standing on a payment not paid, or with its reversal still pending', async () => {
    await payment('A', 1200, 'cancelled', [{ n: 1, status: 'declined' }]);
    await payment('B', 700, 'cancelled', [{ n: 1, status: 'approved', pending: 1 }]);
    const a = await cardAudit({ dbFile: file, pos: pos(tx('A:1', 1200, 'approved'), tx('B:1', 700, 'approved')), told: told() });
    expect(a.unrecordedApprovals).toBe(2);
    expect(a.doubleCharges).toBe(0);
  });

  it('counts a card charged twice for one payment, and a charge with no card part on disk', async () => {
    await payment('A', 1000, 'committed', [{ n: 1, status: 'approved' }, { n: 2, status: 'declined' }]);
    const a = await cardAudit({ dbFile: file, pos: pos(tx('A:1', 1000, 'approved'), tx('A:2', 1000, 'approved'), tx('Z:1', 300, 'approved')), told: told() });
    expect(a.doubleCharges).toBe(1);
    expect(a.unrecordedApprovals).toBe(2);
    expect(a.problems.join('\n')).toMatch(/Z:1 .* no card part on disk/);
  });

  it('names a payment recorded paid that the POS did not charge, and one told both paid and not paid', async () => {
    await payment('A', 1000, 'committed', [{ n: 1, status: 'approved' }]);
    const a = await cardAudit({ dbFile: file, pos: pos(tx('A:1', 1000, 'declined')), told: told([['A', ['paid', 'not-paid']]]) });
    expect(a.problems).toEqual([
      'card part A:1 of paid payment A is recorded approved, the POS says declined',
      'payment A: the citizen was told both paid and not paid',
      'payment A: told not paid, recorded paid',
      'paid payment A took 0 c by card + 0 c in cash for 1000 c + 0 c rounding',
    ]);
    expect(a.doubleCharges + a.unrecordedApprovals).toBe(0);
  });
});

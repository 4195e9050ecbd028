import { describe, expect, it } from 'vitest';
import { GENESIS, levelsFrom, rowHash, verifyChain, type LedgerKind, type LedgerRow } from './ledger-chain.ts';

function chain(specs: [LedgerKind, string, number, number][]): LedgerRow[] {
  const rows: LedgerRow[] = [];
  let prev = GENESIS;
  specs.forEach(([kind, device, valueCents, count], i) => {
    const base = { seq: i + 1, kind, key: `k${i}`, device, valueCents, count, amountCents: valueCents * count, paymentId: null, detail: '{}', at: '2026-11-23T10:00:00Z' };
    const hash = rowHash(prev, base);
    rows.push({ ...base, prevHash: prev, hash });
    prev = hash;
  });
  return rows;
}

const rows = chain([
  ['hopper-refill', 'hopper:3', 200, 50],
  ['credit', 'coin:1', 200, 1],
  ['credit', 'bill:9', 1000, 1],
  ['payout-intent', 'hopper:3', 200, 2],
  ['payout-result', 'hopper:3', 200, 2],
  ['voucher', 'kiosk', 30, 1],
  ['cashbox-empty', 'cashbox', 1000, 1],
]);

describe('cash ledger chain', () => {
  it('verifies an untouched chain', () => {
    expect(verifyChain(rows)).toEqual({ ok: true, rows: 7, head: rows[6]!.hash });
  });

  it('finds a changed amount, a deleted row and a reordering', () => {
    const changed = rows.map((r) => (r.seq === 3 ? { ...r, amountCents: 500 } : r));
    expect(verifyChain(changed)).toMatchObject({ ok: false, brokenAt: 3, reason: 'row 3 was changed' });
    const deleted = rows.filter((r) => r.seq !== 4);
    expect(verifyChain(deleted)).toMatchObject({ ok: false, brokenAt: 4 });
    const rehashed = rows.map((r) => (r.seq === 2 ? { ...r, valueCents: 100, hash: rowHash(r.prevHash, { ...r, valueCents: 100 }) } : r));
    expect(verifyChain(rehashed)).toMatchObject({ ok: false, brokenAt: 3, reason: 'row 3 does not follow row 2' });
  });

  it('derives cash box, hopper and voucher levels from the rows', () => {
    expect(levelsFrom(rows)).toEqual({
      cashbox: { 200: 1 },
      cashboxCents: 200,
      hoppers: { 'hopper:3': { valueCents: 200, count: 48 } },
      vouchersIssuedCents: 30,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { CcTalkTimeoutError } from './errors.ts';
import type { Hopper, PayoutResult } from './hopper.ts';
import { PayoutRunner } from './payout-runner.ts';

/** A hopper that pays from `stock` and stops when empty, without a bus. */
function fakeHopper(address: number, valueCents: number, stock: number, fail = false): Hopper & { stock: number } {
  const h = {
    address,
    valueCents,
    stock,
    async payout(count: number): Promise<PayoutResult> {
      if (fail) throw new CcTalkTimeoutError('no reply');
      const paid = Math.min(count, h.stock);
      h.stock -= paid;
      return { valueCents, requested: count, paid, unpaid: count - paid };
    },
  };
  return h as unknown as Hopper & { stock: number };
}

describe('PayoutRunner', () => {
  it('pays the plan and records intent before and result after each dispense', async () => {
    const hoppers = [fakeHopper(3, 200, 5), fakeHopper(4, 50, 5)];
    const log: string[] = [];
    const runner = new PayoutRunner({
      hoppers,
      beforeDispense: async (l) => void log.push(`intent ${l.id}×${l.count}`),
      afterDispense: async (s) => void log.push(`result ${s.id} ${s.paid}/${s.requested}`),
    });
    const r = await runner.run(450, [{ id: 3, valueCents: 200, count: 5 }, { id: 4, valueCents: 50, count: 5 }]);
    expect(r).toEqual({
      owedCents: 450,
      paidCents: 450,
      voucherCents: 0,
      perHopper: [
        { id: 3, valueCents: 200, requested: 2, paid: 2, unpaid: 0 },
        { id: 4, valueCents: 50, requested: 1, paid: 1, unpaid: 0 },
      ],
    });
    expect(log).toEqual(['intent 3×2', 'result 3 2/2', 'intent 4×1', 'result 4 1/1']);
  });

  it('moves the rest to other hoppers when one runs empty, and makes a voucher of what none can pay', async () => {
    // The ledger says 5 coins of 2 €, but the hopper holds 1.
    const hoppers = [fakeHopper(3, 200, 1), fakeHopper(4, 100, 2), fakeHopper(5, 20, 10)];
    const levels = [{ id: 3, valueCents: 200, count: 5 }, { id: 4, valueCents: 100, count: 2 }, { id: 5, valueCents: 20, count: 10 }];
    const r = await new PayoutRunner({ hoppers }).run(610, levels);
    expect(r.perHopper).toEqual([
      { id: 3, valueCents: 200, requested: 3, paid: 1, unpaid: 2 },
      { id: 4, valueCents: 100, requested: 2, paid: 2, unpaid: 0 },
      { id: 5, valueCents: 20, requested: 10, paid: 10, unpaid: 0 },
    ]);
    expect(r).toMatchObject({ paidCents: 600, voucherCents: 10 });
  });

  it('takes out a hopper that cannot be asked and says why', async () => {
    const hoppers = [fakeHopper(3, 100, 5, true), fakeHopper(4, 50, 10)];
    const r = await new PayoutRunner({ hoppers }).run(200, [{ id: 3, valueCents: 100, count: 5 }, { id: 4, valueCents: 50, count: 10 }]);
    expect(r.perHopper).toEqual([
      { id: 3, valueCents: 100, requested: 2, paid: 0, unpaid: 2, error: 'CCTALK_TIMEOUT' },
      { id: 4, valueCents: 50, requested: 4, paid: 4, unpaid: 0 },
    ]);
    expect(r).toMatchObject({ paidCents: 200, voucherCents: 0 });
  });

  it('splits more than 255 coins into several dispenses', async () => {
    const hopper = fakeHopper(3, 10, 1000);
    const counts: number[] = [];
    const r = await new PayoutRunner({ hoppers: [hopper], beforeDispense: async (l) => void counts.push(l.count) }).run(3000, [{ id: 3, valueCents: 10, count: 1000 }]);
    expect(counts).toEqual([255, 45]);
    expect(r).toMatchObject({ paidCents: 3000, voucherCents: 0 });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { Hopper, openCcTalkBus, PayoutRunner, type CcTalkBus, type HopperLevel, type PayoutLine, type PayoutStep } from '../../../terminal-drivers/cash/index.ts';
import { CcTalkBusSim, HopperSim } from '../../../terminal-drivers/sim/cash/index.ts';
import { openPtyPair as openTestPty } from '../../../terminal-drivers/serial/pty-pair.ts';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

interface HopperSpec {
  address: number;
  valueCents: number;
  /** Coins really in the hopper. */
  stock: number;
  /** Coins the host's ledger believes are there. */
  believed: number;
}

/** Several hoppers sharing one simulated wire over a real pty, as in the kiosk. */
async function rig(echo: boolean, specs: HopperSpec[]): Promise<{ sims: Map<number, HopperSim>; bus: CcTalkBus; hoppers: Hopper[]; levels: HopperLevel[] }> {
  const pty = await openTestPty('payout');
  const wire = await CcTalkBusSim.open(pty.devicePath, { echo });
  const sims = new Map(specs.map((s) => [s.address, wire.attach(new HopperSim({ address: s.address, stock: s.stock, serial: 0x00a000 + s.address, coinMs: 2 }))]));
  const bus = await openCcTalkBus(pty.hostPath, { echo, timeoutMs: 100 });
  cleanup.push(() => pty.close(), () => wire.close(), async () => {
    for (const s of sims.values()) await s.close();
  }, () => bus.close());
  const hoppers = specs.map((s) => new Hopper({ bus, valueCents: s.valueCents, address: s.address }));
  for (const h of hoppers) {
    await h.start();
    await h.enable();
  }
  return { sims, bus, hoppers, levels: specs.map((s) => ({ id: s.address, valueCents: s.valueCents, count: s.believed })) };
}

const KIOSK = (stock2e: number): HopperSpec[] => [
  { address: 3, valueCents: 200, stock: stock2e, believed: 20 },
  { address: 4, valueCents: 100, stock: 20, believed: 20 },
  { address: 5, valueCents: 50, stock: 20, believed: 20 },
  { address: 6, valueCents: 20, stock: 20, believed: 20 },
  { address: 7, valueCents: 10, stock: 20, believed: 20 },
];

describe.each([true, false])('payout over hoppers on one pty (echo %s)', (echo) => {
  it('pays the fewest coins from the hoppers', async () => {
    const { sims, hoppers, levels } = await rig(echo, KIOSK(20));
    const r = await new PayoutRunner({ hoppers, payout: { pollMs: 10 } }).run(780, levels);
    expect(r).toMatchObject({ owedCents: 780, paidCents: 780, voucherCents: 0 });
    expect([...sims.values()].map((s) => s.totalPaid)).toEqual([3, 1, 1, 1, 1]);
  });

  it('moves the rest to other hoppers when one runs empty mid-payout', async () => {
    // The ledger says twenty 2 € coins; the hopper really holds one.
    const { sims, hoppers, levels } = await rig(echo, KIOSK(1));
    const intents: PayoutLine[] = [];
    const results: PayoutStep[] = [];
    const runner = new PayoutRunner({
      hoppers,
      payout: { pollMs: 10 },
      beforeDispense: async (l) => void intents.push(l),
      afterDispense: async (s) => void results.push(s),
    });
    const r = await runner.run(730, levels);
    expect(r).toMatchObject({ paidCents: 730, voucherCents: 0 });
    expect(r.perHopper).toEqual([
      { id: 3, valueCents: 200, requested: 3, paid: 1, unpaid: 2 },
      { id: 4, valueCents: 100, requested: 5, paid: 5, unpaid: 0 },
      { id: 6, valueCents: 20, requested: 1, paid: 1, unpaid: 0 },
      { id: 7, valueCents: 10, requested: 1, paid: 1, unpaid: 0 },
    ]);
    expect(intents.map((l) => l.id)).toEqual([3, 4, 6, 7]);
    expect(results.map((s) => s.paid)).toEqual([1, 5, 1, 1]);
    expect([...sims.values()].map((s) => s.totalPaid)).toEqual([1, 5, 0, 1, 1]);
  });

  it('a jam moves the rest elsewhere, and what nobody can pay is a voucher', async () => {
    const { sims, hoppers, levels } = await rig(echo, [
      { address: 3, valueCents: 50, stock: 10, believed: 10 },
      { address: 4, valueCents: 20, stock: 2, believed: 2 },
      { address: 5, valueCents: 10, stock: 10, believed: 10 },
    ]);
    sims.get(5)?.jamAfter(1);
    // 1.90 €: 3 × 50 c + 2 × 20 c; nothing goes wrong there. Then 30 c: 20 c + 10 c, 10 c jams.
    const r = await new PayoutRunner({ hoppers, payout: { pollMs: 10 } }).run(190, levels);
    expect(r).toMatchObject({ paidCents: 190, voucherCents: 0 });
    const rest = await new PayoutRunner({ hoppers, payout: { pollMs: 10 } }).run(30, [
      { id: 3, valueCents: 50, count: 7 },
      { id: 4, valueCents: 20, count: 0 },
      { id: 5, valueCents: 10, count: 10 },
    ]);
    expect(rest.perHopper).toEqual([{ id: 5, valueCents: 10, requested: 3, paid: 1, unpaid: 2 }]);
    expect(rest).toMatchObject({ paidCents: 10, voucherCents: 20 });
  });
});

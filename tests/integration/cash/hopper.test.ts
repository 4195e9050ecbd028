import { afterEach, describe, expect, it } from 'vitest';
import { openCcTalkBus, Hopper, type CcTalkBus } from '../../../terminal-drivers/cash/index.ts';
import { HopperSim } from '../../../terminal-drivers/sim/cash/index.ts';
import type { PtyPair } from '../../../terminal-drivers/serial/pty-pair.ts';
import { openPtyPair as openTestPty } from '../../../terminal-drivers/serial/pty-pair.ts';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function rig(stock: number): Promise<{ pty: PtyPair; sim: HopperSim; bus: CcTalkBus; hopper: Hopper }> {
  const pty = await openTestPty('hopper');
  const sim = await HopperSim.open(pty.devicePath, { echo: true, stock });
  const bus = await openCcTalkBus(pty.hostPath, { echo: true, timeoutMs: 100 });
  cleanup.push(() => pty.close(), () => sim.close(), () => bus.close());
  const hopper = new Hopper({ bus, valueCents: 50 });
  expect(await hopper.start()).toEqual({ category: 'Payout', serial: 0x00a001 });
  await hopper.enable();
  return { pty, sim, bus, hopper };
}

describe('hopper over a pty', () => {
  it('pays out and reports the coins paid', async () => {
    const { sim, hopper } = await rig(20);
    expect(await hopper.payout(7, { pollMs: 10 })).toEqual({ valueCents: 50, requested: 7, paid: 7, unpaid: 0 });
    expect(sim.stock).toBe(13);
  });

  it('reports unpaid coins when it runs empty mid-payout', async () => {
    const { sim, hopper } = await rig(3);
    expect(await hopper.payout(5, { pollMs: 10 })).toEqual({ valueCents: 50, requested: 5, paid: 3, unpaid: 2 });
    expect(sim.totalPaid).toBe(3);
  });

  it('reports unpaid coins when it jams mid-payout', async () => {
    const { sim, hopper } = await rig(50);
    sim.jamAfter(2);
    expect(await hopper.payout(6, { pollMs: 10 })).toEqual({ valueCents: 50, requested: 6, paid: 2, unpaid: 4 });
    expect((await hopper.test())[0]).toBe(0b10);
  });

  it('is refused (NAK) while disabled, and the dispense is never retried', async () => {
    const { sim, hopper } = await rig(10);
    await hopper.disable();
    await expect(hopper.dispense(1)).rejects.toMatchObject({ code: 'CCTALK_NAK' });
    expect(sim.totalPaid).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { BillValidator } from './bill-validator.ts';
import type { BillCredit, EscrowDecision, EscrowedBill } from './bill-validator-contract.ts';
import type { CcTalkBus } from './bus.ts';
import { CcTalkTimeoutError } from './errors.ts';
import { Header } from './headers.ts';
import { BillValidatorSim, type BillValidatorSimOptions } from '../sim/cash/bill-validator-sim.ts';

/** A bus that hands requests straight to a simulated device: the driver logic without a pty. */
function directBus(sim: BillValidatorSim, log: number[][] = [], lose?: (header: number) => boolean): CcTalkBus {
  return {
    async request(_dest: number, header: number, data: ArrayLike<number> = []) {
      log.push([header, ...Array.from(data)]);
      if (sim.silent) throw new CcTalkTimeoutError('silent');
      const r = sim.handle(header, Uint8Array.from(data));
      // A reply lost on the wire after the device acted on the request.
      if (lose?.(header)) throw new CcTalkTimeoutError('reply lost');
      if (!r || r.header !== Header.REPLY) throw new Error(`unexpected reply ${r?.header}`);
      return Uint8Array.from(r.data ?? []);
    },
  } as unknown as CcTalkBus;
}

interface Setup {
  sim: BillValidatorSim;
  bv: BillValidator;
  credits: BillCredit[];
  asked: EscrowedBill[];
  log: number[][];
  seen: string[];
}

async function setup(
  decide: (bill: EscrowedBill) => Promise<EscrowDecision> = async () => 'stack',
  more: { sim?: BillValidatorSimOptions; resumeCounter?: number; escrowExtendMs?: number; lose?: (header: number) => boolean; prepare?: (sim: BillValidatorSim) => void } = {},
): Promise<Setup> {
  const sim = new BillValidatorSim(more.sim);
  more.prepare?.(sim);
  const credits: BillCredit[] = [];
  const asked: EscrowedBill[] = [];
  const log: number[][] = [];
  const bv = new BillValidator({
    bus: directBus(sim, log, more.lose),
    onCredit: async (c) => void credits.push(c),
    onEscrow: (b) => {
      asked.push(b);
      return decide(b);
    },
    pollMs: 1e6,
    escrowExtendMs: more.escrowExtendMs ?? 1e6,
    resumeCounter: more.resumeCounter,
  });
  await bv.start();
  await bv.stop(); // tests drive poll() themselves
  const seen: string[] = [];
  bv.on('returned', (r) => seen.push(`returned@${r.eventCounter}`));
  bv.on('rejected', (r) => seen.push(`rejected:${r.reason}:${r.code}`));
  bv.on('fault', (f) => seen.push(`fault:${f.kind}:${f.code}`));
  bv.on('stacker', (s) => seen.push(`stacker:${s.state}`));
  bv.on('routed', (r) => seen.push(`routed:${r.decision}@${r.eventCounter}`));
  bv.on('route-failed', (r) => seen.push(`route-failed:${r.decision}:${r.code}`));
  return { sim, bv, credits, asked, log, seen };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('BillValidator (driver logic)', () => {
  it('reads identity and bill table, and accepts nothing until enabled', async () => {
    const { sim, bv, log } = await setup();
    expect(bv.identity).toEqual({ category: 'Bill Validator', manufacturer: 'CKS', product: 'CUP-BILL-SIM', serial: 0x0b1001 });
    expect([...bv.bills.entries()]).toEqual([[1, 500], [2, 1000], [3, 2000], [4, 5000]]);
    expect(log).toContainEqual([Header.MODIFY_INHIBIT_STATUS, 0b1111, 0]);
    expect(log).toContainEqual([Header.MODIFY_MASTER_INHIBIT, 0]);
    expect(sim.insertBill(1000)).toBe('inhibited');
    await bv.enable([1000, 5000]);
    expect(sim.inhibitMask).toBe(0b1010);
    expect(sim.masterEnabled).toBe(true);
    await bv.disable();
    expect(sim.masterEnabled).toBe(false);
  });

  it('asks the host about a bill in escrow, stacks it, then credits it once', async () => {
    const { sim, bv, credits, asked, seen } = await setup(async () => 'stack');
    await bv.enable();
    expect(sim.insertBill(2000)).toBe('escrow');
    await bv.poll();
    expect(asked).toEqual([{ valueCents: 2000, billType: 3, eventCounter: 1 }]);
    expect(sim.stacked).toEqual([2000]);
    await bv.poll();
    await bv.poll();
    expect(credits).toEqual([{ valueCents: 2000, billType: 3, eventCounter: 2, deviceSerial: 0x0b1001 }]);
    expect(seen).toEqual(['routed:stack@1']);
  });

  it('returns the bill when the host says so, or when its decision fails', async () => {
    let n = 0;
    const { sim, bv, credits, seen } = await setup(async () => {
      if (n++ === 0) return 'return';
      throw new Error('screen gone');
    });
    const failed: number[] = [];
    bv.on('escrow-failed', (f) => failed.push(f.eventCounter));
    await bv.enable();
    sim.insertBill(5000);
    await bv.poll();
    await bv.poll();
    sim.insertBill(500);
    await bv.poll();
    await bv.poll();
    expect(sim.stacked).toEqual([]);
    expect(credits).toEqual([]);
    expect(failed).toEqual([3]);
    expect(seen).toEqual(['routed:return@1', 'returned@2', 'routed:return@3', 'returned@4']);
  });

  it('keeps the bill in escrow while a slow decision is pending', async () => {
    let decide: (d: EscrowDecision) => void = () => {};
    const { sim, bv, log, credits } = await setup(() => new Promise((r) => (decide = r)), { sim: { escrowTimeoutMs: 40 }, escrowExtendMs: 10 });
    await bv.enable();
    sim.insertBill(1000);
    const polling = bv.poll();
    await sleep(150); // well past the validator's own escrow time
    expect(sim.escrowCents).toBe(1000);
    decide('stack');
    await polling;
    await bv.poll();
    expect(credits.map((c) => c.valueCents)).toEqual([1000]);
    expect(log.filter((l) => l[0] === Header.ROUTE_BILL && l[1] === 255).length).toBeGreaterThan(3);
  });

  it('reports a route the validator refuses, and the escrow timeout gives the bill back', async () => {
    let decide: (d: EscrowDecision) => void = () => {};
    const { sim, bv, seen, credits } = await setup(() => new Promise((r) => (decide = r)), { sim: { escrowTimeoutMs: 20 } });
    await bv.enable();
    sim.insertBill(1000);
    const polling = bv.poll();
    await sleep(60);
    decide('stack');
    await polling;
    await bv.poll();
    expect(credits).toEqual([]);
    expect(seen).toEqual(['route-failed:stack:BILL_ROUTE_FAILED', 'returned@2']);
  });

  it('sends a route again when its reply was lost and no new event shows how it ended', async () => {
    let lose = true;
    const { sim, bv, seen, log } = await setup(async () => 'stack', { lose: (h) => h === Header.ROUTE_BILL && lose });
    await bv.enable();
    sim.insertBill(500);
    sim.stackerPresent = false; // the stack fails on the device, so the bill is still held
    await bv.poll();
    expect(seen).toEqual(['route-failed:stack:CCTALK_TIMEOUT']);
    lose = false;
    sim.stackerPresent = true;
    await bv.poll();
    expect(sim.stacked).toEqual([500]);
    expect(log.filter((l) => l[0] === Header.ROUTE_BILL)).toHaveLength(2);
  });

  it('stacks directly in stacker mode and credits each bill once', async () => {
    const { sim, bv, credits, asked } = await setup(async () => 'stack', { sim: { escrow: false } });
    await bv.enable();
    expect(sim.insertBill(500)).toBe('stacked');
    expect(sim.insertBill(1000)).toBe('stacked');
    await bv.poll();
    await bv.poll();
    expect(asked).toEqual([]);
    expect(credits.map((c) => [c.valueCents, c.eventCounter])).toEqual([[500, 1], [1000, 2]]);
  });

  it('turns status events into typed events', async () => {
    const { sim, bv, seen } = await setup();
    await bv.enable([500]);
    sim.insertBill(1000);
    sim.reject();
    sim.jam();
    sim.fraud();
    await bv.poll();
    sim.fillStacker();
    expect(sim.insertBill(500)).toBe('refused');
    sim.removeStacker();
    sim.insertStacker();
    await bv.poll();
    await bv.disable();
    sim.insertBill(500);
    await bv.poll();
    expect(seen).toEqual([
      'rejected:inhibited:4',
      'rejected:invalid:2',
      'fault:jam:16',
      'fault:fraud:8',
      'stacker:full',
      'stacker:full',
      'stacker:removed',
      'stacker:inserted',
      'rejected:master-inhibit:0',
    ]);
  });

  it('does not move past a credit until onCredit resolved', async () => {
    const sim = new BillValidatorSim({ escrow: false });
    let fail = true;
    const recorded: number[] = [];
    const bv = new BillValidator({
      bus: directBus(sim),
      onCredit: async (c) => {
        if (fail) throw new Error('disk full');
        recorded.push(c.eventCounter);
      },
      onEscrow: async () => 'return',
      pollMs: 1e6,
    });
    await bv.start();
    await bv.stop();
    await bv.enable();
    sim.insertBill(500);
    sim.insertBill(2000);
    await bv.poll();
    expect(bv.lastSeenCounter).toBe(0);
    fail = false;
    await bv.poll();
    expect(recorded).toEqual([1, 2]);
  });

  it('reports lost events and never offers a stale escrow event', async () => {
    const { sim, bv, credits, asked } = await setup(async () => 'stack', { sim: { escrow: false } });
    const lost: number[] = [];
    bv.on('lost-events', (l) => lost.push(l.lost));
    await bv.enable();
    for (let i = 0; i < 7; i++) sim.insertBill(500);
    sim.escrowMode = true;
    sim.insertBill(1000);
    sim.fraud(); // the bill in escrow was pulled: its escrow event is now stale
    await bv.poll();
    expect(lost).toEqual([4]);
    expect(credits.map((c) => c.eventCounter)).toEqual([5, 6, 7]);
    expect(asked).toEqual([]);
  });

  it('sees a power cycle as a reset, re-sends the inhibits and counts on from 0', async () => {
    const { sim, bv, credits } = await setup(async () => 'stack', { sim: { escrow: false } });
    let resets = 0;
    bv.on('reset', () => resets++);
    await bv.enable();
    sim.insertBill(500);
    await bv.poll();
    sim.powerCycle();
    await bv.poll();
    expect(resets).toBe(1);
    expect(sim.masterEnabled).toBe(true);
    sim.insertBill(1000);
    await bv.poll();
    expect(credits.map((c) => [c.valueCents, c.eventCounter])).toEqual([[500, 1], [1000, 1]]);
  });

  it('resumes from the ledger counter and asks again about a bill still in escrow', async () => {
    const prepare = (sim: BillValidatorSim): void => {
      sim.masterEnabled = true;
      sim.inhibitMask = 0xffff;
      sim.escrowMode = false;
      sim.insertBill(500);
      sim.escrowMode = true;
      sim.insertBill(2000);
    };
    const resumed = await setup(async () => 'stack', { prepare, resumeCounter: 1 });
    await resumed.bv.enable();
    await resumed.bv.poll();
    expect(resumed.asked.map((b) => b.valueCents)).toEqual([2000]);
    // Without a ledger, a bill found in escrow at start is given back, not stacked unrecorded.
    const fresh = await setup(async () => 'stack', { prepare });
    expect(fresh.sim.escrowCents).toBeUndefined();
    await fresh.bv.poll();
    expect(fresh.asked).toEqual([]);
    expect(fresh.seen).toEqual(['returned@3']);
  });

  it('goes offline after missed polls and online again', async () => {
    const { sim, bv } = await setup();
    const seen: string[] = [];
    bv.on('offline', (o) => seen.push(`offline:${o.code}`));
    bv.on('online', () => seen.push('online'));
    sim.silent = true;
    for (let i = 0; i < 4; i++) await bv.poll();
    sim.silent = false;
    await bv.poll();
    expect(seen).toEqual(['offline:CCTALK_TIMEOUT', 'online']);
  });
});

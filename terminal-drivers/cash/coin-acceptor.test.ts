import { describe, expect, it } from 'vitest';
import type { CcTalkBus } from './bus.ts';
import { CoinAcceptor, type CoinCredit } from './coin-acceptor.ts';
import { CcTalkTimeoutError } from './errors.ts';
import { Header } from './headers.ts';
import { CoinAcceptorSim } from '../sim/cash/coin-acceptor-sim.ts';

/** A bus that hands requests straight to a simulated device: the driver logic without a pty. */
function directBus(sim: CoinAcceptorSim, log: number[][] = []): CcTalkBus {
  return {
    async request(_dest: number, header: number, data: ArrayLike<number> = []) {
      log.push([header, ...Array.from(data)]);
      if (sim.silent) throw new CcTalkTimeoutError('silent');
      const r = sim.handle(header, Uint8Array.from(data));
      if (!r || r.header !== Header.REPLY) throw new Error(`unexpected reply ${r?.header}`);
      return Uint8Array.from(r.data ?? []);
    },
  } as unknown as CcTalkBus;
}

async function started(sim: CoinAcceptorSim, onCredit: (c: CoinCredit) => Promise<void>, resumeCounter?: number, log?: number[][]): Promise<CoinAcceptor> {
  const ca = new CoinAcceptor({ bus: directBus(sim, log), onCredit, pollMs: 1e6, resumeCounter });
  await ca.start();
  await ca.stop(); // tests drive poll() themselves
  return ca;
}

describe('CoinAcceptor (driver logic)', () => {
  it('reads identity and coin table, and leaves acceptance off until enabled', async () => {
    const sim = new CoinAcceptorSim({ serial: 0x010203 });
    const log: number[][] = [];
    const ca = await started(sim, async () => {}, undefined, log);
    expect(ca.identity).toEqual({ category: 'Coin Acceptor', manufacturer: 'CKS', product: 'CUP-COIN-SIM', serial: 0x010203 });
    expect([...ca.coins.values()]).toEqual([5, 10, 20, 50, 100, 200]);
    expect(log).toContainEqual([Header.MODIFY_INHIBIT_STATUS, 0b111111, 0]);
    expect(log).toContainEqual([Header.MODIFY_MASTER_INHIBIT, 0]);
    await ca.enable([50, 200]);
    expect(sim.inhibitMask).toBe(0b101000);
    expect(sim.masterEnabled).toBe(true);
    await ca.disable();
    expect(sim.masterEnabled).toBe(false);
  });

  it('credits each coin once, oldest first, and reports rejects and faults', async () => {
    const sim = new CoinAcceptorSim();
    const credits: number[] = [];
    const ca = await started(sim, async (c) => void credits.push(c.valueCents));
    const events: string[] = [];
    ca.on('rejected', (r) => events.push(`rejected:${r.reason}`));
    ca.on('fault', (f) => events.push(`${f.kind}:${f.code}`));
    await ca.poll(); // baseline
    await ca.enable();
    sim.insertCoin(100);
    sim.insertCoin(7); // not a coin it knows
    sim.jam();
    sim.fraud();
    sim.insertCoin(20);
    await ca.poll();
    await ca.poll();
    expect(credits).toEqual([100, 20]);
    expect(events).toEqual(['rejected:1', 'jam:14', 'fraud:20']);
  });

  it('does not move past a credit until onCredit resolved, and offers it again after a failure', async () => {
    const sim = new CoinAcceptorSim();
    let fail = true;
    const recorded: number[] = [];
    const ca = await started(sim, async (c) => {
      if (fail) throw new Error('disk full');
      recorded.push(c.eventCounter);
    });
    const failed: number[] = [];
    ca.on('credit-failed', (f) => failed.push(f.eventCounter));
    await ca.poll();
    await ca.enable();
    sim.insertCoin(50);
    sim.insertCoin(200);
    await ca.poll();
    expect(failed).toEqual([1]);
    expect(ca.lastSeenCounter).toBe(0);
    fail = false;
    await ca.poll();
    expect(recorded).toEqual([1, 2]);
    expect(ca.lastSeenCounter).toBe(2);
  });

  it('reports more new events than the buffer holds as lost, never guessing', async () => {
    const sim = new CoinAcceptorSim();
    const credits: number[] = [];
    const ca = await started(sim, async (c) => void credits.push(c.eventCounter));
    const lost: number[] = [];
    ca.on('lost-events', (l) => lost.push(l.lost));
    await ca.poll();
    await ca.enable();
    for (let i = 0; i < 8; i++) sim.insertCoin(10);
    await ca.poll();
    expect(lost).toEqual([3]);
    expect(credits).toEqual([4, 5, 6, 7, 8]);
  });

  it('sees a power cycle as a reset, re-sends the inhibits and counts on from 0', async () => {
    const sim = new CoinAcceptorSim();
    const credits: number[] = [];
    const ca = await started(sim, async (c) => void credits.push(c.eventCounter));
    let resets = 0;
    ca.on('reset', () => resets++);
    await ca.poll();
    await ca.enable();
    sim.insertCoin(10);
    await ca.poll();
    sim.powerCycle();
    await ca.poll();
    expect(resets).toBe(1);
    expect(sim.masterEnabled).toBe(true);
    sim.insertCoin(20);
    await ca.poll();
    expect(credits).toEqual([1, 1]);
  });

  it('resumes from the counter the host recorded: buffered credits after it arrive, none before', async () => {
    const sim = new CoinAcceptorSim();
    sim.inhibitMask = 0xffff;
    sim.masterEnabled = true;
    for (const v of [10, 20, 50, 100]) sim.insertCoin(v);
    const credits: number[] = [];
    const ca = await started(sim, async (c) => void credits.push(c.valueCents), 2);
    await ca.poll();
    expect(credits).toEqual([50, 100]);
  });

  it('goes offline after missed polls and online again', async () => {
    const sim = new CoinAcceptorSim();
    const ca = await started(sim, async () => {});
    const seen: string[] = [];
    ca.on('offline', (o) => seen.push(`offline:${o.code}`));
    ca.on('online', () => seen.push('online'));
    sim.silent = true;
    for (let i = 0; i < 4; i++) await ca.poll();
    sim.silent = false;
    await ca.poll();
    expect(seen).toEqual(['offline:CCTALK_TIMEOUT', 'online']);
  });
});

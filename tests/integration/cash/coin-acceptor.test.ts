import { afterEach, describe, expect, it } from 'vitest';
import { openCoinRig, sleep, until, type CoinRig } from './harness.ts';

let rig: CoinRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const values = (r: CoinRig): number[] => r.ledger.map((c) => c.valueCents);

describe.each([true, false])('coin acceptor over a pty (echo %s)', (echo) => {
  it('reads the identity and credits each inserted coin once', async () => {
    rig = await openCoinRig(echo);
    const r = rig;
    expect(r.acceptor.identity).toEqual({ category: 'Coin Acceptor', manufacturer: 'CKS', product: 'CUP-COIN-SIM', serial: 0x123456 });
    await r.acceptor.enable();
    for (const v of [200, 100, 50, 20, 10, 5]) {
      expect(r.sim.insertCoin(v)).toBe('accepted');
      await sleep(15);
    }
    await until(() => r.ledger.length === 6, 'six credits');
    await sleep(100); // further polls must not add anything
    expect(values(r)).toEqual([200, 100, 50, 20, 10, 5]);
    expect(r.ledger.map((c) => c.eventCounter)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.ledger.every((c) => c.deviceSerial === 0x123456)).toBe(true);
  });
});

describe('coin acceptor faults over a pty', () => {
  it('gives coins back while disabled or inhibited, and says so', async () => {
    rig = await openCoinRig(true);
    const r = rig;
    const rejected: number[] = [];
    r.acceptor.on('rejected', (e) => rejected.push(e.reason));
    expect(r.sim.insertCoin(100)).toBe('inhibited');
    await r.acceptor.enable([50]);
    expect(r.sim.insertCoin(100)).toBe('inhibited');
    expect(r.sim.insertCoin(50)).toBe('accepted');
    r.sim.reject();
    await until(() => r.ledger.length === 1 && rejected.length === 3, 'one credit and three rejects');
    expect(values(r)).toEqual([50]);
    expect(rejected).toEqual([2, 2, 1]);
  });

  it('reports jams and fraud as faults', async () => {
    rig = await openCoinRig(true);
    const r = rig;
    const faults: string[] = [];
    r.acceptor.on('fault', (f) => faults.push(f.kind));
    r.sim.jam();
    r.sim.fraud();
    await until(() => faults.length === 2, 'two faults');
    expect(faults).toEqual(['jam', 'fraud']);
  });

  it('goes offline when the device is silent, and reads what it buffered once back', async () => {
    rig = await openCoinRig(true, { offlineAfterMisses: 2 });
    const r = rig;
    const seen: string[] = [];
    r.acceptor.on('offline', (e) => seen.push(`offline:${e.code}`));
    r.acceptor.on('online', () => seen.push('online'));
    await r.acceptor.enable();
    r.sim.silent = true;
    await until(() => seen.length === 1, 'offline');
    // Coins go in while the host cannot hear the device: the device keeps them in its buffer.
    r.sim.insertCoin(100);
    r.sim.insertCoin(200);
    r.sim.silent = false;
    await until(() => seen.length === 2 && r.ledger.length === 2, 'online with two credits');
    await sleep(100);
    expect(seen).toEqual(['offline:CCTALK_TIMEOUT', 'online']);
    expect(values(r)).toEqual([100, 200]);
  });

  it('reports a power cycle as a reset and does not count anything twice', async () => {
    rig = await openCoinRig(true);
    const r = rig;
    let resets = 0;
    r.acceptor.on('reset', () => resets++);
    await r.acceptor.enable();
    r.sim.insertCoin(100);
    r.sim.insertCoin(50);
    await until(() => r.ledger.length === 2, 'two credits');
    r.sim.powerCycle();
    await until(() => resets === 1 && r.sim.masterEnabled, 'reset seen and inhibits sent again');
    r.sim.insertCoin(20);
    await until(() => r.ledger.length === 3, 'third credit');
    await sleep(100);
    expect(values(r)).toEqual([100, 50, 20]);
    expect(r.ledger.map((c) => c.eventCounter)).toEqual([1, 2, 1]);
    expect(resets).toBe(1);
  });

  it('turns a corrupted reply into a typed error and recovers', async () => {
    rig = await openCoinRig(true);
    const r = rig;
    await r.acceptor.stop(); // keep the wire quiet so the request below is the one corrupted
    r.sim.corruptNext(1);
    await expect(r.bus.request(2, 254, [], { retries: 0 })).rejects.toMatchObject({ code: 'CCTALK_BAD_CHECKSUM' });
    expect([...(await r.bus.request(2, 254))]).toEqual([]);
    // Through the driver: a corrupted 229 reply is retried, the coin is credited once.
    await r.restartHost();
    await r.acceptor.enable();
    r.sim.insertCoin(200);
    r.sim.corruptNext(1);
    await until(() => r.ledger.length === 1, 'credit after a corrupted reply');
    await sleep(100);
    expect(values(r)).toEqual([200]);
  });

  it('a host that restarts with the counter from its ledger does not count twice', async () => {
    rig = await openCoinRig(true);
    const r = rig;
    await r.acceptor.enable();
    r.sim.insertCoin(100);
    r.sim.insertCoin(200);
    await until(() => r.ledger.length === 2, 'two credits');
    // The host dies; coins keep arriving into the device buffer meanwhile.
    await r.acceptor.stop();
    await r.bus.close();
    r.sim.insertCoin(50);
    r.sim.insertCoin(20);
    await r.restartHost({}, true);
    await until(() => r.ledger.length === 4, 'buffered credits after restart');
    await sleep(100);
    expect(values(r)).toEqual([100, 200, 50, 20]);
    expect(r.ledger.map((c) => c.eventCounter)).toEqual([1, 2, 3, 4]);
  });

  it('several restarts at random points never lose or repeat a coin', async () => {
    rig = await openCoinRig(false);
    const r = rig;
    await r.acceptor.enable();
    const inserted: number[] = [];
    const coins = [5, 10, 20, 50, 100, 200];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 3; i++) {
        const v = coins[(round * 3 + i) % coins.length] ?? 5;
        r.sim.insertCoin(v);
        inserted.push(v);
        await sleep(Math.floor(Math.random() * 30));
      }
      await r.restartHost({}, true);
      await r.acceptor.enable();
    }
    await until(() => r.ledger.length === inserted.length, 'all credits');
    await sleep(100);
    expect(values(r)).toEqual(inserted);
  });
});

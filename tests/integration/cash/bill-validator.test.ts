import { afterEach, describe, expect, it } from 'vitest';
import type { EscrowDecision } from '../../../terminal-drivers/cash/index.ts';
import { escrowDecision } from '../../../terminal-drivers/cash/index.ts';
import { openBillRig, type BillRig } from './bill-harness.ts';
import { sleep, until } from './harness.ts';

let rig: BillRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const values = (r: BillRig): number[] => r.ledger.map((c) => c.valueCents);

describe.each([true, false])('bill validator over a pty (echo %s)', (echo) => {
  it('reads the identity, stacks what the host accepts and returns what it refuses', async () => {
    rig = await openBillRig(echo);
    const r = rig;
    expect(r.validator.identity).toEqual({ category: 'Bill Validator', manufacturer: 'CKS', product: 'CUP-BILL-SIM', serial: 0x0b1001 });
    const returned: number[] = [];
    r.validator.on('returned', (e) => returned.push(e.eventCounter));
    r.decide = async (b) => (b.valueCents <= 1000 ? 'stack' : 'return');
    await r.validator.enable();
    for (const v of [500, 5000, 1000, 2000]) {
      expect(r.sim.insertBill(v)).toBe('escrow');
      await until(() => r.sim.escrowCents === undefined, `bill of ${v} routed`);
    }
    await until(() => r.ledger.length === 2 && returned.length === 2, 'two credits and two returns');
    await sleep(100); // further polls must not add anything
    expect(values(r)).toEqual([500, 1000]);
    expect(r.asked.map((b) => b.valueCents)).toEqual([500, 5000, 1000, 2000]);
    expect(r.sim.stacked).toEqual([500, 1000]);
  });

  it('credits each bill once in direct stack mode', async () => {
    rig = await openBillRig(echo, {}, { escrow: false });
    const r = rig;
    await r.validator.enable();
    for (const v of [500, 1000, 2000, 5000]) {
      expect(r.sim.insertBill(v)).toBe('stacked');
      await sleep(15);
    }
    await until(() => r.ledger.length === 4, 'four credits');
    await sleep(100);
    expect(values(r)).toEqual([500, 1000, 2000, 5000]);
    expect(r.ledger.map((c) => c.eventCounter)).toEqual([1, 2, 3, 4]);
    expect(r.asked).toEqual([]);
  });
});

describe('bill validator escrow and faults over a pty', () => {
  it('decides with the acceptance policy: a bill the hoppers cannot change goes back', async () => {
    rig = await openBillRig(true);
    const r = rig;
    const state = { dueCents: 1250, creditedCents: 0, hopperStock: { 200: 2, 50: 1 } };
    r.decide = async (b) => escrowDecision(state, b.valueCents);
    await r.validator.enable();
    r.sim.insertBill(2000); // 7.50 € of change, with 4.50 € in the hoppers
    await until(() => r.sim.escrowCents === undefined, 'first bill routed');
    r.sim.insertBill(1000);
    await until(() => r.ledger.length === 1, 'second bill credited');
    expect(values(r)).toEqual([1000]);
  });

  it('holds the bill while a slow decision is pending, beyond the escrow time', async () => {
    rig = await openBillRig(true, { escrowExtendMs: 50 }, { escrowTimeoutMs: 150 });
    const r = rig;
    let answer: (d: EscrowDecision) => void = () => {};
    r.decide = () => new Promise((resolve) => (answer = resolve));
    await r.validator.enable();
    r.sim.insertBill(5000);
    await until(() => r.asked.length === 1, 'host asked');
    await sleep(500);
    expect(r.sim.escrowCents).toBe(5000);
    answer('stack');
    await until(() => r.ledger.length === 1, 'credit after the slow decision');
    expect(values(r)).toEqual([5000]);
  });

  it('reports jams, fraud, rejects, inhibits and the stacker as typed events', async () => {
    rig = await openBillRig(false);
    const r = rig;
    const seen: string[] = [];
    r.validator.on('rejected', (e) => seen.push(`rejected:${e.reason}`));
    r.validator.on('fault', (e) => seen.push(`fault:${e.kind}`));
    r.validator.on('stacker', (e) => seen.push(`stacker:${e.state}`));
    r.validator.on('route-failed', (e) => seen.push(`route-failed:${e.code}`));
    await r.validator.enable([500]);
    r.sim.insertBill(1000);
    r.sim.reject();
    r.sim.jam();
    await until(() => seen.length === 3, 'three events');
    let answer: (d: EscrowDecision) => void = () => {};
    r.decide = () => new Promise((resolve) => (answer = resolve));
    r.sim.insertBill(500);
    await until(() => r.asked.length === 1, 'host asked');
    r.sim.fraud(); // pulled back while the host decides
    answer('stack');
    await until(() => seen.length === 5, 'fraud and the failed route');
    r.sim.fillStacker();
    r.sim.removeStacker();
    r.sim.insertStacker();
    await until(() => seen.length === 8, 'stacker events');
    await sleep(60);
    expect(seen).toEqual([
      'rejected:inhibited',
      'rejected:invalid',
      'fault:jam',
      'route-failed:BILL_ROUTE_FAILED',
      'fault:fraud',
      'stacker:full',
      'stacker:removed',
      'stacker:inserted',
    ]);
    expect(r.ledger).toEqual([]);
  });

  it('goes offline when silent, reads what it buffered once back, and survives corrupt replies', async () => {
    rig = await openBillRig(true, { offlineAfterMisses: 2 }, { escrow: false });
    const r = rig;
    const seen: string[] = [];
    r.validator.on('offline', (e) => seen.push(`offline:${e.code}`));
    r.validator.on('online', () => seen.push('online'));
    await r.validator.enable();
    r.sim.silent = true;
    await until(() => seen.length === 1, 'offline');
    r.sim.insertBill(1000);
    r.sim.insertBill(500);
    r.sim.silent = false;
    await until(() => seen.length === 2 && r.ledger.length === 2, 'online with two credits');
    r.sim.corruptNext(1);
    r.sim.insertBill(2000);
    await until(() => r.ledger.length === 3, 'credit after a corrupted reply');
    await sleep(100);
    expect(seen).toEqual(['offline:CCTALK_TIMEOUT', 'online']);
    expect(values(r)).toEqual([1000, 500, 2000]);
  });

  it('a power cycle is a reset: inhibits sent again, nothing counted twice, a held bill given back', async () => {
    rig = await openBillRig(true);
    const r = rig;
    let resets = 0;
    r.validator.on('reset', () => resets++);
    await r.validator.enable();
    r.sim.insertBill(1000);
    await until(() => r.ledger.length === 1, 'first credit');
    r.sim.powerCycle();
    await until(() => resets === 1 && r.sim.masterEnabled, 'reset seen and inhibits sent again');
    r.sim.insertBill(500);
    await until(() => r.ledger.length === 2, 'credit after reset');
    await sleep(100);
    expect(values(r)).toEqual([1000, 500]);
    expect(r.ledger.map((c) => c.eventCounter)).toEqual([2, 2]);
    expect(resets).toBe(1);
    // A reset sent by the host while nothing is held works the same way.
    await r.validator.reset();
    await until(() => resets === 2 && r.sim.masterEnabled, 'second reset');
  });

  it('a host that restarts during a decision asks again and credits once', async () => {
    rig = await openBillRig(true);
    const r = rig;
    await r.validator.enable();
    r.sim.insertBill(500);
    await until(() => r.ledger.length === 1, 'first credit');
    // The host dies while the citizen is asked about the next bill: its wire goes first, so the
    // decision it never gave cannot reach the validator.
    let abandon: (d: EscrowDecision) => void = () => {};
    r.decide = () => new Promise((resolve) => (abandon = resolve));
    r.sim.insertBill(2000);
    await until(() => r.asked.length === 2, 'asked about the second bill');
    await r.bus.close();
    abandon('return');
    r.decide = async () => 'stack';
    await r.restartHost();
    await r.validator.enable();
    await until(() => r.ledger.length === 2, 'second bill credited after restart');
    await sleep(100);
    expect(values(r)).toEqual([500, 2000]);
    expect(r.asked.map((b) => b.eventCounter)).toEqual([1, 3, 3]);
  });
});

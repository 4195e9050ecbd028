import { describe, expect, it } from 'vitest';
import { BillPosition, BillRoute, BillRouteReply, BillStatus } from '../../cash/bill-events.ts';
import { Header } from '../../cash/headers.ts';
import { BillValidatorSim } from './bill-validator-sim.ts';

/** The 159 reply of the simulator: [counter][A1][B1]...[A5][B5]. */
const events = (sim: BillValidatorSim): number[] => Array.from(sim.handle(Header.READ_BUFFERED_BILL_EVENTS, new Uint8Array())?.data ?? []);
const route = (sim: BillValidatorSim, code: number): number[] => Array.from(sim.handle(Header.ROUTE_BILL, Uint8Array.of(code))?.data ?? []);

function enabled(options: ConstructorParameters<typeof BillValidatorSim>[0] = {}): BillValidatorSim {
  const sim = new BillValidatorSim(options);
  sim.handle(Header.MODIFY_INHIBIT_STATUS, Uint8Array.of(0xff, 0xff));
  sim.handle(Header.MODIFY_MASTER_INHIBIT, Uint8Array.of(1));
  return sim;
}

describe('BillValidatorSim', () => {
  it('answers identity and bill ids byte for byte', () => {
    const sim = new BillValidatorSim();
    expect(Buffer.from(sim.handle(Header.REQUEST_BILL_ID, Uint8Array.of(2))?.data ?? []).toString('latin1')).toBe('EU0010A');
    expect(Buffer.from(sim.handle(Header.REQUEST_BILL_ID, Uint8Array.of(9))?.data ?? []).toString('latin1')).toBe('.......');
    expect(sim.handle(Header.REQUEST_BILL_ID, Uint8Array.of(17))?.header).toBe(Header.NAK);
    expect(events(sim)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('holds a bill in escrow until routed: stack credits, return gives it back', () => {
    const sim = enabled();
    expect(sim.insertBill(2000)).toBe('escrow');
    expect(sim.insertBill(500)).toBe('busy');
    expect(events(sim).slice(0, 3)).toEqual([1, 3, BillPosition.ESCROW]);
    expect(route(sim, BillRoute.STACK)).toEqual([]);
    expect(events(sim).slice(0, 5)).toEqual([2, 3, BillPosition.STACKED, 3, BillPosition.ESCROW]);
    expect(route(sim, BillRoute.STACK)).toEqual([BillRouteReply.ESCROW_EMPTY]);
    sim.insertBill(500);
    expect(route(sim, BillRoute.RETURN)).toEqual([]);
    expect(events(sim).slice(0, 3)).toEqual([4, 0, BillStatus.RETURNED_FROM_ESCROW]);
    expect(sim.stacked).toEqual([2000]);
  });

  it('refuses to stack into a full or missing stacker', () => {
    const sim = enabled();
    sim.insertBill(1000);
    sim.fillStacker();
    expect(route(sim, BillRoute.STACK)).toEqual([BillRouteReply.FAILED]);
    expect(sim.escrowCents).toBe(1000);
    route(sim, BillRoute.RETURN);
    sim.removeStacker();
    expect(sim.insertBill(1000)).toBe('refused');
    sim.insertStacker();
    expect(sim.insertBill(1000)).toBe('escrow');
  });

  it('gives an escrowed bill back after its escrow time unless extended', async () => {
    const sim = enabled({ escrowTimeoutMs: 30 });
    sim.insertBill(500);
    await new Promise((r) => setTimeout(r, 20));
    route(sim, BillRoute.EXTEND_ESCROW);
    await new Promise((r) => setTimeout(r, 20));
    expect(sim.escrowCents).toBe(500);
    await new Promise((r) => setTimeout(r, 30));
    expect(sim.escrowCents).toBeUndefined();
    expect(events(sim).slice(0, 3)).toEqual([2, 0, BillStatus.RETURNED_FROM_ESCROW]);
  });

  it('forgets everything on a power cycle', () => {
    const sim = enabled();
    sim.insertBill(500);
    sim.powerCycle();
    expect(sim.escrowCents).toBeUndefined();
    expect(sim.masterEnabled).toBe(false);
    expect(events(sim)[0]).toBe(0);
    expect(sim.insertBill(500)).toBe('inhibited');
  });
});

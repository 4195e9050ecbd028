import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simBill, simCoin, simFault, simScan, simState } from '../../../kiosk/cli/commands/sim.ts';
import { startDeviceRig, type DeviceRig } from '../../../kiosk/host/devices/rig.ts';
import { startKiosk, type RunningKiosk } from '../../../kiosk/host/kiosk.ts';
import type { DeviceTruth } from '../../../kiosk/host/sim-controls.ts';
import { connectTerminal, type TerminalClient } from './terminal-client.ts';

// A host on a device rig: the developer API is forwarded to the rig, the CLI drives the rig, a
// scan becomes a `scan.read` event, and the rig keeps its hoppers' coins in its state file.

let dir: string;
let rig: DeviceRig;
let kiosk: RunningKiosk;
let client: TerminalClient;
const io = { readStdin: async () => '', log: () => undefined, event: () => undefined };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-rig-'));
  rig = await startDeviceRig({ statePath: join(dir, 'rig.json'), initialStock: 30, pos: { delayMs: 50 } });
  kiosk = await startKiosk({ dataDir: join(dir, 'kiosk'), terminalId: 'RIG-01', port: 0, uiDir: dir, devices: { ...rig.paths, rigUrl: rig.url } });
  client = await connectTerminal(kiosk.url);
}, 60_000);

afterAll(async () => {
  client?.close();
  await kiosk?.close();
  await rig?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const dev = async (path: string, body?: unknown) => {
  const r = await fetch(`${kiosk.url}/dev/api/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

describe('device rig', () => {
  it('serves the developer API of the host that uses it', async () => {
    const state = await dev('state');
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ coins: [5, 10, 20, 50, 100, 200], bills: [500, 1000, 2000, 5000] });
    expect((state.body.truth as DeviceTruth).hoppers.map((h) => h.stock)).toEqual([30, 30, 30, 30, 30]);
    expect(await dev('fault', { fault: 'no-such-fault' })).toMatchObject({ status: 400, body: { error: { code: 'SIM_UNKNOWN_FAULT' } } });
  });

  it('turns a scan into a scan.read event', async () => {
    await simScan.run(['123456789092'], { rig: rig.url }, io);
    const e = await client.waitFor((x): x is Extract<typeof x, { type: 'scan.read' }> => x.type === 'scan.read', 5_000);
    expect(e).toMatchObject({ text: '123456789092', classified: { kind: 'booking', booking: '123456789092' } });
  });

  it('counts on the device side what the CLI put in, with no payment open', async () => {
    expect(await simCoin.run([], { rig: rig.url, cents: '100' }, io)).toEqual({ outcome: 'returned' });
    expect(await simBill.run([], { rig: rig.url, cents: '500' }, io)).toEqual({ outcome: 'inhibited' });
    await simFault.run(['hopper-jam'], { rig: rig.url, device: 'hopper:3', after: '1' }, io);
    await expect(simFault.run(['hopper-jam'], { rig: rig.url, device: 'hopper:99' }, io)).rejects.toMatchObject({ code: 'SIM_UNKNOWN_DEVICE' });
    const truth = (await simState.run([], { rig: rig.url }, io)) as unknown as DeviceTruth;
    expect(truth.coins.accepted).toEqual([]);
    expect(truth.bills.stacked).toEqual([]);
  });

  it("plans its card terminal and tells what it charged, through the host's developer API too", async () => {
    expect(await dev('pos/next', { outcome: 'maybe' })).toMatchObject({ status: 400, body: { error: { code: 'SIM_POS_OUTCOME' } } });
    expect(await dev('pos/next', { outcome: 'decline', delayMs: -1 })).toMatchObject({ status: 400, body: { error: { code: 'SIM_POS_DELAY' } } });
    expect(await dev('pos/next', { outcome: 'decline' })).toMatchObject({ status: 200 });
    client.clearEvents();
    const { paymentId, cardCents } = await client.api.beginPayment({ items: [{ kind: 'booking', bookingCode: '123456789092' }], taxCode: 'RSSMRA85T10A562S', method: 'card' });
    const declined = await client.waitFor((e): e is Extract<typeof e, { type: 'pos.declined' }> => e.type === 'pos.declined' && e.paymentId === paymentId, 10_000);
    expect(declined).toMatchObject({ outcome: 'declined', paymentOpen: false });
    const truth = await dev('pos/truth');
    expect(truth.body).toMatchObject({ online: true, count: 1, refused: [] });
    expect(truth.body.transactions).toEqual([{ transactionId: expect.stringContaining(paymentId), amountCents: cardCents, planned: 'decline', state: 'declined', answered: true, reversed: false, chargedCents: 0 }]);
    expect((await dev('pos/truth?from=1')).body).toMatchObject({ count: 1, transactions: [] });
  });

  it('keeps the hoppers in its state file', async () => {
    await new Promise((r) => setTimeout(r, 300));
    expect(JSON.parse(readFileSync(join(dir, 'rig.json'), 'utf8'))).toEqual({ hoppers: { 3: 30, 4: 30, 5: 30, 6: 30, 7: 30 } });
  });
});

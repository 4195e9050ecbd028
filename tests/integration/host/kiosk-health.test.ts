import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simPrinter } from '../../../kiosk/cli/commands/sim.ts';
import { startDeviceRig, type DeviceRig } from '../../../kiosk/host/devices/rig.ts';
import { startKiosk, type RunningKiosk } from '../../../kiosk/host/kiosk.ts';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { enrollTerminal, loadOrCreateTerminalKey, terminalsHealth } from '../../../sync-service/client/index.ts';
import type { TerminalHealth } from '../../../sync-service/protocol/index.ts';
import { tempDir } from '../sync/helpers.ts';

// The whole road of a terminal's health: a kiosk host on a device rig (every device simulated
// over its real transport) reports its devices in signed heartbeats to a central over HTTP,
// and what the administrator reads there follows a printer running out of paper and back.

const TERMINAL = 'HEALTH-01';
const TOKEN = 'kiosk-health-admin-token';
const io = { readStdin: async () => '', log: () => undefined, event: () => undefined };

let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let rig: DeviceRig;
let kiosk: RunningKiosk;

beforeAll(async () => {
  dir = tempDir('cupk-kiosk-health-');
  central = await startCentral({ dbFile: join(dir.path, 'central.db'), adminToken: TOKEN, seedDemo: true });
  // Enrolled beforehand, as a technician does for a kiosk on a regional central.
  const dataDir = join(dir.path, 'kiosk');
  mkdirSync(dataDir);
  const key = await loadOrCreateTerminalKey(join(dataDir, 'terminal-key.json'));
  await enrollTerminal({ centralUrl: central.url, terminalId: TERMINAL, code: (await central.issueEnrolmentCode(TERMINAL)).code, publicKey: key.publicKey });
  writeFileSync(join(dataDir, 'enrolled.json'), JSON.stringify({ centralUrl: central.url, at: new Date().toISOString() }));
  rig = await startDeviceRig({ initialStock: 30, pos: { delayMs: 50 } });
  kiosk = await startKiosk({ dataDir, terminalId: TERMINAL, port: 0, uiDir: dir.path, centralUrl: central.url, devices: { ...rig.paths, rigUrl: rig.url }, heartbeat: { minGapMs: 100 } });
}, 60_000);

afterAll(async () => {
  await kiosk?.close();
  await rig?.close();
  await central?.close();
  dir?.remove();
});

/** Polls the central's health list until `check` holds for the kiosk; fails after 15 s. */
async function eventually(check: (t: TerminalHealth) => boolean, what: string): Promise<TerminalHealth> {
  let last: TerminalHealth | undefined;
  for (const end = Date.now() + 15_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    last = (await terminalsHealth({ centralUrl: central.url, token: TOKEN })).terminals.find((t) => t.terminalId === TERMINAL);
    if (last && check(last)) return last;
  }
  throw new Error(`the central never showed ${what}; last: ${JSON.stringify(last)}`);
}

describe('a kiosk host reporting its health to the central', () => {
  it('reports every device it has, in order, with the hoppers as its cash ledger counts them', async () => {
    const t = await eventually((x) => x.status === 'ok', `${TERMINAL} ok`);
    expect(t.heartbeat!.devices).toEqual([
      { kind: 'printer', state: 'ok' },
      { kind: 'coin-acceptor', state: 'ok' },
      { kind: 'bill-validator', state: 'ok' },
      { kind: 'hopper', state: 'ok', id: 3, valueCents: 200, count: 100 },
      { kind: 'hopper', state: 'ok', id: 4, valueCents: 100, count: 100 },
      { kind: 'hopper', state: 'ok', id: 5, valueCents: 50, count: 100 },
      { kind: 'hopper', state: 'ok', id: 6, valueCents: 20, count: 100 },
      { kind: 'hopper', state: 'ok', id: 7, valueCents: 10, count: 100 },
      { kind: 'card-reader', state: 'ok' },
      { kind: 'scanner', state: 'ok' },
      { kind: 'pos', state: 'ok' },
    ]);
    expect(t.heartbeat).toMatchObject({ terminalId: TERMINAL, appVersion: '0.1.0' });
  });

  it('tells the central at once when the printer runs out of paper, and when it is back', async () => {
    await simPrinter.run([], { rig: rig.url, 'paper-out': true }, io);
    expect(await eventually((x) => x.status === 'fault', 'the printer out of paper')).toMatchObject({ faults: ['printer:paper-out'] });
    await simPrinter.run([], { rig: rig.url, 'paper-in': true }, io);
    expect(await eventually((x) => x.status === 'ok', 'the printer back')).toMatchObject({ faults: [] });
  });
});

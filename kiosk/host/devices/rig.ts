import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PosSimulator, PosSimulatorOptions } from '@cup-kiosk/terminal-drivers/sim/pos';
import { DEFAULT_HOPPERS } from '../cash/cash-config.ts';
import type { DevicePaths, SimControls } from '../sim-controls.ts';
import { sendJson, servePosApi, serveSimApi } from './sim-api.ts';
import { startSimulatedDevices } from './simulated.ts';

/**
 * The simulated devices of a kiosk in a process of their own, as the hardware is: a host killed
 * (kill -9) leaves the coins in the hoppers, the events in the acceptors' buffers and a bill in
 * escrow where they were, the card terminal keeps its journal (an approval stands while the host
 * is down), and a crash test can ask the devices what really went in and out, and what cards were
 * charged. The control API (`/api/...`, see sim-api.ts) listens on loopback only.
 */
export interface DeviceRigOptions {
  /** Port of the control API; default 0 (any free port). */
  port?: number;
  /** Interface of the control API; default 127.0.0.1. */
  host?: string;
  /**
   * JSON file keeping the coins in each hopper across rig restarts, as a real hopper keeps them
   * through a power cut; default none (each start fills the hoppers with `initialStock`).
   */
  statePath?: string;
  /** Coins in each hopper when the state file holds none; default 100 (the host's initial fill). */
  initialStock?: number;
  hoppers?: readonly { address: number; valueCents: number }[];
  /**
   * The card terminal: its cardholder's time (default 1500 ms, as `npm start` has it), late and
   * offline delays, and outcomes drawn at random (default none: approve unless told otherwise).
   */
  pos?: Pick<PosSimulatorOptions, 'delayMs' | 'lateMs' | 'offlineMs' | 'random'>;
}

export interface DeviceRig {
  /** The control API, `http://127.0.0.1:PORT`. */
  url: string;
  paths: DevicePaths;
  controls: SimControls;
  pos: PosSimulator;
  close(): Promise<void>;
}

interface RigState {
  hoppers: Record<string, number>;
}

/** How often hopper stock is written to the state file when it changed. */
const SAVE_EVERY_MS = 200;

function loadState(path: string | undefined): RigState {
  if (!path || !existsSync(path)) return { hoppers: {} };
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<RigState>;
  return { hoppers: parsed.hoppers ?? {} };
}

/**
 * Written off the event loop: a synchronous write or rename can wait on a busy disk's journal
 * for hundreds of milliseconds, and the simulated devices on this loop would miss their replies.
 */
async function saveState(path: string, state: RigState): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(tmp, path);
}

export async function startDeviceRig(o: DeviceRigOptions = {}): Promise<DeviceRig> {
  const hoppers = o.hoppers ?? DEFAULT_HOPPERS;
  const saved = loadState(o.statePath);
  const devices = await startSimulatedDevices({ hoppers, hopperStock: (a) => saved.hoppers[String(a)] ?? o.initialStock ?? 100, pos: o.pos });
  const { pos, controls } = devices;
  const paths: DevicePaths = controls.devicePaths();
  const closeDevices = () => devices.close();
  const stockNow = (): RigState => ({ hoppers: Object.fromEntries(devices.cash.hoppers().map((h) => [String(h.address), h.stock])) });
  let last = JSON.stringify(stockNow());
  // One save at a time, each after the one before, so an older stock never lands last.
  let saving: Promise<void> = o.statePath ? saveState(o.statePath, stockNow()) : Promise.resolve();
  const save = (): Promise<void> => {
    const statePath = o.statePath;
    if (!statePath) return saving;
    const now = stockNow();
    const text = JSON.stringify(now);
    if (text === last) return saving;
    last = text;
    saving = saving
      .catch(() => undefined)
      .then(() => saveState(statePath, now))
      .catch((e: unknown) => {
        last = ''; // tried again at the next tick
        throw e;
      });
    return saving;
  };
  await saving;
  const saver = setInterval(() => void save().catch((e: unknown) => console.error(`device rig: hopper stock not saved: ${(e as Error).message}`)), SAVE_EVERY_MS);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.slice('/api/'.length);
    if (url.pathname.startsWith('/api/pos/')) return void servePosApi(pos, req, res, path, url.searchParams);
    if (url.pathname.startsWith('/api/')) return void serveSimApi(controls, req, res, path);
    sendJson(res, 404, { error: { code: 'NOT_FOUND', message: url.pathname } });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
    });
  } catch (e) {
    clearInterval(saver);
    await closeDevices();
    throw e;
  }
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${port}`,
    paths,
    controls,
    pos,
    close() {
      closing ??= (async () => {
        clearInterval(saver);
        await save().catch(() => undefined);
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
        await closeDevices();
      })();
      return closing;
    },
  };
}

/** The host ends of a running rig's device lines, from its control API. */
export async function fetchRigDevices(rigUrl: string): Promise<DevicePaths> {
  const r = await fetch(`${rigUrl.replace(/\/$/, '')}/api/devices`, { signal: AbortSignal.timeout(10_000) });
  if (!r.ok) throw new Error(`device rig at ${rigUrl}: ${r.status} ${await r.text()}`);
  return (await r.json()) as DevicePaths;
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCentral, type RunningCentral } from '@cup-kiosk/sync-service/central';
import { enrollTerminal, loadOrCreateTerminalKey } from '@cup-kiosk/sync-service/client';
import type { Booking } from '@cup-kiosk/sync-service/domain';
import { ensurePcscd } from '@cup-kiosk/terminal-drivers/card';
import { DEFAULT_HOPPERS, hopperDevice } from '../../../kiosk/host/cash/cash-config.ts';
import { openTerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { startHostProcess, startRigProcess, type HostProcess, type RigProcess } from './processes.ts';
import { connectTerminal, type TerminalClient } from './terminal-client.ts';

/**
 * Where a crash campaign runs: a central with the campaign's bookings, a terminal enrolled once
 * with its hoppers filled, a device rig process, and a host process started and killed at will
 * on the same data folder.
 */
export interface CrashSiteOptions {
  /** Prefix of the temporary folder. */
  name: string;
  terminalId: string;
  bookings: Booking[];
  /** Coins in each hopper at the start, in the ledger and in the hoppers. */
  hopperStock: number;
  /** The card terminal's cardholder time, ms; default the rig's. */
  posDelayMs?: number;
  /** The central with the demo citizens, prescriptions and agendas too. */
  seedDemo?: boolean;
}

export interface CrashSite {
  dir: string;
  dataDir: string;
  /** The terminal's SQLite. */
  dbFile: string;
  /** The central's SQLite. */
  centralDbFile: string;
  central: RunningCentral;
  rig: RigProcess;
  /** The running host's client; throws when no host runs. */
  client(): TerminalClient;
  hostRunning(): boolean;
  startHost(): Promise<void>;
  /** SIGKILL, as a power cut would. */
  killHost(): Promise<void>;
  /**
   * Starts a host and kills it when `when` resolves: while it starts and recovers if that comes
   * first (true), else as soon as it is up (false).
   */
  killDuringStart(when: Promise<unknown>): Promise<boolean>;
  timing: { restartMs: number; restarts: number };
  close(): Promise<void>;
}

export async function openCrashSite(o: CrashSiteOptions): Promise<CrashSite> {
  const dir = mkdtempSync(join(tmpdir(), `${o.name}-`));
  const dataDir = join(dir, 'kiosk');
  const dbFile = join(dataDir, 'terminal.sqlite');
  mkdirSync(dataDir, { recursive: true });
  const central = await startCentral({ dataDir: join(dir, 'central'), seedBookings: o.bookings, ...(o.seedDemo ? { seedDemo: true } : {}) });
  // Enrolled once, as a technician would: every restart then finds the central it knows.
  const key = await loadOrCreateTerminalKey(join(dataDir, 'terminal-key.json'));
  await enrollTerminal({ centralUrl: central.url, terminalId: o.terminalId, code: (await central.issueEnrolmentCode(o.terminalId)).code, publicKey: key.publicKey });
  writeFileSync(join(dataDir, 'enrolled.json'), JSON.stringify({ centralUrl: central.url, at: new Date().toISOString() }));
  // The hoppers' first fill, in the ledger and in the hoppers.
  const tdb = await openTerminalDb(dbFile, o.terminalId);
  for (const h of DEFAULT_HOPPERS) {
    const device = hopperDevice(h.address);
    await tdb.ledger.appendNow({ kind: 'hopper-refill', key: `refill:initial:${device}`, device, valueCents: h.valueCents, count: o.hopperStock, detail: { technician: 'crash campaign' } });
  }
  await tdb.db.close();
  const statePath = join(dir, 'rig-state.json');
  writeFileSync(statePath, JSON.stringify({ hoppers: Object.fromEntries(DEFAULT_HOPPERS.map((h) => [String(h.address), o.hopperStock])) }));
  const rig = await startRigProcess({ statePath, ...(o.posDelayMs === undefined ? {} : { posDelayMs: o.posDelayMs }) });

  let host: HostProcess | undefined;
  let client: TerminalClient | undefined;
  const timing = { restartMs: 0, restarts: 0 };
  const start = async (abort?: AbortSignal) => {
    // The host opens the health-card reader, so pcscd must run. It is one per machine, and whoever
    // started it stops it when done: a test beside this one may have. One started here lives as
    // long as this process, for whatever else needs it meanwhile.
    await ensurePcscd();
    return startHostProcess({ dataDir, terminalId: o.terminalId, centralUrl: central.url, rigUrl: rig.url, ...(abort ? { abort } : {}) });
  };
  const site: CrashSite = {
    dir,
    dataDir,
    dbFile,
    centralDbFile: join(dir, 'central', 'central.db'),
    central,
    rig,
    client() {
      if (!client) throw new Error('no host is running');
      return client;
    },
    hostRunning: () => host !== undefined,
    async startHost() {
      const t0 = Date.now();
      host = await start();
      client = await connectTerminal(host.url);
      timing.restartMs += Date.now() - t0;
      timing.restarts++;
    },
    async killHost() {
      client?.close();
      client = undefined;
      await host?.kill();
      host = undefined;
    },
    async killDuringStart(when) {
      const abort = new AbortController();
      const starting = start(abort.signal).catch(() => undefined);
      const up = await Promise.race([starting.then((h) => ({ h })), when.then(() => null)]);
      if (up) {
        await up.h?.kill();
        return false;
      }
      abort.abort();
      await (await starting)?.kill();
      return true;
    },
    timing,
    async close() {
      client?.close();
      await host?.stop();
      await rig.stop();
      await central.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return site;
}

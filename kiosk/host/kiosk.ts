import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningCentral } from '@cup-kiosk/sync-service/central';
import { RuleBook, SnapshotBook } from '@cup-kiosk/sync-service/client';
import { EPSON_TM_T88 } from '@cup-kiosk/terminal-drivers/printer';
import { openSerialScanner } from '@cup-kiosk/terminal-drivers/scanner';
import { nexoTerminal } from '@cup-kiosk/terminal-drivers/pos';
import { CardPayments } from './card-payments.ts';
import { connectCentral } from './central-link.ts';
import { CashService } from './cash/cash-service.ts';
import { DEFAULT_HOPPERS, hopperDevice } from './cash/cash-config.ts';
import { openCashDesk } from './devices/cash-desk.ts';
import { openHealthCardDevice } from './devices/health-card.ts';
import { openReceiptPrinterDevice } from './devices/receipt-printer.ts';
import { startSimulatedDevices } from './devices/simulated.ts';
import type { HopperLevel } from './health/heartbeat-body.ts';
import { HealthReporter, type HeartbeatOptions } from './health/health-reporter.ts';
import { startKioskServer } from './http-server.ts';
import { watchPrinter } from './printer-watch.ts';
import { openTerminalDb } from './terminal-db.ts';
import { trimOutboxDaily } from './outbox-retention.ts';
import { openServiceDesk } from './service/open-service-desk.ts';
import { OfflineAgenda } from './offline-agenda.ts';
import { openCounterDesk, type CounterOptions } from './counter/open-counter-desk.ts';
import { devicesWithoutReporter } from './service/service-status.ts';
import type { SimControls } from './sim-controls.ts';
import { TerminalHost } from './terminal-host.ts';

export interface KioskOptions {
  /** Folder of the terminal's SQLite, key and (embedded) central; default `./data`. */
  dataDir?: string;
  terminalId?: string;
  /** Port of the UI server; 0 picks one. Default 8080. */
  port?: number;
  /** A central to use; default an embedded one in `<dataDir>/central`. */
  centralUrl?: string;
  /** Built UI to serve; default `kiosk/ui/dist`. */
  uiDir?: string;
  /**
   * Devices to open instead of starting simulators in this process: hardware, or a device rig
   * (`cupk sim start`) whose control API `rigUrl` the developer panel is forwarded to.
   */
  devices?: ExternalDevices;
  /** Quiet time before "are you still there?" and its countdown, in ms; default 45 s and 20 s. */
  attention?: { quietMs: number; warningMs: number };
  /** The embedded central's admin token (notices, terminal health); none: its admin routes are off. */
  centralAdminToken?: string;
  /** The heartbeat to the central (devices, outbox, sync lag): its timing, or false for none. Default every 60 s. */
  heartbeat?: HeartbeatOptions | false;
  /** The technician PIN's scrypt hash (`hashPin`); default the demo PIN's (README), for the simulator. */
  servicePinHash?: string;
  /** A pharmacy counter instead of a citizen kiosk (`counter-api.ts`); absent: a kiosk. */
  counter?: CounterOptions;
}

export interface ExternalDevices {
  /** The ccTalk wire of the coin acceptor, the bill validator and the hoppers. */
  cashPath: string;
  printerPath: string;
  scannerPath?: string;
  /** The card terminal, nexo Sale-to-POI over HTTP; none means cash only. */
  pos?: { host: string; port: number; poiId: string };
  rigUrl?: string;
}

export interface RunningKiosk {
  url: string;
  centralUrl: string;
  host: TerminalHost;
  /** The terminal's health and its heartbeat; absent when turned off. */
  health?: HealthReporter;
  close(): Promise<void>;
}

const DEFAULT_UI = fileURLToPath(new URL('../ui/dist', import.meta.url));
/** How often the kiosk pulls its snapshots: a minute-old agenda makes few provisional conflicts. */
const SNAPSHOT_REFRESH_MS = 60_000;
/** The version a heartbeat reports: the kiosk package's. */
const APP_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The whole terminal, by default on simulated devices in this process: the main job of
 * `npm start`. Everything the host touches is a real transport (ptys, pcscd, SQLite files, HTTP)
 * with a simulator, a device rig or hardware at the far end.
 */
export async function startKiosk(o: KioskOptions = {}): Promise<RunningKiosk> {
  const dataDir = o.dataDir ?? 'data';
  const terminalId = o.terminalId ?? 'KIOSK-01';
  mkdirSync(dataDir, { recursive: true });
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch((e) => console.error('shutdown:', e));
  };
  try {
    let central: RunningCentral | null = null;
    if (!o.centralUrl) {
      // Loaded only when embedded: a host on an external central starts faster without it.
      const { startCentral } = await import('@cup-kiosk/sync-service/central');
      central = await startCentral({ dataDir: join(dataDir, 'central'), seedDemo: true, ...(o.centralAdminToken ? { adminToken: o.centralAdminToken } : {}) });
      closers.push(() => central!.close());
    }
    const centralUrl = o.centralUrl ?? central!.url;
    const tdb = await openTerminalDb(join(dataDir, 'terminal.sqlite'), terminalId);
    closers.push(() => tdb.db.close());
    closers.push(trimOutboxDaily(tdb.outbox, (line) => console.log(line)));
    await fillEmptyHoppers(tdb);
    let devices: ExternalDevices;
    let sim: SimControls | undefined;
    if (o.devices) {
      devices = o.devices;
    } else {
      const levels = (await tdb.ledger.levels()).hoppers;
      const simulated = await startSimulatedDevices({ hoppers: DEFAULT_HOPPERS, hopperStock: (a) => Math.max(0, levels[hopperDevice(a)]?.count ?? 0) });
      closers.push(() => simulated.close());
      devices = simulated;
      sim = simulated.controls;
    }
    const link = await connectCentral({
      dataDir,
      terminalId,
      centralUrl,
      outbox: tdb.outbox,
      ...(central ? { enrolmentCode: async () => (await central!.issueEnrolmentCode(terminalId)).code } : {}),
    });
    closers.push(() => link.stop());
    // Rule sets come from the central as data; the terminal quotes with those it holds, offline too.
    const rules = await RuleBook.open(tdb.db);
    closers.push(rules.startRefreshing(link.client, 60_000));
    // Catalogue, agenda and configuration snapshots: what the kiosk books from provisionally offline.
    const snapshots = await SnapshotBook.open(tdb.db);
    closers.push(snapshots.startRefreshing(link.client, SNAPSHOT_REFRESH_MS));
    const offlineAgenda = await OfflineAgenda.open({ db: tdb.db, snapshots, now: () => new Date() });
    // Listens from before the devices open, so their first reports count; beats once the host runs.
    // The cash service that reads the hoppers' levels comes after the desk, which reports to the health.
    let hopperLevels: () => Promise<HopperLevel[]> = async () => [];
    const health =
      o.heartbeat === false
        ? undefined
        : new HealthReporter({
            ...o.heartbeat,
            terminalId,
            appVersion: APP_VERSION,
            devices: { scanner: devices.scannerPath !== undefined, pos: devices.pos !== undefined },
            outbox: tdb.outbox,
            hopperLevels: () => hopperLevels(),
            // A heartbeat is not a transaction: straight to the central, never through the outbox.
            send: (body) => link.client.heartbeat(body),
          });
    // The devices start polling before the host exists; their credits wait for it, and for the
    // host's recovery: a credit or a bill in escrow decided while recovery cancels the payment
    // left open and settles its money would race with it (and could pay change twice).
    let hostReady!: (h: TerminalHost) => void;
    const hostPromise = new Promise<TerminalHost>((r) => (hostReady = r));
    let recovered!: () => void;
    const recovery = new Promise<void>((r) => (recovered = r));
    const readyHost = async () => {
      const h = await hostPromise;
      await recovery;
      return h;
    };
    const desk = await openCashDesk({
      path: devices.cashPath,
      echo: true,
      hoppers: DEFAULT_HOPPERS,
      onCredit: async (c) => (await readyHost()).recordCredit(c),
      onEscrow: async (v) => (await readyHost()).decideEscrow(v),
      resume: (device) => tdb.payments.resumePoint(device),
      newEpoch: (device) => tdb.payments.newEpoch(device),
      onDeviceEvent: (e) => health?.observe({ type: 'cash.device', ...e }),
    });
    closers.push(() => desk.close());
    const printer = await openReceiptPrinterDevice(devices.printerPath, EPSON_TM_T88);
    closers.push(() => printer.close());
    const pos = devices.pos;
    const card = pos ? new CardPayments(nexoTerminal({ host: pos.host, port: pos.port, saleId: terminalId, poiId: pos.poiId }), tdb.payments) : undefined;
    const cash = new CashService(desk.port, tdb.payments, tdb.ledger, (step) => health?.observe({ type: 'hopper.payout', ...step }));
    hopperLevels = () => cash.hopperLevels();
    const service = await openServiceDesk({
      db: tdb.db,
      ledger: tdb.ledger,
      paymentOpen: async () => (await tdb.payments.openPaymentRow()) !== undefined,
      desk: desk.port,
      ...(sim ? { onRefill: (hopper: number, count: number) => sim!.fillHopper(hopper, count) } : {}),
      printer: printer.service,
      sync: link.client,
      devices: health
        ? async () => (await health.heartbeat()).devices
        : devicesWithoutReporter(() => printer.port.status(), hopperLevels, { scanner: devices.scannerPath !== undefined, pos: devices.pos !== undefined }),
      hoppers: DEFAULT_HOPPERS,
      config: {
        terminalId,
        centralUrl,
        appVersion: APP_VERSION,
        printerProfile: EPSON_TM_T88.id,
        ports: [
          { device: 'ccTalk (gettoniera, validatore, hopper)', port: devices.cashPath },
          { device: 'stampante', port: devices.printerPath },
          ...(devices.scannerPath ? [{ device: 'scanner', port: devices.scannerPath }] : []),
          ...(devices.pos ? [{ device: 'POS', port: `${devices.pos.host}:${devices.pos.port} (${devices.pos.poiId})` }] : []),
          { device: 'lettore tessera', port: 'pcscd' },
        ],
        hoppers: [...DEFAULT_HOPPERS],
      },
      ...(o.servicePinHash ? { pinHash: o.servicePinHash } : {}),
      onPayoutStep: (step) => health?.observe({ type: 'hopper.payout', ...step }),
      publish: (e) => host.publish(e),
    });
    const counter = o.counter
      ? await openCounterDesk({
          ...o.counter,
          db: tdb.db,
          outbox: tdb.outbox,
          ledger: tdb.ledger,
          printer: printer.service,
          terminalId,
          paymentOpen: async () => (await tdb.payments.openPaymentRow()) !== undefined,
          publish: (e) => host.publish(e),
          kick: () => link.port.kick(),
        })
      : undefined;
    const host: TerminalHost = new TerminalHost({
      terminalId,
      store: tdb.payments,
      incomeBands: tdb.incomeBands,
      bookingStore: tdb.bookings,
      campaignStore: tdb.campaigns,
      bookingChanges: tdb.bookingChanges,
      heldSlots: tdb.heldSlots,
      offlineAgenda,
      central: link.port,
      cash,
      ...(card ? { card } : {}),
      ...(o.attention ? { attention: o.attention } : {}),
      ruleSets: () => rules.held(),
      printer: printer.port,
      service,
      ...(counter ? { counter } : {}),
      verifyBaseUrl: `${centralUrl}/v1/receipts/`,
    });
    hostReady(host);
    // The printer's status, the POS's answers and card reader failures reach the health as events.
    if (health) host.subscribe((e) => health.observe(e));
    try {
      await host.recover();
    } finally {
      recovered();
    }
    // Not awaited: an unreachable central must not keep the kiosk from starting; what it could
    // not be told is tried at the next start, or lapses there.
    void host.releaseLeftoverHolds().then(
      ({ released, kept }) => released.length + kept.length > 0 && console.log(`holds left by the last run: ${released.length} given back, ${kept.length} kept`),
      (e: unknown) => console.error(`holds left by the last run: ${e instanceof Error ? e.message : String(e)}`),
    );
    const printerWatch = watchPrinter(() => printer.port.status(), (e) => host.publish(e));
    closers.push(async () => printerWatch.stop());
    link.client.onStatus((status) => {
      host.publish({ type: 'sync.status', status });
      health?.centralReachable(status.online);
    });
    const healthCard = await openHealthCardDevice(
      (e) => host.deviceInput(e),
      (reader, present) => health?.observe({ type: 'card.reader', reader, present }),
    );
    closers.push(() => healthCard.close());
    if (devices.scannerPath) {
      const scanner = await openSerialScanner(devices.scannerPath);
      scanner.on('scan', (e) => host.deviceInput({ type: 'scan.read', text: e.text, classified: e.classified }));
      scanner.on('error', (e) => {
        console.error(`scanner: ${e.code}: ${e.message}`);
        health?.observe({ type: 'scanner.failed', code: e.code });
      });
      closers.push(() => scanner.close());
    }
    const server = await startKioskServer({
      api: host,
      uiDir: o.uiDir ?? DEFAULT_UI,
      ...(sim ? { sim } : {}),
      ...(devices.rigUrl ? { rigUrl: devices.rigUrl } : {}),
      serviceSwitch: () => service.requestService(),
      port: o.port ?? 8080,
    });
    closers.push(() => server.close());
    if (health) {
      health.start();
      closers.push(() => health.stop());
    }
    return { url: server.url, centralUrl, host, ...(health ? { health } : {}), close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** A cash desk's first start: each hopper gets its initial fill, recorded as a refill. */
async function fillEmptyHoppers(tdb: Awaited<ReturnType<typeof openTerminalDb>>, coins = 100): Promise<void> {
  const { hoppers } = await tdb.ledger.levels();
  for (const h of DEFAULT_HOPPERS) {
    const device = hopperDevice(h.address);
    if (hoppers[device] === undefined) {
      await tdb.ledger.appendNow({ kind: 'hopper-refill', key: `refill:initial:${device}`, device, valueCents: h.valueCents, count: coins, detail: { technician: 'initial fill' } });
    }
  }
}

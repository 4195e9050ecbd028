import { join } from 'node:path';
import { demoBooking, type Booking, type RuleSet } from '@cup-kiosk/sync-service/domain';
import { EPSON_TM_T88 } from '@cup-kiosk/terminal-drivers/printer';
import { nexoTerminal, PosUnreachableError, type PaymentTerminal } from '@cup-kiosk/terminal-drivers/pos';
import { openPtyPair, type PtyPair } from '@cup-kiosk/terminal-drivers/serial';
import { PosSimulator } from '@cup-kiosk/terminal-drivers/sim/pos';
import { PrinterSimulator } from '@cup-kiosk/terminal-drivers/sim/printer';
import type { TerminalEvent } from '../../../kiosk/bridge/terminal-api.ts';
import { CardPayments } from '../../../kiosk/host/card-payments.ts';
import { DEFAULT_HOPPERS, hopperDevice } from '../../../kiosk/host/cash/cash-config.ts';
import { CashService } from '../../../kiosk/host/cash/cash-service.ts';
import { openCashDesk, type CashDeskDevice } from '../../../kiosk/host/devices/cash-desk.ts';
import { openReceiptPrinterDevice, type ReceiptPrinterDevice } from '../../../kiosk/host/devices/receipt-printer.ts';
import { openCashSims, type CashSims } from '../../../kiosk/host/devices/sim-cash.ts';
import type { CentralPort } from '../../../kiosk/host/ports.ts';
import { openTerminalDb, type TerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { TerminalHost } from '../../../kiosk/host/terminal-host.ts';
import { tempDir } from '../sync/helpers.ts';

// A kiosk host on simulated devices over the real transports: the ccTalk wire (coin acceptor,
// bill validator, five hoppers) and the receipt printer each on a pty pair, the POS simulator on
// a socket, the terminal's SQLite in a temporary folder. The host side can be restarted on the
// same file and the same devices, as after a crash.

export const TERMINAL = 'K-1';
const COINS_PER_HOPPER = 50;

/** The demo bookings, as a central that is always there. */
export const DEMO_CENTRAL: CentralPort = {
  lookupBooking: async (code) => {
    const b = demoBooking(code);
    if (!b) throw Object.assign(new Error(`no booking ${code}`), { code: 'BOOKING_NOT_FOUND' });
    return structuredClone(b) as Booking;
  },
  kick: () => {},
};

export interface KioskRig {
  host: TerminalHost;
  tdb: TerminalDb;
  cash: CashSims;
  pos: PosSimulator;
  printer: PrinterSimulator;
  /** Every event the host published, in order (across restarts). */
  events: TerminalEvent[];
  /** Drops coins one by one, each waiting for the host to credit it; rejects when one comes back. */
  insertCoins(...cents: number[]): Promise<void>;
  /** The first event since `from` that `match` accepts; fails after 10 s. */
  waitFor<T extends TerminalEvent['type']>(type: T, from?: number, match?: (e: Extract<TerminalEvent, { type: T }>) => boolean): Promise<Extract<TerminalEvent, { type: T }>>;
  /** What the next payment requests do on the way to the POS (until the restart). */
  posLine: PosLine;
  /** While true, status queries to the POS get no answer (POS_UNREACHABLE); payments still go through. */
  posStatusDown: boolean;
  /** Stops the host side (as a crash: nothing more is written) and starts it again on the same file and devices, the POS line up. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface KioskRigOptions {
  /** The central as the host sees it, made on the terminal's own database (its outbox); default DEMO_CENTRAL. */
  central?: (tdb: TerminalDb) => CentralPort;
  /** The rule sets the host quotes with; default the demo sets. */
  ruleSets?: () => readonly RuleSet[];
}

/**
 * The host's line to the POS: `up`; `dies-after-send`, a host that sends a payment request and
 * hears nothing more (it crashed); `never-sent`, one that crashed before the request went out.
 */
export type PosLine = 'up' | 'dies-after-send' | 'never-sent';

export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startKioskRig(o: KioskRigOptions = {}): Promise<KioskRig> {
  const dir = tempDir('cupk-kiosk-rig-');
  const cashPty: PtyPair = await openPtyPair('cash');
  const printerPty: PtyPair = await openPtyPair('printer');
  const cash = await openCashSims(cashPty.devicePath, { hoppers: DEFAULT_HOPPERS, hopperStock: () => COINS_PER_HOPPER, coinMs: 2 });
  const printer = await PrinterSimulator.open(printerPty.devicePath, { profile: EPSON_TM_T88 });
  const pos = await PosSimulator.start();
  const file = join(dir.path, 'terminal.sqlite');
  const events: TerminalEvent[] = [];

  let tdb = await openTerminalDb(file, TERMINAL);
  for (const h of DEFAULT_HOPPERS) {
    const device = hopperDevice(h.address);
    await tdb.ledger.appendNow({ kind: 'hopper-refill', key: `refill:${device}`, device, valueCents: h.valueCents, count: COINS_PER_HOPPER });
  }

  let host!: TerminalHost;
  let desk!: CashDeskDevice;
  let receipts!: ReceiptPrinterDevice;
  let line: PosLine = 'up';
  let statusDown = false;
  const startHost = async () => {
    line = 'up';
    statusDown = false;
    const driver = nexoTerminal({ host: pos.host, port: pos.port, saleId: TERMINAL, poiId: pos.poiId, paymentTimeoutMs: 1500, requestTimeoutMs: 2000 });
    const terminal: PaymentTerminal = Object.assign(Object.create(driver) as PaymentTerminal, {
      pay: (req: Parameters<PaymentTerminal['pay']>[0]) => {
        if (line === 'up') return driver.pay(req);
        if (line === 'dies-after-send') void driver.pay(req).catch(() => {});
        return new Promise<never>(() => {});
      },
      status: (id: string) => (statusDown ? Promise.reject(new PosUnreachableError('status queries get no answer', { transactionId: id })) : driver.status(id)),
    });
    const card = new CardPayments(terminal, tdb.payments, 50);
    let ready!: (h: TerminalHost) => void;
    const hostReady = new Promise<TerminalHost>((r) => (ready = r));
    const db = tdb;
    desk = await openCashDesk({
      path: cashPty.hostPath,
      echo: true,
      hoppers: DEFAULT_HOPPERS,
      pollMs: 40,
      onCredit: async (c) => (await hostReady).recordCredit(c),
      onEscrow: async (v) => (await hostReady).decideEscrow(v),
      resume: (device) => db.payments.resumePoint(device),
      newEpoch: (device) => db.payments.newEpoch(device),
    });
    receipts = await openReceiptPrinterDevice(printerPty.hostPath, EPSON_TM_T88);
    host = new TerminalHost({
      terminalId: TERMINAL,
      store: tdb.payments,
      incomeBands: tdb.incomeBands,
      central: o.central?.(tdb) ?? DEMO_CENTRAL,
      ...(o.ruleSets ? { ruleSets: o.ruleSets } : {}),
      cash: new CashService(desk.port, tdb.payments, tdb.ledger),
      card,
      printer: receipts.port,
      verifyBaseUrl: 'http://central.test/v1/receipts/',
    });
    host.subscribe((e) => events.push(e));
    await host.recover();
    ready(host);
  };
  const stopHost = async () => {
    await desk.close();
    await receipts.close();
    await tdb.db.close();
  };
  await startHost();

  const rig: KioskRig = {
    get host() {
      return host;
    },
    get tdb() {
      return tdb;
    },
    cash,
    pos,
    printer,
    events,
    async insertCoins(...cents) {
      for (const c of cents) {
        const from = events.length;
        if (cash.insertCoin(c) !== 'accepted') throw new Error(`the acceptor gave back a coin of ${c} cents`);
        await rig.waitFor('cash.credit', from, (e) => e.valueCents === c);
      }
    },
    async waitFor(type, from = 0, match = () => true) {
      let found: TerminalEvent | undefined;
      await until(() => (found = events.slice(from).find((e) => e.type === type && match(e as never))) !== undefined, `${type} event`);
      return found as never;
    },
    get posLine() {
      return line;
    },
    set posLine(l) {
      line = l;
    },
    get posStatusDown() {
      return statusDown;
    },
    set posStatusDown(down) {
      statusDown = down;
    },
    async restart() {
      await stopHost();
      tdb = await openTerminalDb(file, TERMINAL);
      await startHost();
    },
    async close() {
      await stopHost().catch(() => {});
      await pos.close();
      await printer.close();
      await cash.close();
      await printerPty.close();
      await cashPty.close();
      dir.remove();
    },
  };
  return rig;
}

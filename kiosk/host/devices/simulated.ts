import { ensurePcscd, type PcscdHandle } from '@cup-kiosk/terminal-drivers/card';
import { EPSON_TM_T88, renderSvg } from '@cup-kiosk/terminal-drivers/printer';
import { openPtyPair, type PtyPair } from '@cup-kiosk/terminal-drivers/serial';
import { cardProfiles, VirtualCardSimulator } from '@cup-kiosk/terminal-drivers/sim/card';
import { PrinterSimulator } from '@cup-kiosk/terminal-drivers/sim/printer';
import { ScannerSimulator } from '@cup-kiosk/terminal-drivers/sim/scanner';
import { PosSimulator, SIM_PLAN_OUTCOMES, type PosSimulatorOptions, type SimPlanOutcome } from '@cup-kiosk/terminal-drivers/sim/pos';
import type { SimControls } from '../sim-controls.ts';
import { openCashSims, type CashSims } from './sim-cash.ts';

/**
 * Every device of a kiosk, simulated on the device side of the real transports: the ccTalk wire,
 * the printer and the barcode scanner each on a pty pair, the health card as a virtual card
 * plugged into pcscd's vpcd reader. The host opens the other ends exactly as it opens hardware,
 * whether these run inside its own process (`npm start`) or in a device rig of their own.
 */
export interface SimulatedDevices {
  /** The ccTalk wire: coin acceptor, bill validator and hoppers. */
  cashPath: string;
  printerPath: string;
  scannerPath: string;
  controls: SimControls;
  /** The cash simulators, for a rig that keeps their state between runs. */
  cash: CashSims;
  /** The card terminal, for a rig that serves its outcome plans and truth. */
  pos: PosSimulator;
  close(): Promise<void>;
}

const MAX_RECEIPTS_SHOWN = 20;

export interface SimulatedDeviceOptions {
  hoppers: readonly { address: number; valueCents: number }[];
  /** Coins in each hopper at start: what the ledger says is there, as a real hopper keeps them. */
  hopperStock(address: number): number;
  /** The card terminal's set-up. Default: the cardholder takes 1.5 s, as a person does. */
  pos?: PosSimulatorOptions;
}

export async function startSimulatedDevices(o: SimulatedDeviceOptions): Promise<SimulatedDevices> {
  const opened: { close(): Promise<void> | void }[] = [];
  try {
    const pcscd: PcscdHandle = await ensurePcscd();
    opened.push({ close: () => pcscd.stop() });
    const cashPty: PtyPair = await openPtyPair('cash');
    opened.push(cashPty);
    const printerPty: PtyPair = await openPtyPair('printer');
    opened.push(printerPty);
    const scannerPty: PtyPair = await openPtyPair('scanner');
    opened.push(scannerPty);
    const cash = await openCashSims(cashPty.devicePath, o);
    opened.push(cash);
    const printer = await PrinterSimulator.open(printerPty.devicePath, { profile: EPSON_TM_T88 });
    opened.push(printer);
    const scanner = await ScannerSimulator.open(scannerPty.devicePath, { terminator: '\r' });
    opened.push(scanner);
    const card = new VirtualCardSimulator();
    opened.push({ close: () => card.remove() });
    const pos = await PosSimulator.start({ delayMs: 1500, ...o.pos });
    opened.push(pos);
    let inserted: string | null = null;
    const paths = {
      cashPath: cashPty.hostPath,
      printerPath: printerPty.hostPath,
      scannerPath: scannerPty.hostPath,
      pos: { host: pos.host, port: pos.port, poiId: pos.poiId },
    };

    const controls: SimControls = {
      cards: () => cardProfiles().map((p) => ({ id: p.id, label: p.label })),
      insertedCard: () => inserted,
      async insertCard(id) {
        if (inserted) await card.remove();
        await card.insert(id);
        inserted = id;
      },
      async removeCard() {
        await card.remove();
        inserted = null;
      },
      coinValues: () => cash.coinValues(),
      billValues: () => cash.billValues(),
      insertCoin: async (cents) => cash.insertCoin(cents),
      insertBill: async (cents) => cash.insertBill(cents),
      hopperLevels: () => cash.hoppers().map((h) => ({ address: h.address, valueCents: h.valueCents, count: h.stock })),
      fillHopper: (address, count) => cash.fillHopper(`hopper:${address}`, count),
      receipts: () =>
        printer.receipts.slice(-MAX_RECEIPTS_SHOWN).map((r) => ({ at: r.receivedAt.toISOString(), text: r.text, svg: renderSvg(r.document, EPSON_TM_T88) })),
      setPrinter(f) {
        if (f.coverOpen !== undefined) printer.setCoverOpen(f.coverOpen);
        if (f.paperOut !== undefined) printer.loadPaper(f.paperOut ? 0 : Infinity);
        if (f.offline !== undefined) printer.setOnline(!f.offline);
      },
      printerState: () => {
        const s = printer.status();
        return { paper: s.paper, coverOpen: s.coverOpen, offline: !s.online };
      },
      cashFault: (f) => cash.fault(f),
      scan: (text) => scanner.scan(text),
      posNext(outcome) {
        if (!SIM_PLAN_OUTCOMES.includes(outcome as SimPlanOutcome)) throw Object.assign(new Error(`no POS outcome ${outcome}`), { code: 'SIM_POS_OUTCOME', status: 400 });
        pos.next(outcome as SimPlanOutcome);
      },
      truth: () => ({ ...cash.truth(), printed: printer.receipts.length }),
      devicePaths: () => paths,
    };
    return {
      ...paths,
      controls,
      cash,
      pos,
      async close() {
        for (const o of opened.reverse()) await o.close();
      },
    };
  } catch (e) {
    for (const o of opened.reverse()) await Promise.resolve(o.close()).catch(() => {});
    throw e;
  }
}

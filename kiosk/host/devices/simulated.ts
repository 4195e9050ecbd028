import { ensurePcscd, type PcscdHandle } from '@cup-kiosk/terminal-drivers/card';
import { EPSON_TM_T88, renderSvg } from '@cup-kiosk/terminal-drivers/printer';
import { openPtyPair, type PtyPair } from '@cup-kiosk/terminal-drivers/serial';
import { BillValidatorSim, CcTalkBusSim, CoinAcceptorSim, HopperSim } from '@cup-kiosk/terminal-drivers/sim/cash';
import { cardProfiles, VirtualCardSimulator } from '@cup-kiosk/terminal-drivers/sim/card';
import { PrinterSimulator } from '@cup-kiosk/terminal-drivers/sim/printer';
import type { SimControls } from '../sim-controls.ts';

/**
 * Every device of a kiosk, simulated on the device side of the real transports: the coin
 * acceptor and the printer each on a pty pair, the health card as a virtual card plugged into
 * pcscd's vpcd reader. The host opens the other ends exactly as it opens hardware.
 */
export interface SimulatedDevices {
  /** The ccTalk wire: coin acceptor, bill validator and hoppers. */
  cashPath: string;
  printerPath: string;
  controls: SimControls;
  close(): Promise<void>;
}

const MAX_RECEIPTS_SHOWN = 20;

export interface SimulatedDeviceOptions {
  hoppers: readonly { address: number; valueCents: number }[];
  /** Coins in each hopper at start: what the ledger says is there, as a real hopper keeps them. */
  hopperStock(address: number): number;
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
    const wire = await CcTalkBusSim.open(cashPty.devicePath, { echo: true });
    opened.push(wire);
    const coins = wire.attach(new CoinAcceptorSim());
    const bills = wire.attach(new BillValidatorSim());
    const hoppers = o.hoppers.map((h, i) => wire.attach(new HopperSim({ address: h.address, stock: o.hopperStock(h.address), serial: 0x00a001 + i, coinMs: 20 })));
    const printer = await PrinterSimulator.open(printerPty.devicePath, { profile: EPSON_TM_T88 });
    opened.push(printer);
    const card = new VirtualCardSimulator();
    opened.push({ close: () => card.remove() });
    let inserted: string | null = null;

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
      coinValues: () => [5, 10, 20, 50, 100, 200],
      billValues: () => [500, 1000, 2000, 5000],
      async insertCoin(cents) {
        const outcome = coins.insertCoin(cents);
        // An inhibited coin falls through to the return tray, as on the real device.
        return outcome === 'accepted' ? 'accepted' : 'returned';
      },
      async insertBill(cents) {
        return bills.insertBill(cents);
      },
      hopperLevels: () => o.hoppers.map((h, i) => ({ address: h.address, valueCents: h.valueCents, count: hoppers[i]!.stock })),
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
    };
    return {
      cashPath: cashPty.hostPath,
      printerPath: printerPty.hostPath,
      controls,
      async close() {
        for (const o of opened.reverse()) await o.close();
      },
    };
  } catch (e) {
    for (const o of opened.reverse()) await Promise.resolve(o.close()).catch(() => {});
    throw e;
  }
}

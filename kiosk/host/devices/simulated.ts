import { ensurePcscd, type PcscdHandle } from '@cup-kiosk/terminal-drivers/card';
import { EPSON_TM_T88, renderSvg } from '@cup-kiosk/terminal-drivers/printer';
import { openPtyPair, type PtyPair } from '@cup-kiosk/terminal-drivers/serial';
import { CoinAcceptorSim } from '@cup-kiosk/terminal-drivers/sim/cash';
import { cardProfiles, VirtualCardSimulator } from '@cup-kiosk/terminal-drivers/sim/card';
import { PrinterSimulator } from '@cup-kiosk/terminal-drivers/sim/printer';
import type { SimControls } from '../sim-controls.ts';

/**
 * Every device of a kiosk, simulated on the device side of the real transports: the coin
 * acceptor and the printer each on a pty pair, the health card as a virtual card plugged into
 * pcscd's vpcd reader. The host opens the other ends exactly as it opens hardware.
 */
export interface SimulatedDevices {
  coinPath: string;
  printerPath: string;
  controls: SimControls;
  close(): Promise<void>;
}

const MAX_RECEIPTS_SHOWN = 20;

export async function startSimulatedDevices(): Promise<SimulatedDevices> {
  const opened: { close(): Promise<void> | void }[] = [];
  try {
    const pcscd: PcscdHandle = await ensurePcscd();
    opened.push({ close: () => pcscd.stop() });
    const coinPty: PtyPair = await openPtyPair('coin');
    opened.push(coinPty);
    const printerPty: PtyPair = await openPtyPair('printer');
    opened.push(printerPty);
    const coins = await CoinAcceptorSim.open(coinPty.devicePath, { echo: true });
    opened.push(coins);
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
      async insertCoin(cents) {
        const outcome = coins.insertCoin(cents);
        if (outcome !== 'accepted') throw Object.assign(new Error(`coin ${cents} ${outcome}`), { code: 'COIN_NOT_ACCEPTED', status: 409 });
      },
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
      coinPath: coinPty.hostPath,
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

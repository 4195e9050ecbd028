import { CoinAcceptor, openCcTalkBus, type CcTalkBus, type CoinCredit } from '@cup-kiosk/terminal-drivers/cash';
import type { CashCredit, CoinAcceptorPort } from '../ports.ts';

export interface CoinAcceptorDevice {
  port: CoinAcceptorPort;
  /** Connects the device's credits to whoever records them (the host); set once. */
  onCredit(sink: (c: CashCredit) => Promise<void>): void;
  close(): Promise<void>;
}

export interface CoinAcceptorDeviceOptions {
  path: string;
  echo: boolean;
  /** The last event counter the ledger holds for this device, so buffered credits count once. */
  resume?: (deviceSerial: number) => Promise<{ epoch: number; counter: number | undefined }>;
  /** Records a device reset durably and returns the new epoch (counters restart after it). */
  newEpoch?: (deviceSerial: number) => Promise<number>;
  pollMs?: number;
}

/**
 * The ccTalk coin acceptor on a serial line, as the host sees it: enable, disable, and credits
 * keyed by device serial, reset epoch and event counter, unique across restarts of either side.
 */
export async function openCoinAcceptorDevice(o: CoinAcceptorDeviceOptions): Promise<CoinAcceptorDevice> {
  const bus: CcTalkBus = await openCcTalkBus(o.path, { echo: o.echo });
  let sink: ((c: CashCredit) => Promise<void>) | null = null;
  let epoch = 0;
  const toCredit = (c: CoinCredit): CashCredit => ({
    key: `coin:${c.deviceSerial}:${epoch}:${c.eventCounter}`,
    device: `coin:${c.deviceSerial}`,
    eventCounter: c.eventCounter,
    valueCents: c.valueCents,
  });
  // Identity first (a throwaway driver) so the ledger can say where this device left off.
  const probe = new CoinAcceptor({ bus, onCredit: async () => {}, pollMs: 3_600_000 });
  const identity = await probe.start();
  await probe.stop();
  const resume = (await o.resume?.(identity.serial)) ?? { epoch: 0, counter: undefined };
  epoch = resume.epoch;
  const acceptor = new CoinAcceptor({
    bus,
    pollMs: o.pollMs ?? 100,
    ...(resume.counter === undefined ? {} : { resumeCounter: resume.counter }),
    onCredit: async (c) => {
      if (!sink) throw new Error('coin acceptor has no credit sink yet');
      await sink(toCredit(c));
    },
  });
  acceptor.on('reset', () => {
    void o.newEpoch?.(identity.serial).then((e) => (epoch = e));
  });
  await acceptor.start();
  await acceptor.disable();
  return {
    port: {
      enable: () => acceptor.enable(),
      disable: () => acceptor.disable(),
      get coinValues() {
        return [...acceptor.coins.values()];
      },
    },
    onCredit(s) {
      sink = s;
    },
    async close() {
      await acceptor.stop();
      await bus.close();
    },
  };
}

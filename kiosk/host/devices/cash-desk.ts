import {
  BillValidator,
  CoinAcceptor,
  Hopper,
  openCcTalkBus,
  PayoutRunner,
  type CcTalkBus,
  type HopperLevel,
  type HopperStatus,
  type PayoutLine,
  type PayoutRunResult,
  type PayoutStep,
} from '@cup-kiosk/terminal-drivers/cash';
import type { CashCredit } from '../ports.ts';

/** How the host sees the cash devices of an automatic cash desk on one ccTalk wire. */
export interface CashDeskPort {
  readonly coinValues: readonly number[];
  readonly billValues: readonly number[];
  /** Accepts these values (coins and bills) and inhibits every other. */
  accept(values: { coins: readonly number[]; bills: readonly number[] }): Promise<void>;
  /** Accepts nothing; a coin already in the chute may still be credited. */
  disable(): Promise<void>;
  /** Pays change from the hoppers; what none can pay is the returned voucher amount. */
  payout(owedCents: number, levels: readonly HopperLevel[], hooks: PayoutHooks): Promise<PayoutRunResult>;
  hopperStatus(address: number): Promise<HopperStatus>;
}

export interface PayoutHooks {
  beforeDispense(line: PayoutLine, status: HopperStatus): Promise<void>;
  afterDispense(step: PayoutStep): Promise<void>;
}

export interface CashDeskDevice {
  port: CashDeskPort;
  close(): Promise<void>;
}

export interface CashDeskOptions {
  path: string;
  echo: boolean;
  hoppers: readonly { address: number; valueCents: number }[];
  /** Records a credit durably; the drivers do not move past it until this resolves. */
  onCredit(c: CashCredit): Promise<void>;
  /** Decides a bill held in escrow. */
  onEscrow(valueCents: number): Promise<'stack' | 'return'>;
  /** Where a device left off in the ledger, so buffered credits count once. */
  resume(device: string): Promise<{ epoch: number; counter: number | undefined }>;
  /** Records a device reset durably; returns the new epoch. */
  newEpoch(device: string): Promise<number>;
  pollMs?: number;
}

/** Credits keyed by device serial, reset epoch and event counter: unique across restarts. */
function creditKeyer(device: string, epoch: () => number) {
  return (eventCounter: number, valueCents: number): CashCredit => ({
    key: `${device}:${epoch()}:${eventCounter}`,
    device,
    eventCounter,
    valueCents,
  });
}

/**
 * Opens the ccTalk bus and every device on it: the coin acceptor, the bill validator with
 * escrow, and one hopper per coin value. Identity first, so the ledger can say where each
 * device's event counter was left.
 */
export async function openCashDesk(o: CashDeskOptions): Promise<CashDeskDevice> {
  const bus: CcTalkBus = await openCcTalkBus(o.path, { echo: o.echo });
  const idle = async () => {};
  const coinProbe = new CoinAcceptor({ bus, onCredit: idle, pollMs: 3_600_000 });
  const coinDevice = `coin:${(await coinProbe.start()).serial}`;
  await coinProbe.stop();
  const billProbe = new BillValidator({ bus, onCredit: idle, onEscrow: async () => 'return', pollMs: 3_600_000 });
  const billDevice = `bill:${(await billProbe.start()).serial}`;
  await billProbe.stop();

  const coinResume = await o.resume(coinDevice);
  const billResume = await o.resume(billDevice);
  let coinEpoch = coinResume.epoch;
  let billEpoch = billResume.epoch;
  const coinCredit = creditKeyer(coinDevice, () => coinEpoch);
  const billCredit = creditKeyer(billDevice, () => billEpoch);

  const coins = new CoinAcceptor({
    bus,
    pollMs: o.pollMs ?? 100,
    ...(coinResume.counter === undefined ? {} : { resumeCounter: coinResume.counter }),
    onCredit: (c) => o.onCredit(coinCredit(c.eventCounter, c.valueCents)),
  });
  const bills = new BillValidator({
    bus,
    pollMs: o.pollMs ?? 100,
    ...(billResume.counter === undefined ? {} : { resumeCounter: billResume.counter }),
    onCredit: (c) => o.onCredit(billCredit(c.eventCounter, c.valueCents)),
    onEscrow: (b) => o.onEscrow(b.valueCents),
  });
  coins.on('reset', () => void o.newEpoch(coinDevice).then((e) => (coinEpoch = e)));
  bills.on('reset', () => void o.newEpoch(billDevice).then((e) => (billEpoch = e)));
  await coins.start();
  await bills.start();
  await coins.disable();
  await bills.disable();

  const hoppers = o.hoppers.map((h) => new Hopper({ bus, valueCents: h.valueCents, address: h.address }));
  for (const h of hoppers) {
    await h.start();
    await h.enable();
  }

  return {
    port: {
      coinValues: [...coins.coins.values()],
      billValues: [...bills.bills.values()],
      async accept(values) {
        if (values.coins.length > 0) await coins.enable([...values.coins]);
        else await coins.disable();
        if (values.bills.length > 0) await bills.enable([...values.bills]);
        else await bills.disable();
      },
      async disable() {
        await coins.disable();
        await bills.disable();
      },
      payout(owedCents, levels, hooks) {
        const runner = new PayoutRunner({
          hoppers,
          beforeDispense: async (line) => {
            const hopper = hoppers.find((h) => h.address === line.id)!;
            await hooks.beforeDispense(line, await hopper.status());
          },
          afterDispense: (step) => hooks.afterDispense(step),
        });
        return runner.run(owedCents, levels);
      },
      hopperStatus(address) {
        const hopper = hoppers.find((h) => h.address === address);
        if (!hopper) return Promise.reject(new Error(`no hopper at ${address}`));
        return hopper.status();
      },
    },
    async close() {
      await coins.stop();
      await bills.stop();
      await bus.close();
    },
  };
}

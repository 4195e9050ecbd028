import { CupError } from '@cup-kiosk/sync-service/domain';
import {
  BillValidator,
  CoinAcceptor,
  compareCounter,
  Header,
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
  /**
   * Resolves once every event the coin acceptor and the bill validator hold now has been
   * handled (each credit recorded by `onCredit`): after `disable`, the credits are all in.
   * Rejects CASH_NOT_SETTLED when the drivers do not catch up in time (a device gone silent).
   */
  settle(): Promise<void>;
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

/** What the coin acceptor and the bill validator say of themselves, for the terminal's health. */
export interface CashDeviceEvent {
  device: 'coin-acceptor' | 'bill-validator';
  event: 'online' | 'offline' | 'fault' | 'stacker' | 'credit';
  /** Why it went offline (`CCTALK_TIMEOUT`). */
  code?: string;
  /** The driver's fault kind (`jam`) or stacker state (`full`). */
  kind?: string;
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
  /** Hears the devices going offline, back, faulty or taking money again; default nobody. */
  onDeviceEvent?(e: CashDeviceEvent): void;
  pollMs?: number;
}

/**
 * Credits keyed by device serial, epoch and event counter: unique across restarts of either side.
 * The epoch moves on when the device is reset (its counter starts again at 0) and when its counter
 * wraps (255 → 1), so a key is never used twice: a counter that comes back to a value already
 * credited in the epoch would otherwise be taken for a replay, and the coin would be lost.
 */
class CreditKeyer {
  private epochChange: Promise<void> = Promise.resolve();

  constructor(
    private readonly device: string,
    private epoch: number,
    /** The last event counter credited in this epoch. */
    private lastCredited: number | undefined,
    private readonly newEpoch: (device: string) => Promise<number>,
  ) {}

  /** The device counts from 0 again; credits wait until the new epoch is durable. */
  reset(): void {
    this.epochChange = this.epochChange.then(async () => {
      this.epoch = await this.newEpoch(this.device);
      this.lastCredited = undefined;
    });
  }

  async credit(eventCounter: number, valueCents: number): Promise<CashCredit> {
    await this.epochChange;
    // The same counter again is a replay (same key); a smaller one is the counter wrapping.
    if (this.lastCredited !== undefined && eventCounter < this.lastCredited) {
      this.epoch = await this.newEpoch(this.device);
    }
    this.lastCredited = eventCounter;
    return { key: `${this.device}:${this.epoch}:${eventCounter}`, device: this.device, eventCounter, valueCents };
  }
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
  // Without a resume point the bill probe gives back a bill left in escrow: nobody decided it.
  const billProbe = new BillValidator({ bus, onCredit: idle, onEscrow: async () => 'return', pollMs: 3_600_000 });
  const billDevice = `bill:${(await billProbe.start()).serial}`;
  await billProbe.stop();

  const coinResume = await resumePoint(o, coinDevice, coinProbe.lastSeenCounter ?? 0);
  const billResume = await resumePoint(o, billDevice, billProbe.lastSeenCounter ?? 0);
  const coinKeys = new CreditKeyer(coinDevice, coinResume.epoch, coinResume.counter, o.newEpoch);
  const billKeys = new CreditKeyer(billDevice, billResume.epoch, billResume.counter, o.newEpoch);

  const coins = new CoinAcceptor({
    bus,
    pollMs: o.pollMs ?? 100,
    ...(coinResume.counter === undefined ? {} : { resumeCounter: coinResume.counter }),
    onCredit: async (c) => o.onCredit(await coinKeys.credit(c.eventCounter, c.valueCents)),
  });
  const bills = new BillValidator({
    bus,
    pollMs: o.pollMs ?? 100,
    ...(billResume.counter === undefined ? {} : { resumeCounter: billResume.counter }),
    onCredit: async (c) => o.onCredit(await billKeys.credit(c.eventCounter, c.valueCents)),
    onEscrow: (b) => o.onEscrow(b.valueCents),
  });
  coins.on('reset', () => coinKeys.reset());
  bills.on('reset', () => billKeys.reset());
  const report = o.onDeviceEvent ?? (() => {});
  coins.on('offline', (e) => report({ device: 'coin-acceptor', event: 'offline', code: e.code }));
  coins.on('online', () => report({ device: 'coin-acceptor', event: 'online' }));
  coins.on('fault', (e) => report({ device: 'coin-acceptor', event: 'fault', kind: e.kind }));
  coins.on('credit', () => report({ device: 'coin-acceptor', event: 'credit' }));
  bills.on('offline', (e) => report({ device: 'bill-validator', event: 'offline', code: e.code }));
  bills.on('online', () => report({ device: 'bill-validator', event: 'online' }));
  bills.on('fault', (e) => report({ device: 'bill-validator', event: 'fault', kind: e.kind }));
  bills.on('stacker', (e) => report({ device: 'bill-validator', event: 'stacker', kind: e.state }));
  bills.on('credit', () => report({ device: 'bill-validator', event: 'credit' }));
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
      async settle() {
        await settleDrivers(bus, coins, bills, o.pollMs ?? 100);
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

/** How long `settle` waits for the drivers to handle what the devices hold. */
const SETTLE_TIMEOUT_MS = 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a driver has handled events up to `target`, or past it (a later poll got there first). */
function reached(lastSeen: number | undefined, target: number): boolean {
  if (lastSeen === undefined || lastSeen === target) return true;
  // A device at 0 was reset: its driver has caught up once it saw the reset.
  if (target === 0) return false;
  const ahead = compareCounter(target, lastSeen);
  return ahead.kind === 'events' && ahead.fresh < 128;
}

/**
 * Reads each device's event counter (the bus queues the read behind any poll in flight) and
 * waits until its driver has handled up to it; reads again, and is done when the counters stand
 * still. A bill decided for the stacker just before stacks within that second read.
 */
async function settleDrivers(bus: CcTalkBus, coins: CoinAcceptor, bills: BillValidator, pollMs: number): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let last: [number, number] | null = null;
  for (;;) {
    const now: [number, number] = [
      (await bus.request(coins.address, Header.READ_BUFFERED_CREDIT))[0] ?? 0,
      (await bus.request(bills.address, Header.READ_BUFFERED_BILL_EVENTS))[0] ?? 0,
    ];
    const caughtUp = () => reached(coins.lastSeenCounter, now[0]) && reached(bills.lastSeenCounter, now[1]);
    while (!caughtUp()) {
      if (Date.now() > deadline) throw new CupError('CASH_NOT_SETTLED', 'the coin acceptor or the bill validator did not report its last events in time');
      await sleep(pollMs / 4);
    }
    if (last && last[0] === now[0] && last[1] === now[1]) return;
    last = now;
    await sleep(pollMs);
  }
}

/**
 * Where to take up a device's events. With no credit in the current epoch the ledger has no
 * counter to resume from: after a reset (epoch > 0) every event of the epoch is new, and a device
 * met for the first time with its counter at 0 starts an epoch of its own so that the same holds
 * after a restart. Only a device first met with events already buffered is left to the driver,
 * which takes those as handled by an earlier host.
 */
async function resumePoint(o: CashDeskOptions, device: string, counterNow: number): Promise<{ epoch: number; counter: number | undefined }> {
  const r = await o.resume(device);
  if (r.counter !== undefined) return r;
  if (r.epoch > 0) return { epoch: r.epoch, counter: 0 };
  if (counterNow === 0) return { epoch: await o.newEpoch(device), counter: 0 };
  return r;
}

import { Header } from '@cup-kiosk/terminal-drivers/cash';
import { BillValidatorSim, CcTalkBusSim, CoinAcceptorSim, HopperSim } from '@cup-kiosk/terminal-drivers/sim/cash';
import { CupError } from '@cup-kiosk/sync-service/domain';
import { CASH_FAULTS, type CashFault, type DeviceTruth, type HopperTruth } from '../sim-controls.ts';

/**
 * The cash devices of a kiosk simulated on one ccTalk wire (coin acceptor, bill validator with
 * escrow, one hopper per coin value), with the faults of the developer panel and a count of what
 * each device did, kept on the device side: the truth a crash test holds the host's ledger against.
 */

/** A coin acceptor that remembers which counter its last 229 reply carried. */
class WatchedCoinAcceptor extends CoinAcceptorSim {
  polledCounter = 0;
  override handle(header: number, data: Uint8Array) {
    const reply = super.handle(header, data);
    if (header === Header.READ_BUFFERED_CREDIT) this.polledCounter = this.counter;
    return reply;
  }
}

class WatchedBillValidator extends BillValidatorSim {
  polledCounter = 0;
  override handle(header: number, data: Uint8Array) {
    const reply = super.handle(header, data);
    if (header === Header.READ_BUFFERED_BILL_EVENTS) this.polledCounter = this.counter;
    return reply;
  }
}

export interface CashSimOptions {
  hoppers: readonly { address: number; valueCents: number }[];
  hopperStock(address: number): number;
  /** Time a hopper takes per coin, in ms. Default 20. */
  coinMs?: number;
}

export interface CashSims {
  coinValues(): number[];
  billValues(): number[];
  insertCoin(cents: number): 'accepted' | 'returned';
  insertBill(cents: number): string;
  fault(f: CashFault): void;
  truth(): Omit<DeviceTruth, 'printed'>;
  hoppers(): HopperTruth[];
  /** Coins put into a hopper by hand (`hopper:N`). */
  fillHopper(device: string, count: number): void;
  close(): Promise<void>;
}

const FIRST_HOPPER_SERIAL = 0x00a001;

export async function openCashSims(devicePath: string, o: CashSimOptions): Promise<CashSims> {
  const wire = await CcTalkBusSim.open(devicePath, { echo: true });
  const coins = wire.attach(new WatchedCoinAcceptor());
  const bills = wire.attach(new WatchedBillValidator());
  const hoppers = o.hoppers.map((h, i) =>
    wire.attach(new HopperSim({ address: h.address, stock: o.hopperStock(h.address), serial: FIRST_HOPPER_SERIAL + i, coinMs: o.coinMs ?? 20 })),
  );
  const accepted: { counter: number; valueCents: number }[] = [];
  const removed = new Map<number, number>();
  let escrowed = 0;
  let lost = 0;
  // The cash box emptied by a technician leaves the stacker list; what was stacked still was.
  const emptiedStacks: number[] = [];

  const hopperAt = (device: string | undefined) => {
    const address = Number(/^hopper:(\d+)$/.exec(device ?? '')?.[1] ?? NaN);
    const h = hoppers.find((x) => x.address === address);
    if (!h) throw new CupError('SIM_UNKNOWN_DEVICE', `no hopper '${device ?? ''}': ${hoppers.map((x) => `hopper:${x.address}`).join(', ')}`);
    return h;
  };
  const deviceOf = (device: string | undefined) => (device === 'coin' ? coins : device === 'bill' ? bills : hopperAt(device));
  const dropHeld = () => {
    if (bills.escrowCents !== undefined) lost++;
  };

  const hopperTruth = (): HopperTruth[] =>
    hoppers.map((h, i) => ({
      address: h.address,
      valueCents: o.hoppers[i]!.valueCents,
      stock: h.stock,
      totalPaid: h.totalPaid,
      removed: removed.get(h.address) ?? 0,
      paying: h.remaining > 0,
    }));

  const powerCycleHopper = (h: HopperSim) => {
    // A payout under way stops at the next coin: its timer finds a jam at 0 coins and pays none.
    if (h.remaining > 0) h.jamAfter(0);
    h.counter = 0;
    h.remaining = 0;
    h.lastPaid = 0;
    h.lastUnpaid = 0;
    h.enabled = false;
  };

  return {
    coinValues: () => [...coins.coinValuesCents],
    billValues: () => [...bills.billValuesCents],
    insertCoin(cents) {
      const outcome = coins.insertCoin(cents);
      if (outcome !== 'accepted') return 'returned'; // an inhibited coin falls to the return tray
      accepted.push({ counter: coins.counter, valueCents: cents });
      return 'accepted';
    },
    insertBill(cents) {
      const outcome = bills.insertBill(cents);
      if (outcome === 'escrow') escrowed++;
      return outcome;
    },
    fault(f) {
      if (!(CASH_FAULTS as readonly string[]).includes(f.fault)) throw new CupError('SIM_UNKNOWN_FAULT', `unknown fault '${f.fault}': ${CASH_FAULTS.join(', ')}`);
      switch (f.fault) {
        case 'coin-jam':
          return coins.jam();
        case 'coin-fraud':
          return coins.fraud();
        case 'coin-reject':
          return coins.reject();
        case 'bill-jam':
          dropHeld();
          return bills.jam();
        case 'bill-fraud':
          dropHeld();
          return bills.fraud();
        case 'bill-reject':
          return bills.reject();
        case 'stacker-full':
          return bills.fillStacker();
        case 'stacker-emptied':
          emptiedStacks.push(...bills.stacked);
          bills.removeStacker();
          return bills.insertStacker();
        case 'hopper-empty': {
          const h = hopperAt(f.device);
          removed.set(h.address, (removed.get(h.address) ?? 0) + h.stock);
          h.stock = 0;
          return;
        }
        case 'hopper-jam':
          return hopperAt(f.device).jamAfter(f.after ?? 0);
        case 'power-cycle': {
          // A bill held in escrow comes back out: it counts as returned.
          const d = deviceOf(f.device);
          if (d instanceof HopperSim) return powerCycleHopper(d);
          return d.powerCycle();
        }
        case 'silence':
          deviceOf(f.device).silent = f.on ?? true;
          return;
        case 'corrupt':
          return deviceOf(f.device).corruptNext(f.count ?? 1);
        case 'echo':
          wire.echo = f.on ?? true;
          return;
      }
    },
    truth() {
      const stacked = [...emptiedStacks, ...bills.stacked];
      const held = bills.escrowCents === undefined ? 0 : 1;
      return {
        coins: {
          device: `coin:${coins.serial}`,
          accepted: [...accepted],
          acceptedCents: accepted.reduce((s, c) => s + c.valueCents, 0),
          counter: coins.counter,
          polledCounter: coins.polledCounter,
        },
        bills: {
          device: `bill:${bills.serial}`,
          stacked,
          stackedCents: stacked.reduce((s, v) => s + v, 0),
          returned: escrowed - stacked.length - lost - held,
          lost,
          escrowCents: bills.escrowCents ?? null,
          counter: bills.counter,
          polledCounter: bills.polledCounter,
        },
        hoppers: hopperTruth(),
      };
    },
    hoppers: hopperTruth,
    fillHopper(device, count) {
      hopperAt(device).stock += count;
    },
    close: () => wire.close(),
  };
}

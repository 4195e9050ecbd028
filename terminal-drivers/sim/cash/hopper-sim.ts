import { Address, Header, HOPPER_ENABLE_CODE } from '../../cash/headers.ts';
import { nextCounter } from '../../cash/event-counter.ts';
import { ack, asciiReply, CcTalkBusSim, CcTalkSimDevice, nak, serialReply, type CcTalkBusSimOptions, type SimReply } from './cctalk-bus-sim.ts';

/**
 * A ccTalk payout hopper that pays coins one at a time, with its own stock, event counter and
 * paid / unpaid counts. Faults: running empty (stock reaches 0) and a jam after N coins.
 */
export interface HopperSimOptions {
  /** Default 3. */
  address?: number;
  /** Coins in the hopper. Default 100. */
  stock?: number;
  /** Default 0x00a001. */
  serial?: number;
  /** Time to pay one coin, in ms. Default 5. */
  coinMs?: number;
}

// 163 flags, register 1: bit 1 payout timeout (the hopper stopped with coins unpaid), bit 7
// payout disabled.
const FLAG_PAYOUT_TIMEOUT = 1 << 1;
const FLAG_PAYOUT_DISABLED = 1 << 7;
const DISPENSE_DATA_LENGTH = 4; // serial × 3, count

export class HopperSim extends CcTalkSimDevice {
  readonly serial: number;
  stock: number;
  enabled = false;
  counter = 0;
  remaining = 0;
  lastPaid = 0;
  lastUnpaid = 0;
  /** Coins paid in all, for tests. */
  totalPaid = 0;
  private readonly coinMs: number;
  private jamAfterCoins: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stalled = false;
  private bus: CcTalkBusSim | undefined;

  constructor(options: HopperSimOptions = {}) {
    super(options.address ?? Address.FIRST_HOPPER);
    this.serial = options.serial ?? 0x00a001;
    this.stock = options.stock ?? 100;
    this.coinMs = options.coinMs ?? 5;
  }

  /** A hopper alone on its own simulated wire at `devicePath`. */
  static async open(devicePath: string, options: HopperSimOptions & CcTalkBusSimOptions = {}): Promise<HopperSim> {
    const bus = await CcTalkBusSim.open(devicePath, options);
    const sim = bus.attach(new HopperSim(options));
    sim.bus = bus;
    return sim;
  }

  async close(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.bus?.close();
  }

  /** The next payout jams after paying `coins` coins. */
  jamAfter(coins: number): void {
    this.jamAfterCoins = coins;
  }

  handle(header: number, data: Uint8Array): SimReply | null {
    switch (header) {
      case Header.SIMPLE_POLL:
        return ack();
      case Header.REQUEST_EQUIPMENT_CATEGORY:
        return asciiReply('Payout');
      case Header.REQUEST_SERIAL_NUMBER:
        return serialReply(this.serial);
      case Header.ENABLE_HOPPER:
        this.enabled = data[0] === HOPPER_ENABLE_CODE;
        return ack();
      case Header.REQUEST_HOPPER_STATUS:
        return ack([this.counter, this.remaining, this.lastPaid, this.lastUnpaid]);
      case Header.TEST_HOPPER:
        return ack([(this.stalled ? FLAG_PAYOUT_TIMEOUT : 0) | (this.enabled ? 0 : FLAG_PAYOUT_DISABLED)]);
      case Header.DISPENSE_HOPPER_COINS:
        return this.dispense(data);
      default:
        return nak();
    }
  }

  private dispense(data: Uint8Array): SimReply {
    const serial = (data[0] ?? 0) | ((data[1] ?? 0) << 8) | ((data[2] ?? 0) << 16);
    const count = data[3] ?? 0;
    if (data.length !== DISPENSE_DATA_LENGTH || serial !== this.serial || !this.enabled || this.remaining > 0 || count === 0) return nak();
    this.counter = nextCounter(this.counter);
    this.remaining = count;
    this.lastPaid = 0;
    this.lastUnpaid = 0;
    this.stalled = false;
    this.timer = setTimeout(() => this.payOne(), this.coinMs);
    return ack();
  }

  private payOne(): void {
    const jammed = this.jamAfterCoins !== undefined && this.lastPaid >= this.jamAfterCoins;
    if (jammed || this.stock === 0) {
      // The hopper gives up: what was not paid is reported as unpaid.
      this.jamAfterCoins = undefined;
      this.stalled = true;
      this.lastUnpaid = this.remaining;
      this.remaining = 0;
      return;
    }
    this.stock--;
    this.totalPaid++;
    this.lastPaid++;
    this.remaining--;
    if (this.remaining > 0) this.timer = setTimeout(() => this.payOne(), this.coinMs);
  }
}

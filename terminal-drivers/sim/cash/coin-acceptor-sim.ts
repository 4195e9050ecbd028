import { formatCoinId, Address, CoinError, Header } from '../../cash/headers.ts';
import { EVENT_BUFFER_SLOTS, nextCounter } from '../../cash/event-counter.ts';
import { ack, asciiReply, CcTalkBusSim, CcTalkSimDevice, nak, serialReply, type CcTalkBusSimOptions, type SimReply } from './cctalk-bus-sim.ts';

/**
 * A ccTalk coin acceptor with its own inhibits, event counter and 5-slot buffer. Coins and faults
 * are injected by tests, the CLI and the developer panel; the host sees them only through 229.
 */
export interface CoinAcceptorSimOptions {
  /** Default 2. */
  address?: number;
  /** Coin values by type, type 1 first. Default the euro coins 5c, 10c, 20c, 50c, 1 €, 2 €. */
  coinValuesCents?: number[];
  /** Default 0x123456. */
  serial?: number;
  /** Default 'CKS'. */
  manufacturer?: string;
  /** Default 'CUP-COIN-SIM'. */
  product?: string;
}

export type InsertOutcome = 'accepted' | 'inhibited' | 'rejected';

const DEFAULT_COINS = [5, 10, 20, 50, 100, 200];
const COIN_TYPES = 16;
const EMPTY_COIN_ID = '......'; // what 184 answers for an unused coin type
const SORTER_PATH = 1; // B of a credit event: the path the coin took
const MASTER_NORMAL = 1; // 228 [1]

export class CoinAcceptorSim extends CcTalkSimDevice {
  readonly serial: number;
  readonly manufacturer: string;
  readonly product: string;
  readonly coinValuesCents: readonly number[];
  /** 231 mask: a 1 bit enables that coin type. 0 after power-up. */
  inhibitMask = 0;
  /** 228: false after power-up (nothing accepted until the host says so). */
  masterEnabled = false;
  /** 0 after power-up, then 1..255 wrapping to 1. */
  counter = 0;
  /** Newest first, [A, B] per event, always 5 slots. */
  private events: Array<[number, number]> = emptyBuffer();
  private bus: CcTalkBusSim | undefined;

  constructor(options: CoinAcceptorSimOptions = {}) {
    super(options.address ?? Address.COIN_ACCEPTOR);
    this.serial = options.serial ?? 0x123456;
    this.manufacturer = options.manufacturer ?? 'CKS';
    this.product = options.product ?? 'CUP-COIN-SIM';
    this.coinValuesCents = options.coinValuesCents ?? DEFAULT_COINS;
  }

  /** A coin acceptor alone on its own simulated wire at `devicePath`. */
  static async open(devicePath: string, options: CoinAcceptorSimOptions & CcTalkBusSimOptions = {}): Promise<CoinAcceptorSim> {
    const bus = await CcTalkBusSim.open(devicePath, options);
    const sim = bus.attach(new CoinAcceptorSim(options));
    sim.bus = bus;
    return sim;
  }

  /** The wire this device was opened on (for echo on/off). */
  get wire(): CcTalkBusSim | undefined {
    return this.bus;
  }

  async close(): Promise<void> {
    await this.bus?.close();
  }

  /** A citizen drops a coin: credited only if its type is enabled and the master inhibit is off. */
  insertCoin(valueCents: number): InsertOutcome {
    const index = this.coinValuesCents.indexOf(valueCents);
    if (index < 0) {
      this.pushEvent(0, CoinError.REJECT_COIN);
      return 'rejected';
    }
    const type = index + 1;
    if (!this.masterEnabled || (this.inhibitMask & (1 << index)) === 0) {
      this.pushEvent(0, CoinError.INHIBITED_COIN);
      return 'inhibited';
    }
    this.pushEvent(type, SORTER_PATH);
    return 'accepted';
  }

  /** The device refuses a coin it cannot validate. */
  reject(): void {
    this.pushEvent(0, CoinError.REJECT_COIN);
  }

  /** A coin stuck on the credit sensor. */
  jam(): void {
    this.pushEvent(0, CoinError.CREDIT_SENSOR_BLOCKED);
  }

  /** A coin on a string pulled back through the mechanism. */
  fraud(): void {
    this.pushEvent(0, CoinError.COIN_ON_STRING);
  }

  /** Power lost and back: counter 0, buffer empty, everything inhibited. */
  powerCycle(): void {
    this.counter = 0;
    this.events = emptyBuffer();
    this.inhibitMask = 0;
    this.masterEnabled = false;
  }

  handle(header: number, data: Uint8Array): SimReply | null {
    switch (header) {
      case Header.SIMPLE_POLL:
        return ack();
      case Header.REQUEST_EQUIPMENT_CATEGORY:
        return asciiReply('Coin Acceptor');
      case Header.REQUEST_MANUFACTURER_ID:
        return asciiReply(this.manufacturer);
      case Header.REQUEST_PRODUCT_CODE:
        return asciiReply(this.product);
      case Header.REQUEST_SERIAL_NUMBER:
        return serialReply(this.serial);
      case Header.REQUEST_COIN_ID: {
        const type = data[0] ?? 0;
        if (type < 1 || type > COIN_TYPES) return nak();
        const value = this.coinValuesCents[type - 1];
        return asciiReply(value === undefined ? EMPTY_COIN_ID : formatCoinId(value));
      }
      case Header.MODIFY_INHIBIT_STATUS:
        if (data.length !== 2) return nak();
        this.inhibitMask = (data[0] ?? 0) | ((data[1] ?? 0) << 8);
        return ack();
      case Header.MODIFY_MASTER_INHIBIT:
        if (data.length !== 1) return nak();
        this.masterEnabled = ((data[0] ?? 0) & MASTER_NORMAL) === MASTER_NORMAL;
        return ack();
      case Header.READ_BUFFERED_CREDIT:
        return ack([this.counter, ...this.events.flat()]);
      case Header.RESET_DEVICE:
        // The reply goes out first, then the device restarts, as hardware does.
        queueMicrotask(() => this.powerCycle());
        return ack();
      default:
        return nak();
    }
  }

  private pushEvent(a: number, b: number): void {
    this.counter = nextCounter(this.counter);
    this.events.unshift([a, b]);
    this.events.length = EVENT_BUFFER_SLOTS;
  }
}

function emptyBuffer(): Array<[number, number]> {
  return Array.from({ length: EVENT_BUFFER_SLOTS }, () => [0, 0] as [number, number]);
}

import { BillPosition, BillRoute, BillRouteReply, BillStatus } from '../../cash/bill-events.ts';
import { EVENT_BUFFER_SLOTS, nextCounter } from '../../cash/event-counter.ts';
import { Address, formatBillId, Header } from '../../cash/headers.ts';
import { ack, asciiReply, CcTalkBusSim, CcTalkSimDevice, nak, serialReply, type CcTalkBusSimOptions, type SimReply } from './cctalk-bus-sim.ts';

/**
 * A ccTalk bill validator with escrow, its own inhibits, event counter, 5-slot buffer and stacker.
 * Bills and faults are injected by tests, the CLI and the developer panel; the host sees them only
 * through 159 and acts through 154.
 */
export interface BillValidatorSimOptions {
  /** Default 40. */
  address?: number;
  /** Bill values by type, type 1 first. Default 5 €, 10 €, 20 €, 50 €. */
  billValuesCents?: number[];
  /** Hold each bill in escrow until the host routes it; false stacks at once. Default true. */
  escrow?: boolean;
  /** A bill left in escrow this long without a route is given back, in ms. Default 5000. */
  escrowTimeoutMs?: number;
  /** Bills the stacker holds. Default 500. */
  stackerCapacity?: number;
  /** Default 0x0b1001. */
  serial?: number;
  /** Default 'CKS'. */
  manufacturer?: string;
  /** Default 'CUP-BILL-SIM'. */
  product?: string;
}

export type BillInsertOutcome = 'escrow' | 'stacked' | 'inhibited' | 'rejected' | 'busy' | 'refused';

const DEFAULT_BILLS = [500, 1000, 2000, 5000];
const BILL_TYPES = 16;
const EMPTY_BILL_ID = '.......'; // what 157 answers for an unused bill type
const MASTER_NORMAL = 1; // 228 [1]

export class BillValidatorSim extends CcTalkSimDevice {
  readonly serial: number;
  readonly manufacturer: string;
  readonly product: string;
  readonly billValuesCents: readonly number[];
  /** True: bills wait in escrow for 154; false: stacked at once. May be changed while running. */
  escrowMode: boolean;
  escrowTimeoutMs: number;
  stackerCapacity: number;
  /** 231 mask: a 1 bit enables that bill type. 0 after power-up. */
  inhibitMask = 0;
  /** 228: false after power-up. */
  masterEnabled = false;
  counter = 0;
  /** Bills in the stacker (the cash box), by value, for tests. */
  readonly stacked: number[] = [];
  stackerPresent = true;
  /** The bill type held in escrow, if any. */
  private held: number | undefined;
  /** Set by `fillStacker`, as a sensor would, whatever the count says; emptying clears it. */
  private reportedFull = false;
  private escrowTimer: ReturnType<typeof setTimeout> | undefined;
  private events: Array<[number, number]> = emptyBuffer();
  private bus: CcTalkBusSim | undefined;

  constructor(options: BillValidatorSimOptions = {}) {
    super(options.address ?? Address.BILL_VALIDATOR);
    this.serial = options.serial ?? 0x0b1001;
    this.manufacturer = options.manufacturer ?? 'CKS';
    this.product = options.product ?? 'CUP-BILL-SIM';
    this.billValuesCents = options.billValuesCents ?? DEFAULT_BILLS;
    this.escrowMode = options.escrow ?? true;
    this.escrowTimeoutMs = options.escrowTimeoutMs ?? 5000;
    this.stackerCapacity = options.stackerCapacity ?? 500;
  }

  /** A bill validator alone on its own simulated wire at `devicePath`. */
  static async open(devicePath: string, options: BillValidatorSimOptions & CcTalkBusSimOptions = {}): Promise<BillValidatorSim> {
    const bus = await CcTalkBusSim.open(devicePath, options);
    const sim = bus.attach(new BillValidatorSim(options));
    sim.bus = bus;
    return sim;
  }

  get wire(): CcTalkBusSim | undefined {
    return this.bus;
  }

  /** The value of the bill in escrow, if one is held. */
  get escrowCents(): number | undefined {
    return this.held === undefined ? undefined : this.billValuesCents[this.held - 1];
  }

  get stackerFull(): boolean {
    return this.reportedFull || this.stacked.length >= this.stackerCapacity;
  }

  async close(): Promise<void> {
    this.clearEscrowTimer();
    await this.bus?.close();
  }

  /** A citizen feeds a bill: held in escrow (or stacked) only if enabled and the stacker can take it. */
  insertBill(valueCents: number): BillInsertOutcome {
    if (this.held !== undefined) return 'busy'; // the slot is closed while a bill is held
    if (!this.stackerPresent || this.stackerFull) {
      // The validator will not take bills it cannot stack; it says why again.
      this.pushEvent(0, this.stackerPresent ? BillStatus.STACKER_FULL : BillStatus.STACKER_REMOVED);
      return 'refused';
    }
    const index = this.billValuesCents.indexOf(valueCents);
    if (index < 0) {
      this.pushEvent(0, BillStatus.INVALID_VALIDATION);
      return 'rejected';
    }
    if (!this.masterEnabled) {
      this.pushEvent(0, BillStatus.MASTER_INHIBIT_ACTIVE);
      return 'inhibited';
    }
    if ((this.inhibitMask & (1 << index)) === 0) {
      this.pushEvent(0, BillStatus.INHIBITED_SERIAL);
      return 'inhibited';
    }
    const type = index + 1;
    if (!this.escrowMode) {
      this.stack(type);
      return 'stacked';
    }
    this.held = type;
    this.pushEvent(type, BillPosition.ESCROW);
    this.armEscrowTimer();
    return 'escrow';
  }

  /** The validator cannot read a bill and gives it back. */
  reject(): void {
    this.pushEvent(0, BillStatus.INVALID_VALIDATION);
  }

  /** A bill stuck in the transport (or in the stacker); a held bill is lost in the jam. */
  jam(where: 'transport' | 'stacker' = 'transport'): void {
    this.dropHeld();
    this.pushEvent(0, where === 'transport' ? BillStatus.JAM_TRANSPORT_SAFE : BillStatus.JAM_STACKER);
  }

  /** The bill in escrow (or one being read) is pulled back out on a string. */
  fraud(): void {
    this.dropHeld();
    this.pushEvent(0, BillStatus.PULLED_BACK);
  }

  /** The stacker reports full: no bill is taken until it is emptied. */
  fillStacker(): void {
    this.reportedFull = true;
    this.pushEvent(0, BillStatus.STACKER_FULL);
  }

  /** A technician takes the cash box out (and empties it). */
  removeStacker(): void {
    this.stackerPresent = false;
    this.stacked.length = 0;
    this.reportedFull = false;
    this.pushEvent(0, BillStatus.STACKER_REMOVED);
  }

  insertStacker(): void {
    this.stackerPresent = true;
    this.pushEvent(0, BillStatus.STACKER_INSERTED);
  }

  /** Power lost and back: counter 0, buffer empty, everything inhibited, a held bill given back. */
  powerCycle(): void {
    this.dropHeld();
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
        return asciiReply('Bill Validator');
      case Header.REQUEST_MANUFACTURER_ID:
        return asciiReply(this.manufacturer);
      case Header.REQUEST_PRODUCT_CODE:
        return asciiReply(this.product);
      case Header.REQUEST_SERIAL_NUMBER:
        return serialReply(this.serial);
      case Header.REQUEST_BILL_ID: {
        const type = data[0] ?? 0;
        if (type < 1 || type > BILL_TYPES) return nak();
        const value = this.billValuesCents[type - 1];
        return asciiReply(value === undefined ? EMPTY_BILL_ID : formatBillId(value));
      }
      case Header.MODIFY_INHIBIT_STATUS:
        if (data.length !== 2) return nak();
        this.inhibitMask = (data[0] ?? 0) | ((data[1] ?? 0) << 8);
        return ack();
      case Header.MODIFY_MASTER_INHIBIT:
        if (data.length !== 1) return nak();
        this.masterEnabled = ((data[0] ?? 0) & MASTER_NORMAL) === MASTER_NORMAL;
        return ack();
      case Header.READ_BUFFERED_BILL_EVENTS:
        return ack([this.counter, ...this.events.flat()]);
      case Header.ROUTE_BILL:
        return data.length === 1 ? this.route(data[0] ?? 0) : nak();
      case Header.RESET_DEVICE:
        // The reply goes out first, then the device restarts, as hardware does.
        queueMicrotask(() => this.powerCycle());
        return ack();
      default:
        return nak();
    }
  }

  private route(code: number): SimReply {
    const type = this.held;
    if (type === undefined) return ack([BillRouteReply.ESCROW_EMPTY]);
    if (code === BillRoute.EXTEND_ESCROW) {
      this.armEscrowTimer();
      return ack();
    }
    if (code === BillRoute.STACK) {
      if (!this.stackerPresent || this.stackerFull) return ack([BillRouteReply.FAILED]);
      this.clearEscrowTimer();
      this.held = undefined;
      this.stack(type);
      return ack();
    }
    if (code === BillRoute.RETURN) {
      this.giveBack();
      return ack();
    }
    return nak();
  }

  private stack(type: number): void {
    this.stacked.push(this.billValuesCents[type - 1] ?? 0);
    this.pushEvent(type, BillPosition.STACKED);
  }

  private giveBack(): void {
    this.dropHeld();
    this.pushEvent(0, BillStatus.RETURNED_FROM_ESCROW);
  }

  private dropHeld(): void {
    this.clearEscrowTimer();
    this.held = undefined;
  }

  private armEscrowTimer(): void {
    this.clearEscrowTimer();
    this.escrowTimer = setTimeout(() => this.giveBack(), this.escrowTimeoutMs);
  }

  private clearEscrowTimer(): void {
    if (this.escrowTimer !== undefined) clearTimeout(this.escrowTimer);
    this.escrowTimer = undefined;
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

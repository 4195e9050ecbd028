import type { CcTalkBus } from './bus.ts';
import { asciiData, serialFrom } from './device-identity.ts';
import { HopperPayoutError } from './errors.ts';
import { Address, Header, HOPPER_ENABLE_CODE } from './headers.ts';

/**
 * Driver of one ccTalk payout hopper (one coin value). Contract:
 * - `dispense` is sent once, never retried: a lost reply does not mean the coins were not paid.
 *   What was paid is learnt from 166 (request hopper status), which is safe to repeat.
 * - `payout` resolves with paid and unpaid counts when the hopper reports the payout finished;
 *   a hopper that runs empty or jams finishes early with `unpaid` > 0, which is not an error: the
 *   host moves the rest to another hopper or to a voucher. It rejects only when the hopper cannot
 *   be asked (bus errors) or never reports the end (HOPPER_PAYOUT_FAILED).
 */
export interface HopperOptions {
  bus: CcTalkBus;
  /** Value of the coins this hopper holds, in cents. */
  valueCents: number;
  /** Default 3 (the first payout hopper). */
  address?: number;
}

export interface HopperStatus {
  /** Counts dispense commands accepted since power-up (0 just after reset, then 1..255). */
  eventCounter: number;
  /** Coins still to pay in the current payout. */
  remaining: number;
  lastPaid: number;
  lastUnpaid: number;
}

export interface PayoutResult {
  valueCents: number;
  requested: number;
  paid: number;
  unpaid: number;
}

export interface PayoutOptions {
  /** Status poll period in ms. Default 50. */
  pollMs?: number;
  /** Give up waiting for the end of the payout after this many ms. Default 30 000. */
  timeoutMs?: number;
}

/** 167 carries the count in one byte. */
const MAX_COINS_PER_DISPENSE = 255;
const HOPPER_DISABLE_CODE = 0; // 164 [anything but 165] disables

export class Hopper {
  readonly address: number;
  readonly valueCents: number;
  private readonly bus: CcTalkBus;
  private serialNumber: number | undefined;

  constructor(options: HopperOptions) {
    this.bus = options.bus;
    this.valueCents = options.valueCents;
    this.address = options.address ?? Address.FIRST_HOPPER;
  }

  get serial(): number | undefined {
    return this.serialNumber;
  }

  /** Reads the serial number that every dispense must carry. */
  async start(): Promise<{ category: string; serial: number }> {
    const category = asciiData(await this.bus.request(this.address, Header.REQUEST_EQUIPMENT_CATEGORY));
    this.serialNumber = serialFrom(await this.bus.request(this.address, Header.REQUEST_SERIAL_NUMBER));
    return { category, serial: this.serialNumber };
  }

  async enable(): Promise<void> {
    await this.bus.request(this.address, Header.ENABLE_HOPPER, [HOPPER_ENABLE_CODE]);
  }

  async disable(): Promise<void> {
    await this.bus.request(this.address, Header.ENABLE_HOPPER, [HOPPER_DISABLE_CODE]);
  }

  async status(): Promise<HopperStatus> {
    const d = await this.bus.request(this.address, Header.REQUEST_HOPPER_STATUS);
    return { eventCounter: d[0] ?? 0, remaining: d[1] ?? 0, lastPaid: d[2] ?? 0, lastUnpaid: d[3] ?? 0 };
  }

  /** Raw flag bytes of 163 (test hopper), for diagnostics. */
  async test(): Promise<number[]> {
    return [...(await this.bus.request(this.address, Header.TEST_HOPPER))];
  }

  /** Sends one dispense command (167), once. */
  async dispense(count: number): Promise<void> {
    if (this.serialNumber === undefined) throw new HopperPayoutError('dispense before start(): the serial number is not known', { address: this.address });
    if (!Number.isInteger(count) || count < 1 || count > MAX_COINS_PER_DISPENSE) {
      throw new HopperPayoutError(`a dispense pays 1 to ${MAX_COINS_PER_DISPENSE} coins, asked ${count}`, { count });
    }
    const s = this.serialNumber;
    await this.bus.request(this.address, Header.DISPENSE_HOPPER_COINS, [s & 0xff, (s >> 8) & 0xff, (s >> 16) & 0xff, count]);
  }

  /** Dispenses `count` coins and waits for the hopper to report how many it paid. */
  async payout(count: number, options: PayoutOptions = {}): Promise<PayoutResult> {
    const pollMs = options.pollMs ?? 50;
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    const before = await this.status();
    await this.dispense(count);
    for (;;) {
      await new Promise((r) => setTimeout(r, pollMs));
      const now = await this.status();
      if (now.eventCounter !== before.eventCounter && now.remaining === 0) {
        return { valueCents: this.valueCents, requested: count, paid: now.lastPaid, unpaid: now.lastUnpaid };
      }
      if (Date.now() > deadline) {
        throw new HopperPayoutError(`hopper ${this.address} did not finish paying ${count} coins`, { address: this.address, status: now });
      }
    }
  }
}

import { EventEmitter } from 'node:events';
import type { CcTalkBus } from './bus.ts';
import { asciiData, readDeviceIdentity, type DeviceIdentity } from './device-identity.ts';
import { compareCounter, newEvents, type BufferedEvent } from './event-counter.ts';
import { Address, classifyCoinError, CoinError, Header, parseCoinId } from './headers.ts';

/**
 * Driver of a ccTalk coin acceptor on a shared bus.
 *
 * Contract:
 * - A coin accepted by the device reaches the host once: `onCredit` is awaited before the driver
 *   counts the event as handled, so a host that writes the credit durably in `onCredit` and
 *   restarts with `resumeCounter` set to the last counter it wrote never counts a coin twice and
 *   never skips one the device still holds in its buffer.
 * - If `onCredit` rejects, the driver emits `credit-failed` and offers the same event again on the
 *   next poll (the handler must be idempotent by device serial and event counter).
 * - More new events than the device buffers are reported with `lost-events`, never guessed.
 * - A counter back at 0 is reported with `reset`; the driver then sends the inhibits again, since
 *   a device comes out of reset inhibited.
 */
export interface CoinCredit {
  valueCents: number;
  coinType: number;
  eventCounter: number;
  deviceSerial: number;
}

/** What the coin acceptor tells about itself: the identity every ccTalk device gives. */
export type CoinAcceptorIdentity = DeviceIdentity;

export interface CoinAcceptorOptions {
  bus: CcTalkBus;
  /** Where the host writes the credit durably; the driver waits for it. */
  onCredit: (credit: CoinCredit) => Promise<void>;
  /** Device address. Default 2. */
  address?: number;
  /** Period of the 229 poll in ms. Default 100. */
  pollMs?: number;
  /** Consecutive failed polls before `offline`. Default 3. */
  offlineAfterMisses?: number;
  /**
   * The last event counter the host recorded for this device (from its ledger). Without it, events
   * already in the device buffer when the driver starts are taken as handled by an earlier host.
   */
  resumeCounter?: number;
}

export type CoinFaultKind = 'jam' | 'fraud' | 'unknown-coin' | 'other';

export interface CoinAcceptorEvents {
  credit: [CoinCredit];
  rejected: [{ reason: number; eventCounter: number }];
  fault: [{ kind: CoinFaultKind; code: number; eventCounter: number }];
  'lost-events': [{ lost: number; lastSeen: number; counter: number }];
  reset: [];
  offline: [{ code: string }];
  online: [];
  'credit-failed': [{ eventCounter: number; error: unknown }];
}

/** Coin types a ccTalk coin acceptor can report (184 takes 1-16). */
const COIN_TYPES = 16;
const MASTER_INHIBIT_ALL = 0; // 228 [0]: accept nothing
const MASTER_NORMAL = 1; // 228 [1]: accept the coin types the 231 mask enables


export class CoinAcceptor extends EventEmitter<CoinAcceptorEvents> {
  readonly address: number;
  /** Known coin types and their values in cents, read at start. */
  readonly coins = new Map<number, number>();
  private identityRead: CoinAcceptorIdentity | undefined;
  private readonly bus: CcTalkBus;
  private readonly onCredit: (credit: CoinCredit) => Promise<void>;
  private readonly pollMs: number;
  private readonly offlineAfterMisses: number;
  private lastSeen: number | undefined;
  private mask = 0;
  private master = MASTER_INHIBIT_ALL;
  private misses = 0;
  private offline = false;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(options: CoinAcceptorOptions) {
    super();
    this.bus = options.bus;
    this.onCredit = options.onCredit;
    this.address = options.address ?? Address.COIN_ACCEPTOR;
    this.pollMs = options.pollMs ?? 100;
    this.offlineAfterMisses = options.offlineAfterMisses ?? 3;
    this.lastSeen = options.resumeCounter;
  }

  get identity(): CoinAcceptorIdentity | undefined {
    return this.identityRead;
  }

  /** The counter of the last event handled (what a host may store besides its credits). */
  get lastSeenCounter(): number | undefined {
    return this.lastSeen;
  }

  get isOffline(): boolean {
    return this.offline;
  }

  /**
   * Reads the identity and coin table, leaves every known coin enabled in the mask but the master
   * inhibit on (nothing accepted until `enable`), and starts polling. Rejects with the bus error
   * when the device does not answer.
   */
  async start(): Promise<CoinAcceptorIdentity> {
    const req = (h: number, d: number[] = []): Promise<Uint8Array> => this.bus.request(this.address, h, d);
    this.identityRead = await readDeviceIdentity(this.bus, this.address);
    this.coins.clear();
    for (let type = 1; type <= COIN_TYPES; type++) {
      let id;
      try {
        id = parseCoinId(asciiData(await req(Header.REQUEST_COIN_ID, [type])));
      } catch {
        id = null; // a slot with an id we cannot read is left inhibited
      }
      if (id) this.coins.set(type, id.valueCents);
    }
    this.mask = this.maskFor(undefined);
    this.master = MASTER_INHIBIT_ALL;
    await this.applyInhibits();
    if (this.lastSeen === undefined) {
      // First contact without a ledger: what is buffered now was handled by an earlier host, and
      // every event after `start` resolves is new.
      this.lastSeen = (await req(Header.READ_BUFFERED_CREDIT))[0] ?? 0;
    }
    this.running = true;
    this.schedule(0);
    return this.identityRead;
  }

  /** Accepts the coins of the given values (all known coins when omitted). */
  async enable(valuesCents?: number[]): Promise<void> {
    this.mask = this.maskFor(valuesCents);
    this.master = MASTER_NORMAL;
    await this.applyInhibits();
  }

  /** Accepts nothing: coins inserted now are returned by the device. */
  async disable(): Promise<void> {
    this.master = MASTER_INHIBIT_ALL;
    await this.bus.request(this.address, Header.MODIFY_MASTER_INHIBIT, [this.master]);
  }

  /** Stops polling and waits for a poll in progress (and its `onCredit`) to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /** One 229 poll and the handling of its new events; the poll loop calls it every `pollMs`. */
  async poll(): Promise<void> {
    let reply: Uint8Array;
    try {
      reply = await this.bus.request(this.address, Header.READ_BUFFERED_CREDIT);
    } catch (e) {
      this.misses++;
      if (this.misses >= this.offlineAfterMisses && !this.offline) {
        this.offline = true;
        this.emit('offline', { code: (e as { code?: string }).code ?? 'UNKNOWN' });
      }
      return;
    }
    this.misses = 0;
    if (this.offline) {
      this.offline = false;
      this.emit('online');
    }
    const counter = reply[0] ?? 0;
    const change = compareCounter(this.lastSeen ?? counter, counter);
    if (change.kind === 'reset') {
      this.lastSeen = 0;
      this.emit('reset');
      await this.applyInhibits().catch(() => undefined); // the next poll finds out if it is still away
      return;
    }
    if (change.kind === 'events' && change.lost > 0) {
      this.emit('lost-events', { lost: change.lost, lastSeen: this.lastSeen ?? 0, counter });
    }
    for (const event of newEvents(reply, change)) {
      if (!(await this.handle(event))) return;
      this.lastSeen = event.counter;
    }
  }

  /** False when the event must be offered again on the next poll. */
  private async handle(event: BufferedEvent): Promise<boolean> {
    const { counter: eventCounter, a, b } = event;
    if (a === 0) {
      if (b === CoinError.NULL_EVENT) return true;
      const kind = classifyCoinError(b);
      if (kind === 'rejected') this.emit('rejected', { reason: b, eventCounter });
      else this.emit('fault', { kind, code: b, eventCounter });
      return true;
    }
    const valueCents = this.coins.get(a);
    if (valueCents === undefined) {
      this.emit('fault', { kind: 'unknown-coin', code: a, eventCounter });
      return true;
    }
    const credit: CoinCredit = { valueCents, coinType: a, eventCounter, deviceSerial: this.identityRead?.serial ?? 0 };
    try {
      await this.onCredit(credit);
    } catch (error) {
      this.emit('credit-failed', { eventCounter, error });
      return false;
    }
    this.emit('credit', credit);
    return true;
  }

  private maskFor(valuesCents: number[] | undefined): number {
    let mask = 0;
    for (const [type, value] of this.coins) {
      if (valuesCents === undefined || valuesCents.includes(value)) mask |= 1 << (type - 1);
    }
    return mask;
  }

  private async applyInhibits(): Promise<void> {
    await this.bus.request(this.address, Header.MODIFY_INHIBIT_STATUS, [this.mask & 0xff, (this.mask >> 8) & 0xff]);
    await this.bus.request(this.address, Header.MODIFY_MASTER_INHIBIT, [this.master]);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      const started = Date.now();
      this.inFlight = this.poll().finally(() => this.schedule(Math.max(0, this.pollMs - (Date.now() - started))));
    }, delayMs);
  }
}

import { EventEmitter } from 'node:events';
import { BillPosition, BillRoute, BillRouteReply, classifyBillStatus } from './bill-events.ts';
import type { BillCredit, BillValidatorEvents, BillValidatorIdentity, BillValidatorOptions, EscrowDecision, EscrowedBill } from './bill-validator-contract.ts';
import type { CcTalkBus } from './bus.ts';
import { asciiData, readDeviceIdentity } from './device-identity.ts';
import { BillRouteError } from './errors.ts';
import { compareCounter, newEvents, type BufferedEvent } from './event-counter.ts';
import { Address, Header, parseBillId } from './headers.ts';

/** Bill types a ccTalk validator can report (157 takes 1-16 in the 231 mask's two bytes). */
const BILL_TYPES = 16;
const MASTER_INHIBIT_ALL = 0; // 228 [0]: accept nothing
const MASTER_NORMAL = 1; // 228 [1]: accept the bill types the 231 mask enables
const ROUTE_CODE: Record<EscrowDecision | 'extend', number> = { stack: BillRoute.STACK, return: BillRoute.RETURN, extend: BillRoute.EXTEND_ESCROW };

/** Driver of a ccTalk bill validator with escrow on a shared bus; its guarantees are in bill-validator-contract.ts. */
export class BillValidator extends EventEmitter<BillValidatorEvents> {
  readonly address: number;
  /** Known bill types and their values in cents, read at start. */
  readonly bills = new Map<number, number>();
  private identityRead: BillValidatorIdentity | undefined;
  private readonly bus: CcTalkBus;
  private readonly onCredit: (credit: BillCredit) => Promise<void>;
  private readonly onEscrow: (bill: EscrowedBill) => Promise<EscrowDecision>;
  private readonly pollMs: number;
  private readonly offlineAfterMisses: number;
  private readonly escrowExtendMs: number;
  private lastSeen: number | undefined;
  private mask = 0;
  private master = MASTER_INHIBIT_ALL;
  private misses = 0;
  private offline = false;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  /** A route sent whose reply never came: the bill may still be held. */
  private unrouted: { decision: EscrowDecision; eventCounter: number } | undefined;

  constructor(options: BillValidatorOptions) {
    super();
    this.bus = options.bus;
    this.onCredit = options.onCredit;
    this.onEscrow = options.onEscrow;
    this.address = options.address ?? Address.BILL_VALIDATOR;
    this.pollMs = options.pollMs ?? 100;
    this.offlineAfterMisses = options.offlineAfterMisses ?? 3;
    this.escrowExtendMs = options.escrowExtendMs ?? 2000;
    this.lastSeen = options.resumeCounter;
  }

  get identity(): BillValidatorIdentity | undefined {
    return this.identityRead;
  }

  get lastSeenCounter(): number | undefined {
    return this.lastSeen;
  }

  get isOffline(): boolean {
    return this.offline;
  }

  /**
   * Reads the identity and bill table, inhibits everything (master inhibit on, known bills in the
   * mask) and starts polling. Without `resumeCounter`, a bill found still in escrow was never
   * decided by any host that recorded it: it is returned to the citizen.
   */
  async start(): Promise<BillValidatorIdentity> {
    this.identityRead = await readDeviceIdentity(this.bus, this.address);
    this.bills.clear();
    for (let type = 1; type <= BILL_TYPES; type++) {
      let id;
      try {
        id = parseBillId(asciiData(await this.bus.request(this.address, Header.REQUEST_BILL_ID, [type])));
      } catch {
        id = null; // a slot with an id we cannot read is left inhibited
      }
      if (id) this.bills.set(type, id.valueCents);
    }
    this.mask = this.maskFor(undefined);
    this.master = MASTER_INHIBIT_ALL;
    await this.applyInhibits();
    if (this.lastSeen === undefined) {
      const reply = await this.bus.request(this.address, Header.READ_BUFFERED_BILL_EVENTS);
      this.lastSeen = reply[0] ?? 0;
      if (this.lastSeen !== 0 && (reply[1] ?? 0) !== 0 && reply[2] === BillPosition.ESCROW) {
        await this.route('return').catch(() => undefined); // escrow already empty is fine
      }
    }
    this.running = true;
    this.schedule(0);
    return this.identityRead;
  }

  /** Accepts the bills of the given values (all known bills when omitted). */
  async enable(valuesCents?: number[]): Promise<void> {
    this.mask = this.maskFor(valuesCents);
    this.master = MASTER_NORMAL;
    await this.applyInhibits();
  }

  /** Accepts nothing: bills inserted now are given back by the validator. */
  async disable(): Promise<void> {
    this.master = MASTER_INHIBIT_ALL;
    await this.bus.request(this.address, Header.MODIFY_MASTER_INHIBIT, [this.master]);
  }

  /** Software reset (1): the device comes back with counter 0, which the next poll reports as `reset`. */
  async reset(): Promise<void> {
    await this.bus.request(this.address, Header.RESET_DEVICE);
  }

  /** Stops polling and waits for a poll in progress (with its `onCredit` or `onEscrow`) to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /** Sends 154 once. Rejects with BILL_ROUTE_FAILED when the escrow is empty or routing failed. */
  async route(decision: EscrowDecision | 'extend'): Promise<void> {
    const reply = await this.bus.request(this.address, Header.ROUTE_BILL, [ROUTE_CODE[decision]]);
    const code = reply[0];
    if (code === BillRouteReply.ESCROW_EMPTY) throw new BillRouteError('no bill in escrow', { decision, reason: 'escrow-empty' });
    if (code === BillRouteReply.FAILED) throw new BillRouteError(`the validator could not ${decision} the bill`, { decision, reason: 'failed' });
  }

  /** One 159 poll and the handling of its new events; the poll loop calls it every `pollMs`. */
  async poll(): Promise<void> {
    let reply: Uint8Array;
    try {
      reply = await this.bus.request(this.address, Header.READ_BUFFERED_BILL_EVENTS);
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
    if (change.kind === 'none') {
      if (this.unrouted) await this.sendRoute(this.unrouted.decision, this.unrouted.eventCounter);
      return;
    }
    this.unrouted = undefined;
    if (change.kind === 'reset') {
      this.lastSeen = 0;
      this.emit('reset');
      await this.applyInhibits().catch(() => undefined); // the next poll finds out if it is still away
      return;
    }
    if (change.lost > 0) this.emit('lost-events', { lost: change.lost, lastSeen: this.lastSeen ?? 0, counter });
    for (const event of newEvents(reply, change)) {
      if (!(await this.handle(event, event.counter === counter))) return;
      this.lastSeen = event.counter;
    }
  }

  /** False when the event must be offered again on the next poll. */
  private async handle(event: BufferedEvent, newest: boolean): Promise<boolean> {
    const { counter: eventCounter, a, b } = event;
    if (a === 0) {
      const status = classifyBillStatus(b);
      if (status.event === 'returned') this.emit('returned', { eventCounter });
      else if (status.event === 'rejected') this.emit('rejected', { reason: status.reason, code: b, eventCounter });
      else if (status.event === 'stacker') this.emit('stacker', { state: status.state, code: b, eventCounter });
      else this.emit('fault', { kind: status.kind, code: b, eventCounter });
      return true;
    }
    const valueCents = this.bills.get(a);
    if (valueCents === undefined) {
      this.emit('fault', { kind: 'unknown-bill', code: a, eventCounter });
      if (b === BillPosition.ESCROW && newest) await this.sendRoute('return', eventCounter);
      return true;
    }
    if (b === BillPosition.ESCROW) {
      if (newest) await this.decide({ valueCents, billType: a, eventCounter });
      return true;
    }
    const credit: BillCredit = { valueCents, billType: a, eventCounter, deviceSerial: this.identityRead?.serial ?? 0 };
    try {
      await this.onCredit(credit);
    } catch (error) {
      this.emit('credit-failed', { eventCounter, error });
      return false;
    }
    this.emit('credit', credit);
    return true;
  }

  private async decide(bill: EscrowedBill): Promise<void> {
    this.emit('escrow', bill);
    // The validator gives the bill back on its own after its escrow time; a citizen reading a
    // message on the screen may take longer than that.
    const keepHeld = setInterval(() => void this.route('extend').catch(() => undefined), this.escrowExtendMs);
    let decision: EscrowDecision = 'return';
    try {
      decision = (await this.onEscrow(bill)) === 'stack' ? 'stack' : 'return';
    } catch (error) {
      this.emit('escrow-failed', { eventCounter: bill.eventCounter, error });
    } finally {
      clearInterval(keepHeld);
    }
    await this.sendRoute(decision, bill.eventCounter);
  }

  private async sendRoute(decision: EscrowDecision, eventCounter: number): Promise<void> {
    try {
      await this.route(decision);
      this.unrouted = undefined;
      this.emit('routed', { decision, eventCounter });
    } catch (e) {
      // Only a lost reply leaves the outcome unknown; the device's own answer is final.
      this.unrouted = e instanceof BillRouteError ? undefined : { decision, eventCounter };
      this.emit('route-failed', { decision, eventCounter, code: (e as { code?: string }).code ?? 'UNKNOWN' });
    }
  }

  private maskFor(valuesCents: number[] | undefined): number {
    let mask = 0;
    for (const [type, value] of this.bills) {
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

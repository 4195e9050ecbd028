import type { Heartbeat } from '@cup-kiosk/sync-service/protocol';
import { applyHealthInput, initialDeviceStates, type DeviceStates, type DeviceStatesOptions, type HealthInput } from './device-states.ts';
import { DEFAULT_HOPPER_LOW_BELOW, deviceList, heartbeatBody, type HopperLevel } from './heartbeat-body.ts';
import { HeartbeatSender } from './heartbeat-sender.ts';

/** How a terminal reports its health; every field has a default. */
export interface HeartbeatOptions {
  /** Between two regular heartbeats; default 60,000 ms. */
  intervalMs?: number;
  /** Least time after a heartbeat before one for a state change, and before the first; default 5,000 ms. */
  minGapMs?: number;
  /** Coins under which a hopper is reported low; default 20. */
  hopperLowBelow?: number;
}

/** What of the outbox a heartbeat reports. */
export interface OutboxGauge {
  backlog(): Promise<number>;
  oldestPendingAt(): Promise<string | null>;
  lastAckAt(): Promise<string | null>;
}

export interface HealthReporterOptions extends HeartbeatOptions {
  terminalId: string;
  appVersion: string;
  /** Which optional devices the terminal has. */
  devices: DeviceStatesOptions;
  outbox: OutboxGauge;
  /** The hoppers' levels as the cash ledger says them. */
  hopperLevels(): Promise<HopperLevel[]>;
  /** The signed call to the central (SyncClient.heartbeat). */
  send(body: Heartbeat): Promise<unknown>;
  /** Default `() => new Date()`. */
  now?: () => Date;
  /** Default console.error. */
  log?: (line: string) => void;
}

/**
 * The terminal's health as the host knows it, and its heartbeat to the central. Devices and
 * the host report into `observe`; a report that changes a device's state, a payout that may
 * have taken a hopper low, or a citizen calling for help (or that call ending) brings a
 * heartbeat soon. Nothing here touches a device: it only listens.
 */
export class HealthReporter {
  private states: DeviceStates;
  private readonly sender: HeartbeatSender;
  private readonly now: () => Date;
  private readonly startedAt: Date;
  /** When the standing call for help was made, as the host published it. */
  private assistanceAt: string | undefined;

  constructor(private readonly o: HealthReporterOptions) {
    this.now = o.now ?? (() => new Date());
    this.startedAt = this.now();
    this.states = initialDeviceStates(o.devices);
    this.sender = new HeartbeatSender({
      gather: () => this.heartbeat(),
      send: o.send,
      intervalMs: o.intervalMs,
      minGapMs: o.minGapMs,
      now: () => this.now().getTime(),
      log: o.log,
    });
  }

  observe(input: HealthInput): void {
    if (input.type === 'assistance.requested' || input.type === 'assistance.cleared') {
      const at = input.type === 'assistance.requested' ? input.requestedAt : undefined;
      if (at === this.assistanceAt) return;
      this.assistanceAt = at;
      this.sender.changed();
      return;
    }
    const next = applyHealthInput(this.states, input);
    // A payout changes a hopper's level, which the ledger has: the sender looks whether its state moved.
    if (next === this.states && input.type !== 'hopper.payout') return;
    this.states = next;
    this.sender.changed();
  }

  /** What the sync client last saw of the central. */
  centralReachable(online: boolean): void {
    this.sender.centralReachable(online);
  }

  /** The heartbeat as it would go now. */
  async heartbeat(): Promise<Heartbeat> {
    const [pending, oldestPendingAt, lastAckAt, hoppers] = await Promise.all([this.o.outbox.backlog(), this.o.outbox.oldestPendingAt(), this.o.outbox.lastAckAt(), this.o.hopperLevels()]);
    return heartbeatBody({
      terminalId: this.o.terminalId,
      appVersion: this.o.appVersion,
      startedAt: this.startedAt,
      now: this.now(),
      devices: deviceList(this.states, hoppers, this.o.hopperLowBelow ?? DEFAULT_HOPPER_LOW_BELOW),
      pending,
      oldestPendingAt,
      lastAckAt,
      ...(this.assistanceAt === undefined ? {} : { assistanceRequestedAt: this.assistanceAt }),
    });
  }

  start(): void {
    this.sender.start();
  }

  stop(): Promise<void> {
    return this.sender.stop();
  }
}

import type { Heartbeat } from '@cup-kiosk/sync-service/protocol';
import { changeBeatAt, heartbeatSignature } from './state-change.ts';

export interface HeartbeatSenderOptions {
  /** Builds the heartbeat to send now (devices, outbox, lag). */
  gather(): Promise<Heartbeat>;
  /** Sends it, signed, to the central; rejects when the central cannot be asked or refuses. */
  send(body: Heartbeat): Promise<unknown>;
  /** Between two regular heartbeats; default 60,000 ms. */
  intervalMs?: number;
  /** Least time after a heartbeat before one for a state change; default 5,000 ms. */
  minGapMs?: number;
  /** Default `Date.now`. */
  now?: () => number;
  /** Where the first failure of a run of them is told; default console.error. */
  log?: (line: string) => void;
}

type Reason = 'regular' | 'change' | 'back';

const UNREACHABLE = 'CENTRAL_UNREACHABLE';

const codeOf = (e: unknown) => (e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e));

/**
 * Tells the central how the terminal is: every `intervalMs`, and soon after a device changes
 * state (never sooner than `minGapMs` after the last heartbeat). A heartbeat is a snapshot, so
 * one that fails is dropped, never queued; while the central cannot be reached only the
 * regular beat tries again, and the first answer brings a fresh one. Nothing here throws into
 * the host: failures are logged once per run and otherwise ignored.
 */
export class HeartbeatSender {
  private readonly intervalMs: number;
  private readonly minGapMs: number;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private regular: ReturnType<typeof setTimeout> | undefined;
  private soon: ReturnType<typeof setTimeout> | undefined;
  private soonReason: Reason | undefined;
  private running = false;
  private failing: string | undefined;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private lastSignature: string | undefined;
  private inFlight: Promise<void> | undefined;
  private gathering: Promise<unknown> | undefined;
  /** A change heard while a heartbeat was in flight: looked at again once it ends. */
  private recheck = false;

  constructor(private readonly o: HeartbeatSenderOptions) {
    this.intervalMs = o.intervalMs ?? 60_000;
    this.minGapMs = o.minGapMs ?? 5_000;
    this.now = o.now ?? Date.now;
    this.log = o.log ?? ((line) => console.error(line));
  }

  /** Sends the first heartbeat `minGapMs` from now, then one every `intervalMs`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    // The devices report in first (the printer's first status, the readers pcscd lists), so
    // the first heartbeat does not call them offline; a change meanwhile waits for it too.
    this.lastSentAt = this.now();
    this.regular = setTimeout(() => void this.beat('regular'), this.minGapMs);
  }

  /** A device may have changed state, or a citizen called for help: a heartbeat follows if it did, unless the central is unreachable. */
  changed(): void {
    if (this.failing === undefined) this.beatSoon('change');
  }

  /** What the sync client last saw of the central: a heartbeat follows as soon as it answers again. */
  centralReachable(online: boolean): void {
    // Only after silence: a central that answers and refuses is not asked again before its time.
    if (online && this.failing === UNREACHABLE) this.beatSoon('back');
  }

  /** Stops the timers; a heartbeat in flight is left to the sync client's own stop. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.regular);
    clearTimeout(this.soon);
    this.regular = this.soon = this.soonReason = undefined;
    await this.gathering?.catch(() => undefined);
  }

  private beatSoon(reason: Reason): void {
    if (!this.running) return;
    // One pending at a time; a central back makes it go whatever the devices did.
    if (reason === 'back') this.soonReason = 'back';
    if (this.soon) return;
    this.soonReason ??= reason;
    const delay = changeBeatAt(this.lastSentAt, this.now(), this.minGapMs) - this.now();
    this.soon = setTimeout(() => {
      const why = this.soonReason ?? reason;
      this.soon = this.soonReason = undefined;
      void this.beat(why);
    }, delay);
  }

  private async beat(reason: Reason): Promise<void> {
    if (!this.running) return;
    if (reason === 'regular') {
      clearTimeout(this.regular);
      this.regular = setTimeout(() => void this.beat('regular'), this.intervalMs);
    }
    if (this.inFlight) {
      // One heartbeat at a time; a regular one due meanwhile would say the same.
      if (reason !== 'regular') this.recheck = true;
      return;
    }
    this.inFlight = this.once(reason).finally(() => {
      this.inFlight = undefined;
      if (this.recheck) {
        this.recheck = false;
        this.changed();
      }
    });
    await this.inFlight;
  }

  private async once(reason: Reason): Promise<void> {
    let body: Heartbeat;
    try {
      body = await (this.gathering = this.o.gather());
    } catch (e) {
      return this.failed('cannot gather the terminal health', e);
    } finally {
      this.gathering = undefined;
    }
    const signature = heartbeatSignature(body);
    // A state that flickered and came back since the last heartbeat is not news.
    if (reason === 'change' && signature === this.lastSignature) return;
    if (!this.running) return;
    try {
      await this.o.send(body);
    } catch (e) {
      return this.failed('the central did not take it', e);
    }
    this.lastSentAt = this.now();
    this.lastSignature = signature;
    this.failing = undefined;
  }

  private failed(what: string, e: unknown): void {
    if (!this.running) return;
    const code = codeOf(e);
    // Once per run of the same failure: an unreachable central is not news every minute.
    if (this.failing !== code) this.log(`heartbeat: ${what}: ${code}; next at the regular time`);
    this.failing = code;
  }
}

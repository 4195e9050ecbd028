/**
 * What the simulated terminal does with the payments to come: plans set on command (`next`), and
 * otherwise drawn from a seeded generator or the default outcome. An `offline` plan takes the
 * terminal off the network for a while, so the payment that comes then is refused at connection,
 * as from a terminal switched off or unplugged; the plan after it serves the next payment.
 */

/**
 * What one payment does:
 * - `approve`, `decline`, `cancel` (by the cardholder), `pin-timeout`: answered after the delay.
 * - `lost`: approved, then the connection drops without an answer (communication lost).
 * - `late`: approved after the late delay, after a driver has stopped waiting.
 * - `busy`: answered Busy at once, no payment started.
 */
export type SimOutcome = 'approve' | 'decline' | 'cancel' | 'pin-timeout' | 'lost' | 'late' | 'busy';
export const SIM_OUTCOMES: readonly SimOutcome[] = ['approve', 'decline', 'cancel', 'pin-timeout', 'lost', 'late', 'busy'];

/** A payment's outcome, or `offline`: the terminal is off the network for the plan's delay. */
export type SimPlanOutcome = SimOutcome | 'offline';
export const SIM_PLAN_OUTCOMES: readonly SimPlanOutcome[] = [...SIM_OUTCOMES, 'offline'];

export interface SimPlan {
  outcome: SimPlanOutcome;
  /** The cardholder's time (the late delay for `late`, the time off the network for `offline`). */
  delayMs?: number;
}

export interface RandomOutcomes {
  /** A generator of numbers in [0, 1); a seeded one gives the same outcomes for the same seed. */
  random: () => number;
  /** Relative weight of each outcome; default approve only. */
  weights: Partial<Record<SimPlanOutcome, number>>;
  /** The cardholder's time is drawn in [min, max] ms; default the simulator's delay. */
  delayMs?: readonly [number, number];
}

export interface SimPlansOptions {
  defaultOutcome: () => SimOutcome;
  /** Time off the network of an `offline` plan without a delay of its own, ms. */
  offlineMs: number;
  random?: RandomOutcomes;
  /** Takes the terminal off the network (false) or back on it (true). */
  setOnline(online: boolean): Promise<void>;
}

export class SimPlans {
  private readonly commanded: SimPlan[] = [];
  /** With random outcomes: the plan drawn for the payment after the commanded ones. */
  private drawn: SimPlan | null = null;
  private offline: { plan: SimPlan; timer: ReturnType<typeof setTimeout> } | null = null;
  private closed = false;

  constructor(private readonly o: SimPlansOptions) {}

  /** Plans the next payment not yet planned; `replace` forgets the plans set before. */
  push(plan: SimPlan, replace = false): void {
    if (replace) this.commanded.splice(0, this.commanded.length, ...(this.offline && this.commanded[0] === this.offline.plan ? [this.offline.plan] : []));
    this.commanded.push(plan);
    this.arm();
  }

  /** The plan of a payment request that arrived now. */
  take(): SimPlan {
    const head = this.commanded[0];
    // A request that connected as the terminal went off the network: it is refused, nothing starts.
    if (head?.outcome === 'offline' || (!head && this.drawn?.outcome === 'offline')) return { outcome: 'busy' };
    let plan: SimPlan;
    if (head) plan = this.commanded.shift()!;
    else if (this.o.random) {
      plan = this.drawn ?? this.draw();
      this.drawn = this.draw();
    } else plan = { outcome: this.o.defaultOutcome() };
    this.arm();
    return plan;
  }

  close(): void {
    this.closed = true;
    if (this.offline) clearTimeout(this.offline.timer);
    this.offline = null;
  }

  private draw(): SimPlan {
    const r = this.o.random!;
    const entries = Object.entries(r.weights).filter(([, w]) => (w ?? 0) > 0) as [SimPlanOutcome, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = r.random() * total;
    let outcome: SimPlanOutcome = 'approve';
    for (const [o, w] of entries) {
      outcome = o;
      if ((x -= w) < 0) break;
    }
    const plan: SimPlan = { outcome };
    if (r.delayMs) plan.delayMs = Math.round(r.delayMs[0] + r.random() * (r.delayMs[1] - r.delayMs[0]));
    return plan;
  }

  /** Starts the time off the network when the next plan is `offline`; first called once the terminal is on it. */
  arm(): void {
    if (this.closed || this.offline) return;
    if (this.o.random && !this.drawn) this.drawn = this.draw();
    const plan = this.commanded[0] ?? this.drawn;
    if (plan?.outcome !== 'offline') return;
    const timer = setTimeout(() => {
      if (this.commanded[0] === plan) this.commanded.shift();
      else if (this.drawn === plan) this.drawn = null;
      this.offline = null;
      // Back on the network; a port taken meanwhile keeps it off, as an unplugged terminal stays off.
      void this.o.setOnline(true).then(() => this.arm(), () => {});
    }, plan.delayMs ?? this.o.offlineMs);
    this.offline = { plan, timer };
    void this.o.setOnline(false);
  }
}

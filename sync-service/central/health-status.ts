import type { DeviceHealth, Heartbeat, TerminalStatus } from '../protocol/index.ts';

/** When a terminal's health turns from ok. Every threshold is "over": equal is still fine. */
export interface HealthThresholds {
  /** No heartbeat for longer than this (central clock) is `silent`; default 3 minutes. */
  silentAfterMs: number;
  /** More outbox items pending than this is a `warning`; default 50. */
  backlogOver: number;
  /** A sync lag longer than this is a `warning`; default 5 minutes. */
  lagOverMs: number;
}

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = { silentAfterMs: 3 * 60_000, backlogOver: 50, lagOverMs: 5 * 60_000 };

/** States in which a device cannot serve a citizen: the terminal is in `fault`. */
const CANNOT_SERVE: ReadonlySet<string> = new Set(['offline', 'paper-out', 'cover-open']);
/** States in which it still serves, but not for long (or with less change): a `warning`. */
const RUNNING_OUT: ReadonlySet<string> = new Set(['paper-low', 'low', 'empty']);

const label = (d: DeviceHealth) => (d.kind === 'hopper' ? `hopper#${d.id}` : d.kind);

/** What is not in order with the devices, `kind[#id]:state` and `kind[#id]:FAULT_CODE`, in device order. */
export function deviceFaults(devices: readonly DeviceHealth[]): string[] {
  return devices.flatMap((d) => [
    ...(CANNOT_SERVE.has(d.state) || RUNNING_OUT.has(d.state) ? [`${label(d)}:${d.state}`] : []),
    ...(d.fault ? [`${label(d)}:${d.fault}`] : []),
  ]);
}

export interface HeartbeatSeen {
  heartbeat: Heartbeat;
  /** When the central took it, ISO 8601. */
  receivedAt: string;
}

/**
 * A terminal's status at `now` from its last heartbeat (none: never heard of). Silence wins:
 * a terminal not heard from lately may be in any state by now; the faults of its last word are
 * listed all the same. Then a citizen waiting for help: staff go to them before any device.
 */
export function terminalStatus(seen: HeartbeatSeen | null, now: Date, t: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS): { status: TerminalStatus; faults: string[] } {
  if (!seen) return { status: 'silent', faults: [] };
  const { devices, outbox, syncLagMs } = seen.heartbeat;
  const faults = deviceFaults(devices);
  if (now.getTime() - Date.parse(seen.receivedAt) > t.silentAfterMs) return { status: 'silent', faults };
  if (seen.heartbeat.assistance) return { status: 'assistance', faults };
  if (devices.some((d) => d.fault !== undefined || CANNOT_SERVE.has(d.state))) return { status: 'fault', faults };
  const behind = outbox.pending > t.backlogOver || syncLagMs > t.lagOverMs;
  if (behind || devices.some((d) => RUNNING_OUT.has(d.state))) return { status: 'warning', faults };
  return { status: 'ok', faults };
}

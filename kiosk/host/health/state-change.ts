import type { DeviceHealth, Heartbeat } from '@cup-kiosk/sync-service/protocol';

/**
 * What of the devices is worth a heartbeat of its own: each device's state and fault code.
 * A hopper's count is not (it moves with every payout); its crossing into low or empty is.
 */
export function stateSignature(devices: readonly DeviceHealth[]): string {
  return devices.map((d) => `${d.kind}${d.kind === 'hopper' ? `#${d.id}` : ''}=${d.state}${d.fault ? `/${d.fault}` : ''}`).join(' ');
}

/** What of a heartbeat is worth one of its own: its devices' states, and a citizen calling for help. */
export function heartbeatSignature(body: Pick<Heartbeat, 'devices' | 'assistance'>): string {
  const signature = stateSignature(body.devices);
  return body.assistance ? `${signature} assistance@${body.assistance.requestedAt}` : signature;
}

/** When a heartbeat for a state change may go: now, unless the last one left less than `minGapMs` ago. */
export function changeBeatAt(lastSentAtMs: number, nowMs: number, minGapMs: number): number {
  return Math.max(nowMs, lastSentAtMs + minGapMs);
}

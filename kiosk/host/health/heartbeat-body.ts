import type { DeviceHealth, Heartbeat, HopperState } from '@cup-kiosk/sync-service/protocol';
import type { DeviceStates } from './device-states.ts';

/** A hopper's level as the cash ledger says it. */
export interface HopperLevel {
  /** ccTalk address. */
  id: number;
  valueCents: number;
  count: number;
}

/** Coins under which a hopper is reported low; default 20, a few payouts of change. */
export const DEFAULT_HOPPER_LOW_BELOW = 20;

export function hopperState(count: number, lowBelow = DEFAULT_HOPPER_LOW_BELOW): HopperState {
  return count <= 0 ? 'empty' : count < lowBelow ? 'low' : 'ok';
}

const fault = (f: string | undefined) => (f === undefined ? {} : { fault: f });

/** Every device of the terminal in a fixed order: printer, cash devices, hoppers by address, card reader, scanner, POS. */
export function deviceList(s: DeviceStates, hoppers: readonly HopperLevel[], lowBelow = DEFAULT_HOPPER_LOW_BELOW): DeviceHealth[] {
  return [
    { kind: 'printer', state: s.printer.state, ...fault(s.printer.fault) },
    { kind: 'coin-acceptor', state: s.coinAcceptor.state, ...fault(s.coinAcceptor.fault) },
    { kind: 'bill-validator', state: s.billValidator.state, ...fault(s.billValidator.fault) },
    ...[...hoppers]
      .sort((a, b) => a.id - b.id)
      .map((h): DeviceHealth => ({ kind: 'hopper', state: hopperState(h.count, lowBelow), id: h.id, valueCents: h.valueCents, count: Math.max(0, h.count), ...fault(s.hopperFaults[h.id]) })),
    { kind: 'card-reader', state: s.cardReader.readers.length > 0 && s.cardReader.fault === undefined ? 'ok' : 'offline', ...fault(s.cardReader.fault) },
    ...(s.scanner ? [{ kind: 'scanner' as const, state: s.scanner.state, ...fault(s.scanner.fault) }] : []),
    ...(s.pos ? [{ kind: 'pos' as const, state: s.pos.state, ...fault(s.pos.fault) }] : []),
  ];
}

export interface HeartbeatParts {
  terminalId: string;
  appVersion: string;
  /** When the terminal software started. */
  startedAt: Date;
  now: Date;
  devices: DeviceHealth[];
  /** Outbox items not yet answered, and when the oldest of them was made (ISO 8601). */
  pending: number;
  oldestPendingAt: string | null;
  lastAckAt: string | null;
  /** When a citizen called for help, while the call stands. */
  assistanceRequestedAt?: string;
}

const age = (since: string | null, now: Date) => (since === null ? null : Math.max(0, now.getTime() - Date.parse(since)));

/** The heartbeat body; the central's copy of this terminal is as far behind as its oldest unsent item. */
export function heartbeatBody(p: HeartbeatParts): Heartbeat {
  const oldestPendingAgeMs = p.pending > 0 ? age(p.oldestPendingAt, p.now) : null;
  return {
    terminalId: p.terminalId,
    sentAt: p.now.toISOString(),
    appVersion: p.appVersion,
    uptimeMs: Math.max(0, p.now.getTime() - p.startedAt.getTime()),
    devices: p.devices,
    outbox: { pending: p.pending, oldestPendingAgeMs },
    lastAckAt: p.lastAckAt,
    syncLagMs: oldestPendingAgeMs ?? 0,
    ...(p.assistanceRequestedAt === undefined ? {} : { assistance: { requestedAt: p.assistanceRequestedAt } }),
  };
}

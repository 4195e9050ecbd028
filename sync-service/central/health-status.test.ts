import { describe, expect, it } from 'vitest';
import type { DeviceHealth, Heartbeat } from '../protocol/index.ts';
import { deviceFaults, terminalStatus } from './health-status.ts';

const RECEIVED = '2026-04-01T07:30:00.000Z';
const at = (ms: number) => new Date(Date.parse(RECEIVED) + ms);

const FINE: DeviceHealth[] = [
  { kind: 'printer', state: 'ok' },
  { kind: 'coin-acceptor', state: 'ok' },
  { kind: 'hopper', state: 'ok', id: 3, valueCents: 200, count: 80 },
  { kind: 'pos', state: 'busy' },
];

const beat = (over: Partial<Heartbeat> = {}): Heartbeat => ({
  terminalId: 'kiosk-1',
  sentAt: RECEIVED,
  appVersion: '0.1.0',
  uptimeMs: 1000,
  devices: FINE,
  outbox: { pending: 0, oldestPendingAgeMs: null },
  lastAckAt: null,
  syncLagMs: 0,
  ...over,
});

const statusOf = (over: Partial<Heartbeat>, afterMs = 0) => terminalStatus({ heartbeat: beat(over), receivedAt: RECEIVED }, at(afterMs));
const withDevice = (d: DeviceHealth) => ({ devices: [...FINE, d] });

describe('terminal status from its last heartbeat', () => {
  it('is ok with every device in order, a busy POS, 50 pending and 5 minutes of lag', () => {
    expect(statusOf({})).toEqual({ status: 'ok', faults: [] });
    expect(statusOf({ outbox: { pending: 50, oldestPendingAgeMs: 300_000 }, syncLagMs: 300_000 }).status).toBe('ok');
  });

  it.each([
    ['paper low', withDevice({ kind: 'printer', state: 'paper-low' })],
    ['a hopper low', withDevice({ kind: 'hopper', state: 'low', id: 4, valueCents: 100, count: 7 })],
    ['a hopper empty', withDevice({ kind: 'hopper', state: 'empty', id: 4, valueCents: 100, count: 0 })],
    ['51 pending', { outbox: { pending: 51, oldestPendingAgeMs: 1000 } }],
    ['a lag over 5 minutes', { syncLagMs: 300_001 }],
  ])('warns for %s', (_what, over) => {
    expect(statusOf(over).status).toBe('warning');
  });

  it.each([
    ['paper out', { kind: 'printer', state: 'paper-out' }],
    ['the cover open', { kind: 'printer', state: 'cover-open' }],
    ['an offline POS', { kind: 'pos', state: 'offline' }],
    ['a card reader gone', { kind: 'card-reader', state: 'offline' }],
    ['a fault code on a device otherwise ok', { kind: 'coin-acceptor', state: 'ok', fault: 'COIN_JAM' }],
  ] as [string, DeviceHealth][])('is in fault for %s, even with a warning beside it', (_what, device) => {
    expect(statusOf({ devices: [...FINE, { kind: 'printer', state: 'paper-low' }, device], syncLagMs: 400_000 }).status).toBe('fault');
  });

  it('is silent after 3 minutes without a heartbeat, still listing what its last one said', () => {
    expect(statusOf({}, 180_000).status).toBe('ok');
    expect(statusOf({}, 180_001).status).toBe('silent');
    expect(statusOf(withDevice({ kind: 'printer', state: 'paper-out' }), 600_000)).toEqual({ status: 'silent', faults: ['printer:paper-out'] });
    expect(terminalStatus(null, at(0))).toEqual({ status: 'silent', faults: [] });
  });

  it('calls staff for a citizen asking for help, before any fault, but not past silence', () => {
    const assistance = { requestedAt: '2026-04-01T07:29:50.000Z' };
    expect(statusOf({ assistance })).toEqual({ status: 'assistance', faults: [] });
    expect(statusOf({ assistance, ...withDevice({ kind: 'printer', state: 'paper-out' }), syncLagMs: 400_000 })).toEqual({ status: 'assistance', faults: ['printer:paper-out'] });
    expect(statusOf({ assistance }, 180_001).status).toBe('silent');
  });

  it('names each device not in order, hoppers by address, state and fault code apart', () => {
    expect(
      deviceFaults([
        { kind: 'printer', state: 'cover-open', fault: 'PRINTER_CUTTER_ERROR' },
        { kind: 'hopper', state: 'empty', id: 5, valueCents: 50, count: 0 },
        { kind: 'hopper', state: 'ok', id: 6, valueCents: 20, count: 40, fault: 'HOPPER_SHORT_PAYOUT' },
        { kind: 'pos', state: 'busy' },
        { kind: 'scanner', state: 'offline' },
      ]),
    ).toEqual(['printer:cover-open', 'printer:PRINTER_CUTTER_ERROR', 'hopper#5:empty', 'hopper#6:HOPPER_SHORT_PAYOUT', 'scanner:offline']);
  });
});

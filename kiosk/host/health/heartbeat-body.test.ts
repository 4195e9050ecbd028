import { HeartbeatSchema } from '@cup-kiosk/sync-service/protocol';
import { describe, expect, it } from 'vitest';
import { initialDeviceStates, type DeviceStates } from './device-states.ts';
import { deviceList, heartbeatBody, hopperState } from './heartbeat-body.ts';
import { changeBeatAt, stateSignature } from './state-change.ts';

const NOW = new Date('2026-04-01T07:30:00.000Z');
const HOPPERS = [
  { id: 4, valueCents: 100, count: 19 },
  { id: 3, valueCents: 200, count: 100 },
  { id: 5, valueCents: 50, count: 0 },
];

const states: DeviceStates = {
  ...initialDeviceStates({ scanner: false, pos: true }),
  printer: { state: 'paper-low' },
  cardReader: { readers: ['Virtual PCD 00 00'] },
  hopperFaults: { 5: 'HOPPER_SHORT_PAYOUT' },
};

describe('heartbeat body', () => {
  it('lists the devices in a fixed order, hoppers by address with their level and state', () => {
    expect(deviceList(states, HOPPERS)).toEqual([
      { kind: 'printer', state: 'paper-low' },
      { kind: 'coin-acceptor', state: 'ok' },
      { kind: 'bill-validator', state: 'ok' },
      { kind: 'hopper', state: 'ok', id: 3, valueCents: 200, count: 100 },
      { kind: 'hopper', state: 'low', id: 4, valueCents: 100, count: 19 },
      { kind: 'hopper', state: 'empty', id: 5, valueCents: 50, count: 0, fault: 'HOPPER_SHORT_PAYOUT' },
      { kind: 'card-reader', state: 'ok' },
      { kind: 'pos', state: 'ok' },
    ]);
    expect(deviceList({ ...states, cardReader: { readers: ['r'], fault: 'PCSC_FAILED' } }, []).find((d) => d.kind === 'card-reader')).toEqual({ kind: 'card-reader', state: 'offline', fault: 'PCSC_FAILED' });
    expect([hopperState(20), hopperState(19), hopperState(1), hopperState(0), hopperState(-2), hopperState(5, 5)]).toEqual(['ok', 'low', 'low', 'empty', 'empty', 'ok']);
  });

  it('puts outbox backlog, its oldest age as the sync lag, and uptime in a body the central accepts', () => {
    const body = heartbeatBody({
      terminalId: 'kiosk-1',
      appVersion: '0.1.0',
      startedAt: new Date(NOW.getTime() - 3_600_000),
      now: NOW,
      devices: deviceList(states, HOPPERS),
      pending: 3,
      oldestPendingAt: '2026-04-01T07:29:15.000Z',
      lastAckAt: '2026-04-01T07:00:00.000Z',
    });
    expect(body).toMatchObject({ sentAt: NOW.toISOString(), uptimeMs: 3_600_000, outbox: { pending: 3, oldestPendingAgeMs: 45_000 }, syncLagMs: 45_000, lastAckAt: '2026-04-01T07:00:00.000Z' });
    expect(HeartbeatSchema.parse(body)).toEqual(body);
    const drained = heartbeatBody({ terminalId: 'kiosk-1', appVersion: '0.1.0', startedAt: NOW, now: NOW, devices: [], pending: 0, oldestPendingAt: null, lastAckAt: null });
    expect([drained.outbox, drained.syncLagMs, drained.uptimeMs]).toEqual([{ pending: 0, oldestPendingAgeMs: null }, 0, 0]);
  });
});

describe('state change detection', () => {
  const base = deviceList(states, HOPPERS);

  it('ignores hopper counts that stay within their state, and sees a state or fault change', () => {
    expect(stateSignature(deviceList(states, [{ ...HOPPERS[0]!, count: 12 }, HOPPERS[1]!, HOPPERS[2]!]))).toBe(stateSignature(base));
    expect(stateSignature(deviceList(states, [HOPPERS[0]!, { ...HOPPERS[1]!, count: 19 }, HOPPERS[2]!]))).not.toBe(stateSignature(base));
    expect(stateSignature(deviceList({ ...states, printer: { state: 'paper-out' } }, HOPPERS))).not.toBe(stateSignature(base));
    expect(stateSignature(deviceList({ ...states, coinAcceptor: { state: 'ok', fault: 'COIN_JAM' } }, HOPPERS))).not.toBe(stateSignature(base));
  });

  it('lets a change beat go now, or once the last heartbeat is 5 seconds old', () => {
    expect(changeBeatAt(Number.NEGATIVE_INFINITY, 1_000, 5_000)).toBe(1_000);
    expect(changeBeatAt(10_000, 12_000, 5_000)).toBe(15_000);
    expect(changeBeatAt(10_000, 20_000, 5_000)).toBe(20_000);
  });
});

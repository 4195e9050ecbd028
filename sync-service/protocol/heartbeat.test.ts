import { describe, expect, it } from 'vitest';
import { HeartbeatSchema, jsonSchema, TerminalsHealthResponseSchema, type Heartbeat } from './index.ts';

const beat: Heartbeat = {
  terminalId: 'kiosk-1',
  sentAt: '2026-04-01T09:30:00.000+02:00',
  appVersion: '0.1.0',
  uptimeMs: 3_600_000,
  devices: [
    { kind: 'printer', state: 'paper-low' },
    { kind: 'coin-acceptor', state: 'ok' },
    { kind: 'bill-validator', state: 'ok', fault: 'BILL_STACKER_FULL' },
    { kind: 'hopper', state: 'low', id: 3, valueCents: 200, count: 12 },
    { kind: 'card-reader', state: 'ok' },
    { kind: 'scanner', state: 'offline' },
    { kind: 'pos', state: 'busy' },
  ],
  outbox: { pending: 3, oldestPendingAgeMs: 42_000 },
  lastAckAt: '2026-04-01T07:29:00.000Z',
  syncLagMs: 42_000,
};

const withDevice = (d: unknown) => ({ ...beat, devices: [d] });

describe('heartbeat wire schema', () => {
  it('accepts a heartbeat with every kind of device, and a drained outbox never acked', () => {
    expect(HeartbeatSchema.parse(beat)).toEqual(beat);
    expect(HeartbeatSchema.parse({ ...beat, assistance: { requestedAt: '2026-04-01T09:29:00.000+02:00' } }).assistance).toEqual({ requestedAt: '2026-04-01T09:29:00.000+02:00' });
    expect(HeartbeatSchema.safeParse({ ...beat, devices: [], outbox: { pending: 0, oldestPendingAgeMs: null }, lastAckAt: null, syncLagMs: 0 }).success).toBe(true);
  });

  it.each([
    ['an unknown device kind', withDevice({ kind: 'toaster', state: 'ok' })],
    ['a state another kind has', withDevice({ kind: 'pos', state: 'paper-out' })],
    ['a hopper without its level', withDevice({ kind: 'hopper', state: 'ok', id: 3, valueCents: 200 })],
    ['a negative hopper level', withDevice({ kind: 'hopper', state: 'ok', id: 3, valueCents: 200, count: -1 })],
    ['a fault code in lower case', withDevice({ kind: 'printer', state: 'ok', fault: 'jam' })],
    ['a fractional uptime', { ...beat, uptimeMs: 1.5 }],
    ['a send time without a zone', { ...beat, sentAt: '2026-04-01T09:30:00' }],
    ['a terminal id with a slash', { ...beat, terminalId: '../kiosk' }],
    ['no outbox', { ...beat, outbox: undefined }],
    ['a negative lag', { ...beat, syncLagMs: -1 }],
    ['an assistance request without its time', { ...beat, assistance: {} }],
    ['an assistance request at a time without a zone', { ...beat, assistance: { requestedAt: '2026-04-01T09:29:00' } }],
    ['33 devices', { ...beat, devices: Array.from({ length: 33 }, () => ({ kind: 'scanner', state: 'ok' })) }],
  ])('refuses %s', (_what, body) => {
    expect(HeartbeatSchema.safeParse(body).success).toBe(false);
  });

  it('publishes the device kinds as a closed union in JSON Schema', () => {
    const schema = jsonSchema(HeartbeatSchema) as { required: string[]; properties: { devices: { items: { oneOf: { properties: { kind: { enum: string[] } } }[] } } } };
    expect(schema.required).toEqual(['terminalId', 'sentAt', 'appVersion', 'uptimeMs', 'devices', 'outbox', 'lastAckAt', 'syncLagMs']);
    expect(schema.properties.devices.items.oneOf.map((d) => d.properties.kind.enum)).toEqual([['printer'], ['coin-acceptor'], ['bill-validator'], ['hopper'], ['card-reader'], ['scanner'], ['pos']]);
  });

  it('lists terminals with their status, a silent one without a heartbeat', () => {
    const listed = { asOf: '2026-04-01T07:31:00.000Z', terminals: [{ terminalId: 'kiosk-2', enrolledAt: '2026-03-01T08:00:00.000Z', status: 'silent', lastSeenAt: null, assistanceRequestedAt: null, faults: [], heartbeat: null }] };
    expect(TerminalsHealthResponseSchema.parse(listed)).toEqual(listed);
    expect(TerminalsHealthResponseSchema.safeParse({ ...listed, terminals: [{ ...listed.terminals[0], status: 'asleep' }] }).success).toBe(false);
    const waiting = { ...listed.terminals[0], status: 'assistance', assistanceRequestedAt: '2026-04-01T07:30:00.000Z' };
    expect(TerminalsHealthResponseSchema.parse({ ...listed, terminals: [waiting] }).terminals[0]).toEqual(waiting);
  });
});

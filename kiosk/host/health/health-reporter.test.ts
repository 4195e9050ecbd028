import type { Heartbeat } from '@cup-kiosk/sync-service/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HealthReporter } from './health-reporter.ts';

const SECOND = 1000;
const START = Date.parse('2026-04-01T07:30:00.000Z');

/** A reporter on a quiet terminal (drained outbox, no hoppers) whose heartbeats the test keeps. */
function reporter() {
  const sent: Heartbeat[] = [];
  const health = new HealthReporter({
    terminalId: 'kiosk-1',
    appVersion: '0.1.0',
    devices: { scanner: false, pos: false },
    outbox: { backlog: async () => 0, oldestPendingAt: async () => null, lastAckAt: async () => null },
    hopperLevels: async () => [],
    send: async (body) => sent.push(body),
    now: () => new Date(Date.now()),
    log: () => {},
  });
  return { health, sent };
}

const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});
afterEach(() => vi.useRealTimers());

describe('health reporter and a call for help', () => {
  it('sends one heartbeat carrying the call as soon as it may, one without it when it ends, none for a repeat', async () => {
    const { health, sent } = reporter();
    health.start();
    await wait(5 * SECOND);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.assistance).toBeUndefined();
    await wait(20 * SECOND);
    const requestedAt = new Date(Date.now()).toISOString();
    health.observe({ type: 'assistance.requested', requestedAt });
    // The same call heard twice (two windows on the host) is one piece of news.
    health.observe({ type: 'assistance.requested', requestedAt });
    await wait(0);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.assistance).toEqual({ requestedAt });
    await wait(10 * SECOND);
    expect(sent).toHaveLength(2);
    health.observe({ type: 'assistance.cleared' });
    await wait(0);
    expect(sent).toHaveLength(3);
    expect(sent[2]).not.toHaveProperty('assistance');
    health.observe({ type: 'assistance.cleared' });
    await wait(10 * SECOND);
    expect(sent).toHaveLength(3);
    await health.stop();
  });

  it('keeps the call in every regular heartbeat while it stands', async () => {
    const { health, sent } = reporter();
    health.start();
    health.observe({ type: 'assistance.requested', requestedAt: '2026-04-01T07:30:01.000Z' });
    await wait(5 * SECOND);
    await wait(60 * SECOND);
    expect(sent.map((b) => b.assistance?.requestedAt)).toEqual(['2026-04-01T07:30:01.000Z', '2026-04-01T07:30:01.000Z']);
    await health.stop();
  });
});

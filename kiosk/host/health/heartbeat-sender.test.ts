import type { DeviceHealth, Heartbeat } from '@cup-kiosk/sync-service/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HeartbeatSender } from './heartbeat-sender.ts';

const SECOND = 1000;

/** A terminal whose printer state the test sets, and a central that takes or refuses heartbeats. */
function rig() {
  let printer: DeviceHealth = { kind: 'printer', state: 'ok' };
  let answer: 'ok' | 'unreachable' | 'refused' = 'ok';
  const sent: string[] = [];
  const logs: string[] = [];
  const attempts = { count: 0 };
  let gatherFails = false;
  const sender = new HeartbeatSender({
    intervalMs: 60 * SECOND,
    minGapMs: 5 * SECOND,
    gather: async () => {
      if (gatherFails) throw Object.assign(new Error('database is closed'), { code: 'DB_CLOSED' });
      return { devices: [printer] } as Heartbeat;
    },
    send: async (body) => {
      attempts.count += 1;
      if (answer === 'unreachable') throw Object.assign(new Error('down'), { code: 'CENTRAL_UNREACHABLE' });
      if (answer === 'refused') throw Object.assign(new Error('no'), { code: 'CENTRAL_REJECTED' });
      sent.push(body.devices[0]!.state);
    },
    log: (line) => logs.push(line),
  });
  return {
    sender,
    sent,
    logs,
    attempts,
    setPrinter: (state: 'ok' | 'paper-out' | 'paper-low') => (printer = { kind: 'printer', state }),
    central: (a: typeof answer) => (answer = a),
    failGather: (fails: boolean) => (gatherFails = fails),
  };
}

const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('heartbeat sender', () => {
  it('sends the first heartbeat once the devices had 5 seconds to report, then one a minute, and none after stop', async () => {
    const r = rig();
    r.sender.start();
    r.setPrinter('paper-low');
    r.sender.changed();
    await wait(4 * SECOND);
    expect(r.sent).toEqual([]);
    await wait(1 * SECOND);
    expect(r.sent).toEqual(['paper-low']);
    await wait(60 * SECOND);
    expect(r.sent).toHaveLength(2);
    await wait(120 * SECOND);
    expect(r.sent).toHaveLength(4);
    await r.sender.stop();
    await wait(300 * SECOND);
    expect(r.sent).toHaveLength(4);
  });

  it('sends a state change at once, or 5 seconds after the last heartbeat, once for a burst of changes', async () => {
    const r = rig();
    r.sender.start();
    await wait(15 * SECOND);
    r.setPrinter('paper-out');
    r.sender.changed();
    await wait(0);
    expect(r.sent).toEqual(['ok', 'paper-out']);
    r.setPrinter('paper-low');
    r.sender.changed();
    r.sender.changed();
    await wait(4 * SECOND);
    expect(r.sent).toEqual(['ok', 'paper-out']);
    await wait(1 * SECOND);
    expect(r.sent).toEqual(['ok', 'paper-out', 'paper-low']);
    await r.sender.stop();
  });

  it('sends nothing for a change that came back before its heartbeat could go', async () => {
    const r = rig();
    r.sender.start();
    await wait(5 * SECOND);
    r.setPrinter('paper-out');
    r.sender.changed();
    r.setPrinter('ok');
    await wait(30 * SECOND);
    expect(r.sent).toEqual(['ok']);
    await r.sender.stop();
  });

  it('stays quiet while the central is unreachable, and beats as soon as it answers again', async () => {
    const r = rig();
    r.central('unreachable');
    r.sender.start();
    await wait(5 * SECOND);
    r.setPrinter('paper-out');
    r.sender.changed();
    await wait(150 * SECOND);
    expect(r.sent).toEqual([]);
    // The first beat and the regular ones at 65 s and 125 s: the change did not make one.
    expect(r.attempts.count).toBe(3);
    expect(r.logs).toEqual(['heartbeat: the central did not take it: CENTRAL_UNREACHABLE; next at the regular time']);
    r.central('ok');
    r.sender.centralReachable(true);
    await wait(0);
    expect(r.sent).toEqual(['paper-out']);
    // Back to normal: a change goes out again.
    r.setPrinter('ok');
    r.sender.changed();
    await wait(5 * SECOND);
    expect(r.sent).toEqual(['paper-out', 'ok']);
    await r.sender.stop();
  });

  it('does not ask a refusing central again before the regular time', async () => {
    const r = rig();
    r.central('refused');
    r.sender.start();
    await wait(5 * SECOND);
    r.setPrinter('paper-out');
    r.sender.changed();
    r.sender.centralReachable(true);
    await wait(50 * SECOND);
    r.central('ok');
    await wait(10 * SECOND);
    expect(r.sent).toEqual(['paper-out']);
    expect(r.attempts.count).toBe(2);
    expect(r.logs).toEqual(['heartbeat: the central did not take it: CENTRAL_REJECTED; next at the regular time']);
    await r.sender.stop();
  });

  it('never throws into the host when it cannot gather, and carries on when it can again', async () => {
    const r = rig();
    r.failGather(true);
    r.sender.start();
    await wait(60 * SECOND);
    expect(r.logs).toEqual(['heartbeat: cannot gather the terminal health: DB_CLOSED; next at the regular time']);
    r.failGather(false);
    await wait(60 * SECOND);
    expect(r.sent).toEqual(['ok']);
    await r.sender.stop();
  });
});

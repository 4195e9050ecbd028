import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PosSimulator } from '../../../terminal-drivers/sim/pos/index.ts';
import { cupk, cupkWatching } from '../cli-harness.ts';

// `cupk pos ...` through the real main(), against a simulator on a free port.

let sim: PosSimulator;
let at: string[];
beforeAll(async () => {
  sim = await PosSimulator.start();
  at = ['--port', String(sim.port), '--sale-id', 'KIOSK-CLI'];
});
afterAll(() => sim.close());

describe('cupk pos', () => {
  it('pay, status, reverse and close', async () => {
    let r = await cupk('pos', 'pay', '--amount', '1990', '--id', 'CLI-1', ...at, '--json');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ outcome: 'approved', transactionId: 'CLI-1', amountCents: 1990, authorisationCode: expect.stringMatching(/^\d{6}$/) });
    expect(r.json.cardholderReceipt).toContain('IMPORTO EUR 19,90');

    r = await cupk('pos', 'status', '--id', 'CLI-1', ...at, '--json');
    expect(r.json).toMatchObject({ outcome: 'approved', amountCents: 1990 });
    r = await cupk('pos', 'status', '--id', 'CLI-NEVER', ...at, '--json');
    expect(r.json).toEqual({ outcome: 'not-found', transactionId: 'CLI-NEVER' });

    sim.next('decline');
    r = await cupk('pos', 'pay', '--amount', '500', ...at, '--json');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ outcome: 'declined', transactionId: expect.stringMatching(/^CUPK-/) });

    r = await cupk('pos', 'pay', '--amount', '700', '--id', 'CLI-2', ...at, '--json');
    r = await cupk('pos', 'reverse', '--id', 'CLI-2', ...at, '--json');
    expect(r.json).toMatchObject({ outcome: 'reversed', reversedCents: 700 });

    r = await cupk('pos', 'close', ...at, '--json');
    expect(r.json).toMatchObject({ count: 1, totalCents: 1990, reversed: { count: 1, totalCents: 700 } });

    r = await cupk('pos', 'status', '--id', 'CLI-1', ...at);
    expect(r.stdout).toMatch(/^outcome: approved$/m);
  });

  it('recover settles a lost answer', async () => {
    sim.next('lost');
    let r = await cupk('pos', 'pay', '--amount', '1200', '--id', 'CLI-LOST', ...at, '--json');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'POS_OUTCOME_UNKNOWN' } });
    r = await cupk('pos', 'recover', '--id', 'CLI-LOST', ...at, '--json');
    expect(r.json).toMatchObject({ settled: 'paid', payment: { amountCents: 1200 } });
  });

  it('bad input exits 1 with a typed error; wrong usage exits 2', async () => {
    for (const amount of ['0', '12.50', '-3', 'abc', '99999999999']) {
      // `--amount=-3`: a separate `-3` would be read as an option.
      const r = await cupk('pos', 'pay', `--amount=${amount}`, ...at, '--json');
      expect(r.code, amount).toBe(1);
      expect(r.json).toMatchObject({ error: { code: 'POS_INVALID_REQUEST' } });
    }
    let r = await cupk('pos', 'status', '--id', 'has space', ...at, '--json');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'POS_INVALID_REQUEST' } });
    r = await cupk('pos', 'pay', '--amount', '100', '--id', 'CLI-1', ...at, '--json');
    expect(r.json).toMatchObject({ error: { code: 'POS_DUPLICATE_TRANSACTION' } });
    r = await cupk('pos', 'pay', ...at, '--json');
    expect(r.code).toBe(2);
    r = await cupk('pos', 'status', '--port', '70000', '--id', 'X', '--json');
    expect(r.code).toBe(2);
  });

  it('a terminal that is off is POS_OFFLINE; a busy one POS_BUSY', async () => {
    const off = await PosSimulator.start();
    const port = String(off.port);
    await off.close();
    let r = await cupk('pos', 'pay', '--amount', '100', '--port', port, '--json');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'POS_OFFLINE' } });
    sim.next('busy');
    r = await cupk('pos', 'pay', '--amount', '100', ...at, '--json');
    expect(r.json).toMatchObject({ error: { code: 'POS_BUSY' } });
  });

  it('pos sim serves in the foreground until SIGTERM', async () => {
    const lines: string[] = [];
    const running = cupkWatching((l) => lines.push(l), 'pos', 'sim', '--port', '0', '--outcome', 'decline', '--json');
    try {
      await vi.waitFor(() => expect(lines.some((l) => l.includes('pos simulator ready'))).toBe(true), { timeout: 5000 });
      const ready = JSON.parse(lines.find((l) => l.includes('pos simulator ready'))!) as { port: number; poiId: string };
      const r = await cupk('pos', 'pay', '--amount', '300', '--port', String(ready.port), '--json');
      expect(r.json).toMatchObject({ outcome: 'declined' });
      expect(lines.some((l) => l.includes('"category":"Payment"'))).toBe(true);
    } finally {
      process.emit('SIGTERM', 'SIGTERM');
    }
    const done = await running;
    expect(done.code).toBe(0);
    expect(done.json).toMatchObject({ stopped: true, signal: 'SIGTERM', payments: 1 });
    const bad = await cupk('pos', 'sim', '--outcome', 'maybe', '--json');
    expect(bad.code).toBe(2);
  });
});

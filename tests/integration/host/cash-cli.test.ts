import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { cupk } from '../cli-harness.ts';

// `cupk cash …` on a terminal's SQLite file, as a technician runs them beside the host.

let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-cash-cli-'));
  const t = await openTerminalDb(join(dir, 'terminal.sqlite'), 'T-01');
  for (const [i, v] of [200, 200, 50, 1000].entries()) {
    await t.db.transaction((tx) => t.ledger.append(tx, { kind: 'credit', key: `coin:1:0:${i + 1}`, device: 'coin:1', valueCents: v, count: 1, detail: { eventCounter: i + 1 } }));
  }
  await t.db.close();
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('cupk cash', () => {
  it('status, refill, empty and verify', async () => {
    let r = await cupk('cash', 'status', '--data', dir, '--json');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ cashbox: { 200: 2, 50: 1, 1000: 1 }, cashboxCents: 1450, hoppers: {} });

    r = await cupk('cash', 'refill', '--hopper', '3', '--count', '40', '--data', dir, '--json');
    expect(r.json).toEqual({ hopper: 3, valueCents: 200, added: 40, level: 40 });
    r = await cupk('cash', 'refill', '--hopper', '9', '--count', '40', '--data', dir, '--json');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'HOPPER_UNKNOWN' } });
    r = await cupk('cash', 'refill', '--hopper', '3', '--data', dir, '--json');
    expect(r.code).toBe(2);

    r = await cupk('cash', 'empty', '--technician', 'T42', '--data', dir, '--json');
    expect(r.json).toMatchObject({ emptiedCents: 1450, technician: 'T42' });
    r = await cupk('cash', 'status', '--data', dir, '--json');
    expect(r.json).toMatchObject({ cashbox: {}, cashboxCents: 0, hoppers: { 'hopper:3': { valueCents: 200, count: 40 } } });

    r = await cupk('cash', 'verify', '--data', dir, '--json');
    expect(r.json).toMatchObject({ ok: true, rows: 8 });
  });

  it('verify exits 1 with CASH_LEDGER_TAMPERED when a row was changed', async () => {
    const t = await openTerminalDb(join(dir, 'terminal.sqlite'), 'T-01');
    await t.db.run(`UPDATE cash_ledger SET value_cents = 100, amount_cents = 100 WHERE seq = 3`);
    await t.db.close();
    const r = await cupk('cash', 'verify', '--data', dir, '--json');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'CASH_LEDGER_TAMPERED' } });
  });

  it('a missing terminal database is bad input, not a crash', async () => {
    const r = await cupk('cash', 'status', '--data', join(dir, 'nowhere'), '--json');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'TERMINAL_DATA_MISSING' } });
  });
});

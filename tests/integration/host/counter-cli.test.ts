/**
 * `cupk counter operator …` on a terminal's SQLite file (the PIN on stdin of a real `cupk`
 * process), and `cupk central counter-closes` against a central on 127.0.0.1 holding a close.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { counterCloseFixture, counterCloseItem } from '../../../sync-service/central/counter-close-fixtures.ts';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { CounterStore } from '../../../kiosk/host/counter/counter-store.ts';
import { pinMatches } from '../../../kiosk/host/service/service-pin.ts';
import { openTerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { cupk } from '../cli-harness.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TOKEN = 'counter-cli-admin-token';

/** A real `cupk` process, for what reads stdin. */
const cupkProcess = (input: string, ...argv: string[]) => {
  const r = spawnSync(process.execPath, ['bin/cupk.mjs', ...argv], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, json: r.stdout ? (JSON.parse(r.stdout) as Record<string, unknown>) : {} };
};

let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-counter-cli-'));
  await (await openTerminalDb(join(dir, 'terminal.sqlite'), 'FARM-01')).db.close();
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('cupk counter operator', () => {
  it('adds an operator with the PIN from stdin kept as a hash, lists them without it, and disables once', async () => {
    const added = cupkProcess('246802\n', 'counter', 'operator', 'add', '--code', 'anna.b', '--name', 'Anna Bruzzone', '--data', dir, '--json');
    expect(added).toMatchObject({ code: 0, json: { operator: { code: 'ANNA.B', name: 'Anna Bruzzone', disabledAt: null, lockedUntil: null } } });
    const tdb = await openTerminalDb(join(dir, 'terminal.sqlite'), 'FARM-01');
    const stored = await (await CounterStore.open(tdb.db)).operator('ANNA.B');
    await tdb.db.close();
    expect(stored!.pinHash).toMatch(/^scrypt\$/);
    expect(pinMatches('246802', stored!.pinHash)).toBe(true);

    expect(cupkProcess('246802\n', 'counter', 'operator', 'add', '--code', 'ANNA.B', '--name', 'Anna', '--data', dir, '--json')).toMatchObject({ code: 1, json: { error: { code: 'COUNTER_OPERATOR_EXISTS' } } });
    expect(cupkProcess('12ab\n', 'counter', 'operator', 'add', '--code', 'LUCA', '--name', 'Luca', '--data', dir, '--json')).toMatchObject({ code: 1, json: { error: { code: 'COUNTER_PIN_INVALID' } } });

    const list = await cupk('counter', 'operator', 'list', '--data', dir, '--json');
    expect(list.json).toEqual({ operators: [{ code: 'ANNA.B', name: 'Anna Bruzzone', createdAt: expect.any(String), disabledAt: null, lockedUntil: null }] });
    expect(list.stdout).not.toContain('scrypt');

    expect((await cupk('counter', 'operator', 'disable', '--code', 'anna.b', '--data', dir, '--json')).json).toMatchObject({ operator: { code: 'ANNA.B', disabledAt: expect.any(String) } });
    expect(await cupk('counter', 'operator', 'disable', '--code', 'ANNA.B', '--data', dir, '--json')).toMatchObject({ code: 1, json: { error: { code: 'COUNTER_OPERATOR_DISABLED' } } });
    expect(await cupk('counter', 'operator', 'disable', '--code', 'NOBODY', '--data', dir, '--json')).toMatchObject({ code: 1, json: { error: { code: 'COUNTER_OPERATOR_UNKNOWN' } } });
    expect((await cupk('counter', 'operator', 'disable', '--data', dir, '--json')).code).toBe(2);
  });
});

describe('cupk central counter-closes', () => {
  let central: RunningCentral;
  let centralDir: string;

  beforeAll(async () => {
    centralDir = mkdtempSync(join(tmpdir(), 'cupk-counter-central-'));
    central = await startCentral({ dataDir: centralDir, adminToken: TOKEN, requireSignatures: false });
  });

  afterAll(async () => {
    await central?.close();
    rmSync(centralDir, { recursive: true, force: true });
  });

  it('lists the closes of the days asked, and wants its dates as YYYY-MM-DD', async () => {
    const payload = counterCloseFixture('FARM-01', 'DEMO', '2026-12-03');
    const res = await fetch(`${central.url}/v1/sync/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ terminalId: 'FARM-01', items: [counterCloseItem(1, payload)] }),
    });
    expect(await res.json()).toEqual({ results: [{ key: 'counter-close:FARM-01-DEMO-2026-12-03', status: 'stored' }] });
    const admin = ['--central', central.url, '--token', TOKEN];
    const listed = await cupk('central', 'counter-closes', ...admin, '--from', '2026-12-01', '--to', '2026-12-05', '--json');
    expect(listed).toMatchObject({ code: 0, json: { closes: [{ close: payload, receivedAt: expect.any(String) }] } });
    expect((await cupk('central', 'counter-closes', ...admin, '--from', '2026-12-03')).stdout).toMatch(/2026-12-03\s+FARM-01\s+DEMO\s+2 pagamenti\s+contanti 32,30 €\s+carta 20,66 €\s+totale 52,96 €/);
    expect((await cupk('central', 'counter-closes', ...admin, '--from', '03/12/2026', '--json')).code).toBe(2);
    expect(await cupk('central', 'counter-closes', '--central', central.url, '--token', 'not-the-token-at-all', '--json')).toMatchObject({ code: 1, json: { error: { code: 'ADMIN_AUTH_INVALID' } } });
  });
});

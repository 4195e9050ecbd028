/**
 * `cupk central health` through the real `main()` against a central on 127.0.0.1 that holds
 * the heartbeats of two terminals out of three enrolled.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { SyncClient } from '../../../sync-service/client/index.ts';
import type { Heartbeat } from '../../../sync-service/protocol/index.ts';
import { cupk } from '../cli-harness.ts';
import { enrol, openTerminal, tempDir, type TestTerminal } from './helpers.ts';

const TOKEN = 'health-cli-admin-token';
let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let terminals: TestTerminal[];
let admin: string[];

const beat = (terminalId: string, over: Partial<Heartbeat>): Heartbeat => ({
  terminalId,
  sentAt: new Date().toISOString(),
  appVersion: '0.1.0',
  uptimeMs: 60_000,
  devices: [
    { kind: 'printer', state: 'ok' },
    { kind: 'hopper', state: 'ok', id: 3, valueCents: 200, count: 80 },
  ],
  outbox: { pending: 0, oldestPendingAgeMs: null },
  lastAckAt: null,
  syncLagMs: 0,
  ...over,
});

beforeAll(async () => {
  dir = tempDir('cupk-health-cli-');
  central = await startCentral({ dbFile: join(dir.path, 'central.db'), adminToken: TOKEN });
  terminals = [];
  const report = async (terminalId: string, over: Partial<Heartbeat>) => {
    const terminal = await openTerminal(dir.path, terminalId);
    terminals.push(terminal);
    const { sign } = await enrol(central, terminalId);
    await new SyncClient({ outbox: terminal.outbox, centralUrl: central.url, terminalId, sign }).heartbeat(beat(terminalId, over));
  };
  await report('kiosk-1', { devices: [{ kind: 'printer', state: 'paper-out' }, { kind: 'coin-acceptor', state: 'ok', fault: 'COIN_JAM' }] });
  await report('kiosk-2', { outbox: { pending: 7, oldestPendingAgeMs: 420_000 }, syncLagMs: 420_000 });
  await enrol(central, 'kiosk-3');
  admin = ['--central', central.url, '--token', TOKEN];
});

afterAll(async () => {
  for (const t of terminals ?? []) await t.db.close();
  await central?.close();
  dir?.remove();
});

describe('cupk central health', () => {
  it('answers one JSON object: each enrolled terminal with its status, backlog, lag and faults', async () => {
    const res = await cupk('central', 'health', ...admin, '--json');
    expect([res.code, res.stdout.trim().split('\n')]).toEqual([0, [expect.any(String)]]);
    expect(Object.keys(res.json)).toEqual(['terminals']);
    expect(res.json.terminals).toEqual([
      { terminalId: 'kiosk-1', status: 'fault', lastSeenAt: expect.any(String), assistanceRequestedAt: null, backlog: 0, lagMs: 0, faults: ['printer:paper-out', 'coin-acceptor:COIN_JAM'] },
      { terminalId: 'kiosk-2', status: 'warning', lastSeenAt: expect.any(String), assistanceRequestedAt: null, backlog: 7, lagMs: 420_000, faults: [] },
      { terminalId: 'kiosk-3', status: 'silent', lastSeenAt: null, assistanceRequestedAt: null, backlog: null, lagMs: null, faults: [] },
    ]);
  });

  it('prints a table without --json', async () => {
    const res = await cupk('central', 'health', ...admin);
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^TERMINAL\s+STATUS\s+LAST SEEN\s+ASSISTANCE\s+BACKLOG\s+LAG\s+FAULTS$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
      ['kiosk-1', 'fault', expect.stringMatching(/^\d{4}-\d\d-\d\dT/), '-', '0', '0 s', 'printer:paper-out, coin-acceptor:COIN_JAM'],
      ['kiosk-2', 'warning', expect.stringMatching(/^\d{4}-\d\d-\d\dT/), '-', '7', '7 min', '-'],
      ['kiosk-3', 'silent', 'never', '-', '-', '-', '-'],
    ]);
  });

  it('answers typed errors (exit 1) and usage errors (exit 2)', async () => {
    const failing: [string[], string][] = [
      [['--central', central.url, '--token', 'wrong-token-wrong'], 'ADMIN_AUTH_INVALID'],
      [['--central', 'http://127.0.0.1:9', '--token', TOKEN], 'CENTRAL_UNREACHABLE'],
    ];
    for (const [argv, code] of failing) {
      const res = await cupk('central', 'health', ...argv, '--json');
      expect([res.code, res.json]).toEqual([1, { error: { code, message: expect.any(String) } }]);
    }
    const open = await startCentral({ dbFile: join(dir.path, 'open.db') });
    try {
      expect((await cupk('central', 'health', '--central', open.url, '--token', TOKEN, '--json')).json).toMatchObject({ error: { code: 'ADMIN_DISABLED' } });
    } finally {
      await open.close();
    }
    expect((await cupk('central', 'health', '--token', TOKEN, '--json')).code).toBe(2);
    expect((await cupk('central', 'health', ...admin, '--verbose', '--json')).code).toBe(2);
  });
});

/**
 * `cupk central …`, `cupk sync …` and `cupk rules publish` through the real `main()`, against a
 * central started by `cupk central start` on 127.0.0.1 and a terminal data folder laid out as the
 * kiosk host lays it out (terminal.sqlite, terminal-key.json).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cupk, cupkWatching } from '../cli-harness.ts';
import { enrollTerminal, generateTerminalKey } from '../../../sync-service/client/index.ts';
import { DEMO_BOOKINGS, DEMO_RULE_SETS } from '../../../sync-service/domain/index.ts';
import { openDatabase, Outbox } from '../../../sync-service/outbox/index.ts';
import { payment, tempDir } from './helpers.ts';


const TOKEN = 'cli-test-admin-token';
const TERMINAL = 'kiosk-cli';
const [B1, B2] = DEMO_BOOKINGS.filter((b) => b.status === 'booked').map((b) => b.code) as [string, string];
let centralDir: ReturnType<typeof tempDir>;
let terminalDir: ReturnType<typeof tempDir>;
let running: Promise<{ code: number; json: Record<string, unknown> }>;
let url: string;
let stopped = false;

beforeAll(async () => {
  centralDir = tempDir('cupk-cli-central-');
  terminalDir = tempDir('cupk-cli-terminal-');
  const lines: string[] = [];
  running = cupkWatching((l) => lines.push(l), 'central', 'start', '--port', '0', '--data', centralDir.path, '--admin-token', TOKEN, '--json');
  await vi.waitFor(() => expect(lines.some((l) => l.includes('central ready'))).toBe(true), { timeout: 10_000 });
  url = (JSON.parse(lines.find((l) => l.includes('central ready'))!) as { url: string }).url;
});

afterAll(async () => {
  // Only if a failed test left it running: a signal with no listener left would end the worker.
  if (!stopped) process.emit('SIGTERM', 'SIGTERM');
  await running;
  centralDir.remove();
  terminalDir.remove();
});

describe('cupk central, sync and rules publish', () => {
  it('serves on 127.0.0.1 with the demo bookings', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(((await (await fetch(`${url}/health`)).json()) as { status: string }).status).toBe('ok');
  });

  it('makes an enrolment code on the central database, and the terminal syncs its backlog with it', async () => {
    const made = await cupk('central', 'enroll-code', '--terminal', TERMINAL, '--data', centralDir.path, '--json');
    expect(made.code).toBe(0);
    expect(made.json).toEqual({ terminalId: TERMINAL, code: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/), expiresAt: expect.any(String) });

    const keys = generateTerminalKey();
    writeFileSync(join(terminalDir.path, 'terminal-key.json'), JSON.stringify(keys), { mode: 0o600 });
    await enrollTerminal({ centralUrl: url, terminalId: TERMINAL, code: String(made.json.code), publicKey: keys.publicKey });
    const db = await openDatabase(join(terminalDir.path, 'terminal.sqlite'));
    const outbox = await Outbox.open(db);
    await db.transaction(async (tx) => {
      await outbox.enqueue(tx, { kind: 'payment', key: 'k1', payload: payment(TERMINAL, 'k1', B1) });
      await outbox.enqueue(tx, { kind: 'payment', key: 'k2', payload: payment(TERMINAL, 'k2', B2) });
    });
    await db.close();

    const before = await cupk('sync', 'status', '--data', terminalDir.path, '--json');
    expect(before).toMatchObject({ code: 0, json: { backlog: 2, lastAckAt: null, conflicts: 0, lagSeconds: expect.any(Number), oldestPendingAt: expect.any(String), snapshots: {} } });
    const now = await cupk('sync', 'now', '--data', terminalDir.path, '--central', url, '--terminal', TERMINAL, '--json');
    expect(now).toMatchObject({ code: 0, json: { sent: 2, acked: 2, conflicts: 0, backlog: 0, snapshots: { catalogue: { full: true }, agenda: { full: true }, config: { full: true } } } });
    const after = await cupk('sync', 'status', '--data', terminalDir.path, '--json');
    expect(after.json).toMatchObject({ backlog: 0, lagSeconds: 0, oldestPendingAt: null, lastAckAt: expect.any(String) });
    const held = (after.json as { snapshots: Record<string, { version: number; epoch: string | null; ageSeconds: number; items: number }> }).snapshots;
    expect(Object.keys(held).sort()).toEqual(['agenda', 'catalogue', 'config']);
    expect(held.catalogue).toMatchObject({ version: (now.json as { snapshots: { catalogue: { version: number } } }).snapshots.catalogue.version, ageSeconds: expect.any(Number) });
    expect(held.catalogue!.items).toBeGreaterThan(0);
    // Every kind's version counted on the one central database: one epoch, 128 bits in hex.
    expect(held.catalogue!.epoch).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(Object.values(held).map((h) => h.epoch)).size).toBe(1);
  });

  it('publishes a rule set, and refuses an invalid one with every problem', async () => {
    const good = join(terminalDir.path, 'demo-5.json');
    writeFileSync(good, JSON.stringify({ ...DEMO_RULE_SETS[3], version: 'demo-5', effectiveFrom: '2031-03-03' }));
    expect(await cupk('rules', 'publish', good, '--central', url, '--token', TOKEN, '--json')).toMatchObject({ code: 0, json: { version: 'demo-5', snapshot: 5, created: true } });
    const bad = join(terminalDir.path, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...DEMO_RULE_SETS[3], version: 'demo-6', capCents: -1, effectiveFrom: 'monday' }));
    const refused = await cupk('rules', 'publish', bad, '--central', url, '--token', TOKEN, '--json');
    expect(refused.code).toBe(1);
    expect(refused.json).toMatchObject({ error: { code: 'RULES_INVALID', message: expect.stringMatching(/\$\.capCents.*\$\.effectiveFrom|\$\.effectiveFrom.*\$\.capCents/) } });
    expect((await cupk('rules', 'publish', good, '--central', url, '--token', 'wrong-token-wrong', '--json')).json).toMatchObject({ error: { code: 'ADMIN_AUTH_INVALID' } });
  });

  it('answers typed errors and usage errors', async () => {
    expect((await cupk('sync', 'status', '--data', join(terminalDir.path, 'nowhere'), '--json')).json).toMatchObject({ error: { code: 'TERMINAL_DATA_MISSING' } });
    expect((await cupk('sync', 'now', '--data', terminalDir.path, '--json')).code).toBe(2);
    expect((await cupk('central', 'enroll-code', '--terminal', 'x', '--data', join(centralDir.path, 'nowhere'), '--json')).json).toMatchObject({ error: { code: 'CENTRAL_DATA_MISSING' } });
    expect((await cupk('central', 'enroll-code', '--data', centralDir.path, '--json')).code).toBe(2);
    const db = await openDatabase(join(terminalDir.path, 'terminal.sqlite'));
    const outbox = await Outbox.open(db);
    await db.transaction((tx) => outbox.enqueue(tx, { kind: 'payment', key: 'k3', payload: payment(TERMINAL, 'k3', B1) }));
    await db.close();
    const down = await cupk('sync', 'now', '--data', terminalDir.path, '--central', 'http://127.0.0.1:9', '--terminal', TERMINAL, '--json');
    expect([down.code, (down.json.error as { code: string }).code]).toEqual([1, 'CENTRAL_UNREACHABLE']);
    expect((await cupk('sync', 'status', '--data', terminalDir.path, '--json')).json).toMatchObject({ backlog: 1 });
  });
});

describe('cupk central start', () => {
  it('stops on SIGTERM and says so', async () => {
    process.emit('SIGTERM', 'SIGTERM');
    stopped = true;
    expect(await running).toMatchObject({ code: 0, json: { url, stopped: true, signal: 'SIGTERM' } });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../central/start.ts';
import { CupError } from '../domain/index.ts';
import { Outbox } from '../outbox/outbox.ts';
import { openDatabase, type Database } from '../outbox/sqlite.ts';
import type { Heartbeat } from '../protocol/index.ts';
import { terminalsHealth } from './health-admin.ts';
import { enrollTerminal, generateTerminalKey } from './signer.ts';
import { SyncClient } from './sync-client.ts';

// The heartbeat and the health list against a real central on loopback (signatures are the
// integration tests' business): what the terminal and the staff's tools get back, refusals typed.

const TOKEN = 'health-client-admin-token';
let dir: string;
let db: Database;
let central: RunningCentral;
let client: SyncClient;

const beat: Heartbeat = {
  terminalId: 'kiosk-1',
  sentAt: '2026-04-01T07:30:00.000Z',
  appVersion: '0.1.0',
  uptimeMs: 5_000,
  devices: [
    { kind: 'printer', state: 'paper-out' },
    { kind: 'hopper', state: 'ok', id: 3, valueCents: 200, count: 100 },
  ],
  outbox: { pending: 0, oldestPendingAgeMs: null },
  lastAckAt: null,
  syncLagMs: 0,
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-health-client-'));
  central = await startCentral({ dbFile: join(dir, 'central.db'), requireSignatures: false, adminToken: TOKEN });
  const { code } = await central.issueEnrolmentCode('kiosk-1');
  await enrollTerminal({ centralUrl: central.url, terminalId: 'kiosk-1', code, publicKey: generateTerminalKey().publicKey });
  db = await openDatabase(join(dir, 'terminal.db'));
  client = new SyncClient({ outbox: await Outbox.open(db), centralUrl: central.url, terminalId: 'kiosk-1' });
});

afterAll(async () => {
  await central?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('resolved'),
    (e: unknown) => {
      expect(e).toBeInstanceOf(CupError);
      return (e as CupError).code;
    },
  );

describe('heartbeat and terminal health calls', () => {
  it("sends a heartbeat and reads it back in the administrator's list, with its status", async () => {
    const { receivedAt } = await client.heartbeat(beat);
    const listed = await terminalsHealth({ centralUrl: central.url, token: TOKEN });
    expect(listed.terminals).toEqual([{ terminalId: 'kiosk-1', enrolledAt: expect.any(String), status: 'fault', lastSeenAt: receivedAt, assistanceRequestedAt: null, faults: ['printer:paper-out'], heartbeat: beat }]);
    expect(Date.parse(listed.asOf)).toBeGreaterThanOrEqual(Date.parse(receivedAt));
  });

  it('rejects a heartbeat the central refuses as CENTRAL_REJECTED, and an unreachable central as CENTRAL_UNREACHABLE', async () => {
    const refused = await client.heartbeat({ ...beat, devices: [{ kind: 'toaster', state: 'ok' } as never] }).catch((e: CupError) => e);
    expect(refused).toMatchObject({ code: 'CENTRAL_REJECTED', details: { status: 400, error: 'REQUEST_INVALID' } });
    const down = new SyncClient({ outbox: await Outbox.open(db), centralUrl: 'http://127.0.0.1:9', terminalId: 'kiosk-1' });
    expect(await codeOf(down.heartbeat(beat))).toBe('CENTRAL_UNREACHABLE');
    expect(await codeOf(terminalsHealth({ centralUrl: 'http://127.0.0.1:9', token: TOKEN }))).toBe('CENTRAL_UNREACHABLE');
  });

  it('rejects the list with a wrong token, and from a central without one', async () => {
    expect(await codeOf(terminalsHealth({ centralUrl: central.url, token: 'not-the-token-at-all' }))).toBe('ADMIN_AUTH_INVALID');
    const open = await startCentral({ dbFile: join(dir, 'open.db') });
    try {
      expect(await codeOf(terminalsHealth({ centralUrl: open.url, token: TOKEN }))).toBe('ADMIN_DISABLED');
    } finally {
      await open.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTerminalKey, terminalSigner } from '../client/signer.ts';
import type { RequestSigner } from '../client/http.ts';
import type { Heartbeat, TerminalHealth } from '../protocol/index.ts';
import { buildCentralApp } from './app.ts';
import { hashEnrolmentCode } from './auth.ts';
import { SqliteCentralStore } from './sqlite-store.ts';

const TOKEN = 'health-admin-token-0123';
const START = Date.parse('2026-04-01T07:30:00.000Z');
const MINUTE = 60_000;
const PATH = '/v1/terminals/heartbeat';

let dir: string;
let store: SqliteCentralStore;
let app: FastifyInstance;
let clock: number;
let kiosk1: RequestSigner;

/** Enrols a terminal straight in the store and answers a signer with its new key. */
async function enrol(terminalId: string): Promise<RequestSigner> {
  const keys = generateTerminalKey();
  const at = new Date(clock).toISOString();
  await store.putEnrolmentCode(terminalId, hashEnrolmentCode(`code-${terminalId}`), at, new Date(clock + MINUTE).toISOString());
  expect(await store.enrolTerminal(terminalId, hashEnrolmentCode(`code-${terminalId}`), keys.publicKey, at)).toBe(true);
  // Signatures are checked against the central's clock: sign on it.
  return terminalSigner({ terminalId, privateKey: keys.privateKey, now: () => new Date(clock) });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-heartbeat-routes-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  clock = START;
  app = buildCentralApp(store, { adminToken: TOKEN, now: () => new Date(clock) });
  kiosk1 = await enrol('kiosk-1');
});

afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const beat = (over: Partial<Heartbeat> = {}): Heartbeat => ({
  terminalId: 'kiosk-1',
  sentAt: new Date(START).toISOString(),
  appVersion: '0.1.0',
  uptimeMs: 120_000,
  devices: [
    { kind: 'printer', state: 'ok' },
    { kind: 'coin-acceptor', state: 'ok' },
    { kind: 'bill-validator', state: 'ok' },
    { kind: 'hopper', state: 'ok', id: 3, valueCents: 200, count: 100 },
    { kind: 'hopper', state: 'low', id: 4, valueCents: 100, count: 9 },
    { kind: 'card-reader', state: 'ok' },
    { kind: 'pos', state: 'ok' },
  ],
  outbox: { pending: 2, oldestPendingAgeMs: 4_000 },
  lastAckAt: new Date(START - MINUTE).toISOString(),
  syncLagMs: 4_000,
  ...over,
});

async function send(sign: RequestSigner | null, body: unknown) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const headers = { 'content-type': 'application/json', ...(sign ? await sign({ method: 'POST', path: PATH, body: payload, clockOffsetMs: 0 }) : {}) };
  return app.inject({ method: 'POST', url: PATH, headers, payload });
}
const errorOf = (res: { statusCode: number; json(): { error: { code: string } } }) => [res.statusCode, res.json().error.code];
const health = async (): Promise<TerminalHealth[]> => (await app.inject({ url: '/v1/admin/terminals/health', headers: { authorization: `Bearer ${TOKEN}` } })).json().terminals;
const stored = async () => (await store.terminalHeartbeats()).filter((t) => t.latest !== null).length;

describe('POST /v1/terminals/heartbeat', () => {
  it("keeps a signed terminal's heartbeat, hoppers and all, at the central's time", async () => {
    const res = await send(kiosk1, beat());
    expect([res.statusCode, res.json()]).toEqual([200, { receivedAt: '2026-04-01T07:30:00.000Z' }]);
    const [latest] = await store.terminalHeartbeats();
    expect(latest).toEqual({ terminalId: 'kiosk-1', enrolledAt: '2026-04-01T07:30:00.000Z', latest: { terminalId: 'kiosk-1', receivedAt: '2026-04-01T07:30:00.000Z', heartbeat: beat() } });
    expect(await store.heartbeatHistory('kiosk-1', '2026-04-01T00:00:00.000Z')).toHaveLength(1);
  });

  it('refuses an unsigned heartbeat, one signed with the wrong key, and one for another terminal, keeping nothing', async () => {
    await enrol('kiosk-2');
    expect(errorOf(await send(null, beat()))).toEqual([401, 'AUTH_MISSING']);
    const impostor = terminalSigner({ terminalId: 'kiosk-2', privateKey: generateTerminalKey().privateKey, now: () => new Date(clock) });
    expect(errorOf(await send(impostor, beat({ terminalId: 'kiosk-2' })))).toEqual([401, 'AUTH_BAD_SIGNATURE']);
    expect(errorOf(await send(kiosk1, beat({ terminalId: 'kiosk-2' })))).toEqual([403, 'TERMINAL_MISMATCH']);
    expect(await stored()).toBe(0);
  });

  it.each([
    ['an unknown device kind', beat({ devices: [{ kind: 'toaster', state: 'ok' } as never] })],
    ['a hopper without its level', beat({ devices: [{ kind: 'hopper', state: 'ok', id: 3, valueCents: 200 } as never] })],
    ['a printer state that does not exist', beat({ devices: [{ kind: 'printer', state: 'on-fire' } as never] })],
    ['a send time without a zone', beat({ sentAt: '2026-04-01T09:30:00' })],
    ['no outbox', { ...beat(), outbox: undefined }],
  ])('answers 400 REQUEST_INVALID for %s, keeping nothing', async (_what, body) => {
    expect(errorOf(await send(kiosk1, body))).toEqual([400, 'REQUEST_INVALID']);
    expect(await stored()).toBe(0);
  });

  it('answers 400 BODY_MALFORMED for a body that is not JSON', async () => {
    expect(errorOf(await send(kiosk1, '{"terminalId":'))).toEqual([400, 'BODY_MALFORMED']);
  });
});

describe('GET /v1/admin/terminals/health', () => {
  it('needs the bearer token, and exists only when the central has one', async () => {
    expect(errorOf(await app.inject('/v1/admin/terminals/health'))).toEqual([401, 'ADMIN_AUTH_INVALID']);
    const open = buildCentralApp(store);
    expect((await open.inject({ url: '/v1/admin/terminals/health', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(404);
    await open.close();
  });

  it('lists every enrolled terminal: a silent one never heard from, one in warning with its hopper low', async () => {
    await enrol('kiosk-0');
    await send(kiosk1, beat());
    const listed = await health();
    expect(listed.map((t) => [t.terminalId, t.status, t.lastSeenAt, t.faults])).toEqual([
      ['kiosk-0', 'silent', null, []],
      ['kiosk-1', 'warning', '2026-04-01T07:30:00.000Z', ['hopper#4:low']],
    ]);
    expect(listed[1]!.heartbeat).toEqual(beat());
  });

  it('turns a terminal silent once 3 minutes pass without a heartbeat, and back when one comes', async () => {
    await send(kiosk1, beat({ devices: [{ kind: 'printer', state: 'ok' }] }));
    clock = START + 3 * MINUTE;
    expect((await health())[0]!.status).toBe('ok');
    clock += 1;
    expect((await health())[0]!.status).toBe('silent');
    await send(kiosk1, beat({ devices: [{ kind: 'printer', state: 'paper-out' }] }));
    expect((await health())[0]).toMatchObject({ status: 'fault', faults: ['printer:paper-out'], lastSeenAt: new Date(clock).toISOString() });
  });

  it('shows a citizen waiting for help above a fault, with the time they asked, until a heartbeat without it', async () => {
    const requestedAt = '2026-04-01T07:29:55.000Z';
    await send(kiosk1, beat({ devices: [{ kind: 'printer', state: 'paper-out' }], assistance: { requestedAt } }));
    expect((await health())[0]).toMatchObject({ status: 'assistance', assistanceRequestedAt: requestedAt, faults: ['printer:paper-out'] });
    await send(kiosk1, beat({ devices: [{ kind: 'printer', state: 'paper-out' }] }));
    expect((await health())[0]).toMatchObject({ status: 'fault', assistanceRequestedAt: null });
  });

  it('leaves revoked terminals out', async () => {
    await send(kiosk1, beat());
    await store.revokeTerminal('kiosk-1', new Date(clock).toISOString());
    expect(await health()).toEqual([]);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(doc.paths[PATH].post.security).toEqual([{ terminalSignature: [] }]);
    expect(doc.paths['/v1/admin/terminals/health'].get.security).toEqual([{ adminToken: [] }]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Heartbeat', 'HeartbeatAck', 'TerminalsHealth']));
  });
});

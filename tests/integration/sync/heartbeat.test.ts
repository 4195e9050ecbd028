import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrinterStatus } from '../../../kiosk/bridge/terminal-api.ts';
import { HealthReporter } from '../../../kiosk/host/health/health-reporter.ts';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { generateTerminalKey, SyncClient, terminalSigner, terminalsHealth } from '../../../sync-service/client/index.ts';
import type { Heartbeat, TerminalHealth } from '../../../sync-service/protocol/index.ts';
import { enrol, openTerminal, signedFetch, tempDir, type EnrolledTerminal, type TestTerminal } from './helpers.ts';

// A real central over HTTP takes the heartbeats of a terminal: the host's health reporter on
// the terminal's own outbox, signed by its key; what the administrator reads follows what the
// devices said; anything not signed by that terminal is refused and nothing is kept; silence
// is judged on the central's clock, moved here by hand.

const TOKEN = 'heartbeat-admin-token-0123';
const PATH = '/v1/terminals/heartbeat';
const READY: PrinterStatus = { ready: true, online: true, paper: 'ok', coverOpen: false, cutterError: false, unrecoverableError: false, autoRecoverableError: false };
const HOPPERS = [
  { id: 3, valueCents: 200, count: 80 },
  { id: 4, valueCents: 100, count: 60 },
];

let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
/** How far the central's clock is ahead of the real one. */
let skewMs: number;
let kiosk1: EnrolledTerminal;
let terminal: TestTerminal;
let client: SyncClient;
let reporter: HealthReporter;

beforeEach(async () => {
  dir = tempDir('cupk-heartbeat-');
  skewMs = 0;
  central = await startCentral({ dataDir: dir.path, adminToken: TOKEN, now: () => new Date(Date.now() + skewMs) });
  kiosk1 = await enrol(central, 'kiosk-1');
  terminal = await openTerminal(dir.path, 'kiosk-1');
  client = new SyncClient({ outbox: terminal.outbox, centralUrl: central.url, terminalId: 'kiosk-1', sign: kiosk1.sign });
  reporter = new HealthReporter({
    terminalId: 'kiosk-1',
    appVersion: '0.1.0',
    devices: { scanner: false, pos: true },
    outbox: terminal.outbox,
    hopperLevels: async () => HOPPERS,
    send: (body) => client.heartbeat(body),
    // Every state change goes at once; the regular beat is not waited for here.
    minGapMs: 0,
  });
});

afterEach(async () => {
  await reporter.stop();
  await client.stop();
  await terminal.db.close();
  await central.close();
  dir.remove();
});

const health = async (terminalId = 'kiosk-1'): Promise<TerminalHealth> => (await terminalsHealth({ centralUrl: central.url, token: TOKEN })).terminals.find((t) => t.terminalId === terminalId)!;

/** Polls the central until `check` holds; fails after 10 s. */
async function eventually(check: (t: TerminalHealth) => boolean, what: string): Promise<TerminalHealth> {
  for (const end = Date.now() + 10_000; ; ) {
    const t = await health();
    if (check(t)) return t;
    if (Date.now() > end) throw new Error(`the central never showed ${what}; last: ${JSON.stringify(t)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('terminal heartbeats at a central over HTTP', () => {
  it("takes the host's signed heartbeats, and reads the terminal's status from its devices and its outbox", async () => {
    reporter.observe({ type: 'printer.status', status: READY });
    reporter.observe({ type: 'card.reader', reader: 'Virtual PCD 00 00', present: true });
    reporter.start();
    const first = await eventually((t) => t.status === 'ok', 'kiosk-1 ok');
    expect(first.heartbeat).toMatchObject({ terminalId: 'kiosk-1', outbox: { pending: 0, oldestPendingAgeMs: null }, syncLagMs: 0 });
    expect(first.heartbeat!.devices.map((d) => d.kind)).toEqual(['printer', 'coin-acceptor', 'bill-validator', 'hopper', 'hopper', 'card-reader', 'pos']);

    reporter.observe({ type: 'printer.status', status: { ...READY, ready: false, paper: 'out' } });
    expect(await eventually((t) => t.status === 'fault', 'kiosk-1 in fault')).toMatchObject({ faults: ['printer:paper-out'] });
    reporter.observe({ type: 'printer.status', status: READY });
    await eventually((t) => t.status === 'ok', 'kiosk-1 ok again');

    // Payments the central has not had yet: 51 is over the backlog a terminal may hold.
    for (let i = 1; i <= 51; i++) await terminal.pay(`k${i}`, '123456789092');
    await client.heartbeat(await reporter.heartbeat());
    const behind = await health();
    expect(behind).toMatchObject({ status: 'warning', faults: [], heartbeat: { outbox: { pending: 51 } } });
    expect(behind.heartbeat!.syncLagMs).toBeGreaterThan(0);
    // Heartbeats never went through the outbox: it holds the payments and nothing else.
    expect(new Set((await terminal.outbox.pending(100)).map((i) => i.kind))).toEqual(new Set(['payment']));
  });

  it('refuses heartbeats not signed by the terminal they name with 401, and 403 for a body naming another, keeping nothing', async () => {
    const kiosk2 = await enrol(central, 'kiosk-2');
    const body = JSON.stringify(await reporter.heartbeat());
    const errorOf = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string } }).error.code];
    const unsigned = await fetch(`${central.url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(await errorOf(unsigned)).toEqual([401, 'AUTH_MISSING']);
    const posing = terminalSigner({ terminalId: 'kiosk-1', privateKey: kiosk2.keys.privateKey });
    expect(await errorOf(await signedFetch(central.url, posing, 'POST', PATH, body))).toEqual([401, 'AUTH_BAD_SIGNATURE']);
    const stranger = terminalSigner({ terminalId: 'kiosk-9', privateKey: generateTerminalKey().privateKey });
    expect(await errorOf(await signedFetch(central.url, stranger, 'POST', PATH, body))).toEqual([401, 'AUTH_UNKNOWN_TERMINAL']);
    expect(await errorOf(await signedFetch(central.url, kiosk2.sign, 'POST', PATH, body))).toEqual([403, 'TERMINAL_MISMATCH']);
    expect(await health()).toMatchObject({ status: 'silent', lastSeenAt: null, heartbeat: null });
    expect((await central.store.terminalHeartbeats()).every((t) => t.latest === null)).toBe(true);
  });

  it("turns a terminal silent once 3 minutes pass on the central's clock without a heartbeat", async () => {
    const { receivedAt } = await client.heartbeat(await reporter.heartbeat());
    skewMs = 170_000;
    expect(await health()).toMatchObject({ status: 'fault', lastSeenAt: receivedAt });
    skewMs = 181_000;
    const silent = await health();
    // Silent, with what its last heartbeat said still there: the printer was never heard of.
    expect(silent).toMatchObject({ status: 'silent', lastSeenAt: receivedAt, faults: ['printer:offline', 'card-reader:offline'] });
    expect((silent.heartbeat as Heartbeat).terminalId).toBe('kiosk-1');
    await client.heartbeat(await reporter.heartbeat());
    expect((await health()).status).toBe('fault');
  });
});

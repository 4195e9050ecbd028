import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { enrollTerminal, generateTerminalKey, SyncClient, terminalSigner, type RequestSigner } from '../../../sync-service/client/index.ts';
import { DEMO_BOOKINGS } from '../../../sync-service/domain/index.ts';
import { enrol, openTerminal, payment, signedFetch, tempDir, type EnrolledTerminal } from './helpers.ts';

const BOOKING = DEMO_BOOKINGS[0]!.code;
let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let kiosk: EnrolledTerminal;

beforeEach(async () => {
  dir = tempDir('cupk-central-sec-');
  central = await startCentral({ dataDir: dir.path, seedDemo: true });
  kiosk = await enrol(central, 'kiosk-1');
});

afterEach(async () => {
  await central.close();
  dir.remove();
});

const batch = (terminalId: string, key = 'k1', seq = 1) =>
  JSON.stringify({ terminalId, items: [{ seq, key, kind: 'payment', createdAt: '2026-03-01T08:00:00.000Z', payload: payment(terminalId, key, BOOKING) }] });
const post = (sign: RequestSigner, body: string, extra?: Record<string, string>) => signedFetch(central.url, sign, 'POST', '/v1/sync/batches', body, extra);
const errorOf = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string } }).error.code];
const stored = async () => (await central.store.listTransactions('kiosk-1')).length + (await central.store.listTransactions('kiosk-2')).length;

describe('signed terminal requests', () => {
  it('accepts a request signed by the enrolled terminal', async () => {
    const res = await post(kiosk.sign, batch('kiosk-1'));
    expect(res.status).toBe(200);
    expect(await stored()).toBe(1);
  });

  it('refuses an unsigned batch with 401 and stores nothing', async () => {
    const res = await fetch(`${central.url}/v1/sync/batches`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: batch('kiosk-1') });
    expect(await errorOf(res)).toEqual([401, 'AUTH_MISSING']);
    expect(await errorOf(await fetch(`${central.url}/v1/bookings/${BOOKING}`))).toEqual([401, 'AUTH_MISSING']);
    expect(await stored()).toBe(0);
  });

  it('refuses a body changed after signing, a forged key and an unknown terminal', async () => {
    const headers = await kiosk.sign({ method: 'POST', path: '/v1/sync/batches', body: batch('kiosk-1'), clockOffsetMs: 0 });
    const tampered = await fetch(`${central.url}/v1/sync/batches`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: batch('kiosk-1', 'k2') });
    expect(await errorOf(tampered)).toEqual([401, 'AUTH_BAD_SIGNATURE']);
    const forger = terminalSigner({ terminalId: 'kiosk-1', privateKey: generateTerminalKey().privateKey });
    expect(await errorOf(await post(forger, batch('kiosk-1')))).toEqual([401, 'AUTH_BAD_SIGNATURE']);
    const stranger = terminalSigner({ terminalId: 'kiosk-9', privateKey: generateTerminalKey().privateKey });
    expect(await errorOf(await post(stranger, batch('kiosk-9')))).toEqual([401, 'AUTH_UNKNOWN_TERMINAL']);
    expect(await stored()).toBe(0);
  });

  it('refuses stale and future timestamps', async () => {
    const late = terminalSigner({ terminalId: 'kiosk-1', privateKey: kiosk.keys.privateKey, now: () => new Date(Date.now() - 6 * 60_000) });
    expect(await errorOf(await post(late, batch('kiosk-1')))).toEqual([401, 'AUTH_STALE']);
    const early = terminalSigner({ terminalId: 'kiosk-1', privateKey: kiosk.keys.privateKey, now: () => new Date(Date.now() + 6 * 60_000) });
    expect(await errorOf(await post(early, batch('kiosk-1')))).toEqual([401, 'AUTH_STALE']);
    expect(await stored()).toBe(0);
  });

  it('lets a SyncClient with a drifted clock sync by learning the central clock from a refusal', async () => {
    const terminal = await openTerminal(dir.path, 'kiosk-1');
    try {
      await terminal.pay('k1', BOOKING);
      const drifted = terminalSigner({ terminalId: 'kiosk-1', privateKey: kiosk.keys.privateKey, now: () => new Date(Date.now() + 3600_000) });
      const client = new SyncClient({ outbox: terminal.outbox, centralUrl: central.url, terminalId: 'kiosk-1', sign: drifted });
      expect(await client.syncNow()).toMatchObject({ acked: 1 });
      expect(await stored()).toBe(1);
    } finally {
      await terminal.db.close();
    }
  });

  it('refuses a replayed request even with the same body and signature', async () => {
    const body = batch('kiosk-1');
    const headers = await kiosk.sign({ method: 'POST', path: '/v1/sync/batches', body, clockOffsetMs: 0 });
    const send = () => fetch(`${central.url}/v1/sync/batches`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    expect((await send()).status).toBe(200);
    expect(await errorOf(await send())).toEqual([401, 'AUTH_REPLAYED']);
    expect(await stored()).toBe(1);
  });

  it('refuses a revoked terminal until it is enrolled again', async () => {
    expect(await central.revokeTerminal('kiosk-1')).toBe(true);
    expect(await errorOf(await post(kiosk.sign, batch('kiosk-1')))).toEqual([401, 'AUTH_REVOKED']);
    expect(await stored()).toBe(0);
    const again = await enrol(central, 'kiosk-1');
    expect((await post(again.sign, batch('kiosk-1'))).status).toBe(200);
    expect(await errorOf(await post(kiosk.sign, batch('kiosk-1', 'k2', 2)))).toEqual([401, 'AUTH_BAD_SIGNATURE']);
  });

  it('refuses cross-terminal batches and reads with 403', async () => {
    const other = await enrol(central, 'kiosk-2');
    expect(await errorOf(await post(other.sign, batch('kiosk-1')))).toEqual([403, 'TERMINAL_MISMATCH']);
    expect(await errorOf(await signedFetch(central.url, other.sign, 'GET', '/v1/terminals/kiosk-1/transactions'))).toEqual([403, 'TERMINAL_MISMATCH']);
    expect((await signedFetch(central.url, kiosk.sign, 'GET', '/v1/terminals/kiosk-1/transactions')).status).toBe(200);
    expect(await stored()).toBe(0);
  });
});

describe('enrolment', () => {
  it('spends a code once, only for its terminal, before it expires', async () => {
    const keys = generateTerminalKey();
    const { code } = await central.issueEnrolmentCode('kiosk-3');
    const attempt = (terminalId: string, c: string) => enrollTerminal({ centralUrl: central.url, terminalId, code: c, publicKey: keys.publicKey });
    await expect(attempt('kiosk-4', code)).rejects.toMatchObject({ code: 'ENROLMENT_CODE_INVALID' });
    await expect(attempt('kiosk-3', code.toLowerCase().replaceAll('-', ' '))).resolves.toMatchObject({ terminalId: 'kiosk-3' });
    await expect(attempt('kiosk-3', code)).rejects.toMatchObject({ code: 'ENROLMENT_CODE_INVALID' });
    const expired = await central.issueEnrolmentCode('kiosk-5', { ttlMs: -1 });
    await expect(attempt('kiosk-5', expired.code)).rejects.toMatchObject({ code: 'ENROLMENT_CODE_INVALID' });
    const fresh = await central.issueEnrolmentCode('kiosk-6');
    await expect(enrollTerminal({ centralUrl: central.url, terminalId: 'kiosk-6', code: fresh.code, publicKey: Buffer.alloc(44).toString('base64') })).rejects.toMatchObject({ code: 'PUBLIC_KEY_INVALID' });
  });
});

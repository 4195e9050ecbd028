import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { enrol, payment, signedFetch, tempDir, type EnrolledTerminal } from './helpers.ts';

let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let kiosk: EnrolledTerminal;

beforeAll(async () => {
  dir = tempDir('cupk-central-http-');
  central = await startCentral({ dataDir: dir.path, seedDemo: true });
  kiosk = await enrol(central, 'kiosk-1');
});

afterAll(async () => {
  await central.close();
  dir.remove();
});

// Signed, so each refusal below is about the body and not about authentication.
const postRaw = (body: string, contentType = 'application/json') => signedFetch(central.url, kiosk.sign, 'POST', '/v1/sync/batches', body, { 'content-type': contentType });

async function storedCount(): Promise<number> {
  return (await central.store.listTransactions('kiosk-1')).length;
}

describe('central over real HTTP', () => {
  it('listens on loopback, keeps its SQLite file in the data folder and serves health and OpenAPI', async () => {
    expect(central.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await (await fetch(`${central.url}/health`)).json())).toEqual({ status: 'ok', store: true });
    const doc = (await (await fetch(`${central.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/bookings/{code}', '/v1/sync/batches', '/v1/terminals/{id}/transactions']));
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(dir.path, 'central.db'))).toBe(true);
  });

  it('answers malformed JSON with 400 BODY_MALFORMED and stores nothing', async () => {
    const res = await postRaw('{"terminalId":"kiosk-1","items":[');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'BODY_MALFORMED' } });
    expect(await storedCount()).toBe(0);
  });

  it('answers a body that breaks the schema with 400 REQUEST_INVALID', async () => {
    const res = await postRaw(JSON.stringify({ terminalId: 'kiosk-1', items: [{ seq: -1, key: 'x', kind: 'payment', payload: {}, createdAt: 'yesterday' }] }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'REQUEST_INVALID' } });
  });

  it('answers an oversized body with 413 BODY_TOO_LARGE and stores nothing', async () => {
    const item = (i: number) => ({ seq: i, key: `big-${i}`, kind: 'payment', createdAt: '2026-03-01T08:00:00.000Z', payload: { ...payment('kiosk-1', `big-${i}`, '123456789092'), note: 'x'.repeat(4000) } });
    const body = JSON.stringify({ terminalId: 'kiosk-1', items: Array.from({ length: 400 }, (_, i) => item(i + 1)) });
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const res = await postRaw(body);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
    expect(await storedCount()).toBe(0);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await postRaw('terminalId=kiosk-1', 'text/plain');
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'CONTENT_TYPE_UNSUPPORTED' } });
  });

  it('answers unknown booking codes 404 and malformed ones 400, with typed errors', async () => {
    const missing = await signedFetch(central.url, kiosk.sign, 'GET', '/v1/bookings/100000000578');
    expect([missing.status, ((await missing.json()) as { error: { code: string } }).error.code]).toEqual([404, 'BOOKING_NOT_FOUND']);
    const bad = await signedFetch(central.url, kiosk.sign, 'GET', '/v1/bookings/abc');
    expect([bad.status, ((await bad.json()) as { error: { code: string } }).error.code]).toEqual([400, 'BOOKING_CODE_INVALID']);
  });
});

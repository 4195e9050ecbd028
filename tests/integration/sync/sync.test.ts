import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { DEMO_BOOKINGS } from '../../../sync-service/domain/index.ts';
import { SyncClient } from '../../../sync-service/client/index.ts';
import type { TransactionListResponse } from '../../../sync-service/protocol/index.ts';
import { enrol, openTerminal, signedFetch, tempDir, type EnrolledTerminal, type TestTerminal } from './helpers.ts';

const [B1, B2, B3] = DEMO_BOOKINGS.filter((b) => b.status === 'booked').map((b) => b.code) as [string, string, string];

let centralDir: ReturnType<typeof tempDir>;
let terminalDir: ReturnType<typeof tempDir>;
let central: RunningCentral | undefined;
let terminal: TestTerminal;
let kiosk: EnrolledTerminal;

const startOurCentral = (port = 0) => startCentral({ dbFile: join(centralDir.path, 'central.db'), port, seedDemo: true });

async function storedBy(terminalId: string): Promise<TransactionListResponse['transactions']> {
  return central!.store.listTransactions(terminalId);
}

beforeEach(async () => {
  centralDir = tempDir('cupk-central-');
  terminalDir = tempDir('cupk-terminal-');
  central = await startOurCentral();
  terminal = await openTerminal(terminalDir.path, 'kiosk-1');
  kiosk = await enrol(central, 'kiosk-1');
});

afterEach(async () => {
  await central?.close();
  await terminal.db.close();
  centralDir.remove();
  terminalDir.remove();
});

describe('outbox → client → central over HTTP', () => {
  it('stores three payments once each, in order, and marks the bookings paid', async () => {
    await terminal.pay('k1', B1);
    await terminal.pay('k2', B2);
    await terminal.pay('k3', B3);
    const client = new SyncClient({ outbox: terminal.outbox, centralUrl: central!.url, terminalId: terminal.id, sign: kiosk.sign });
    const result = await client.syncNow();
    expect(result).toMatchObject({ sent: 3, acked: 3, conflicts: [] });
    expect(await client.status()).toMatchObject({ backlog: 0, online: true });
    expect((await client.status()).lastAckAt).not.toBeNull();
    const stored = await storedBy('kiosk-1');
    expect(stored.map((t) => [t.seq, t.key, t.status])).toEqual([[1, 'k1', 'stored'], [2, 'k2', 'stored'], [3, 'k3', 'stored']]);
    expect((await client.lookupBooking(B2)).status).toBe('paid');
    expect(await client.syncNow()).toMatchObject({ sent: 0 });
  });

  it('answers duplicate when an ack was lost, and stores nothing twice', async () => {
    await terminal.pay('k1', B1);
    await terminal.pay('k2', B2);
    // The central gets the batch and commits it; the answer never reaches the terminal.
    let loseAnswers = true;
    const lossy = (async (input: URL | RequestInfo, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (loseAnswers) throw new TypeError('connection reset');
      return response;
    }) as typeof fetch;
    const client = new SyncClient({ outbox: terminal.outbox, centralUrl: central!.url, terminalId: terminal.id, sign: kiosk.sign, fetch: lossy });
    await expect(client.syncNow()).rejects.toMatchObject({ code: 'CENTRAL_UNREACHABLE' });
    expect(await terminal.outbox.backlog()).toBe(2);
    expect(await storedBy('kiosk-1')).toHaveLength(2);

    await terminal.pay('k3', B3);
    loseAnswers = false;
    const resend = await client.syncNow();
    expect(resend).toMatchObject({ sent: 3, acked: 3, conflicts: [] });
    expect((await storedBy('kiosk-1')).map((t) => t.key)).toEqual(['k1', 'k2', 'k3']);
    const k1 = (await terminal.outbox.get('k1'))!;
    const body = JSON.stringify({ terminalId: 'kiosk-1', items: [{ seq: k1.seq, key: k1.key, kind: k1.kind, payload: k1.payload, createdAt: k1.createdAt }] });
    const again = await signedFetch(central!.url, kiosk.sign, 'POST', '/v1/sync/batches', body);
    expect(await again.json()).toEqual({ results: [{ key: 'k1', status: 'duplicate' }] });
  });

  it('keeps the backlog while the central is down and drains it in order when it is back', async () => {
    const port = Number(new URL(central!.url).port);
    await central!.close();
    central = undefined;
    const client = new SyncClient({ outbox: terminal.outbox, centralUrl: `http://127.0.0.1:${port}`, terminalId: terminal.id, sign: kiosk.sign, requestTimeoutMs: 2000, minBackoffMs: 20, maxBackoffMs: 100, intervalMs: 50 });
    const statuses: { backlog: number; online: boolean }[] = [];
    client.onStatus((s) => statuses.push(s));
    for (let i = 1; i <= 5; i++) await terminal.pay(`k${i}`, B1);
    client.start();
    await expect.poll(() => statuses.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    expect(statuses.every((s) => !s.online && s.backlog === 5)).toBe(true);

    central = await startOurCentral(port);
    await expect.poll(() => terminal.outbox.backlog(), { timeout: 10_000 }).toBe(0);
    await client.stop();
    const stored = await storedBy('kiosk-1');
    expect(stored.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5]);
    // Five payments of one booking: the first pays it, the others are conflicts for the desk.
    expect(stored.map((t) => t.reason ?? t.status)).toEqual(['stored', 'BOOKING_ALREADY_PAID', 'BOOKING_ALREADY_PAID', 'BOOKING_ALREADY_PAID', 'BOOKING_ALREADY_PAID']);
    expect((await terminal.outbox.conflicts()).map((i) => i.key)).toEqual(['k2', 'k3', 'k4', 'k5']);
    expect(statuses.at(-1)).toMatchObject({ online: true, backlog: 0 });
  });

  it('reports a payment taken offline at two terminals as a conflict for the second', async () => {
    const other = await openTerminal(terminalDir.path, 'pharmacy-7');
    const pharmacy = await enrol(central!, 'pharmacy-7');
    try {
      await terminal.pay('kiosk-pay', B1);
      await other.pay('pharmacy-pay', B1);
      const c1 = new SyncClient({ outbox: terminal.outbox, centralUrl: central!.url, terminalId: terminal.id, sign: kiosk.sign });
      const c2 = new SyncClient({ outbox: other.outbox, centralUrl: central!.url, terminalId: other.id, sign: pharmacy.sign });
      expect((await c1.syncNow()).conflicts).toEqual([]);
      expect((await c2.syncNow()).conflicts).toEqual([{ key: 'pharmacy-pay', status: 'conflict', reason: 'BOOKING_ALREADY_PAID' }]);
      expect(await other.outbox.get('pharmacy-pay')).toMatchObject({ status: 'conflict', conflictReason: 'BOOKING_ALREADY_PAID' });
    } finally {
      await other.db.close();
    }
  });

  it('looks up bookings and types the failures', async () => {
    const client = new SyncClient({ outbox: terminal.outbox, centralUrl: central!.url, terminalId: terminal.id, sign: kiosk.sign });
    expect(await client.lookupBooking('1234 5678 9092')).toMatchObject({ code: '123456789092', taxCode: 'RSSMRA85T10A562S', status: 'booked' });
    await expect(client.lookupBooking('100000000578')).rejects.toMatchObject({ code: 'BOOKING_NOT_FOUND' });
    await expect(client.lookupBooking('12345')).rejects.toMatchObject({ code: 'BOOKING_CODE_INVALID' });
    const url = central!.url;
    await central!.close();
    central = undefined;
    const offline = new SyncClient({ outbox: terminal.outbox, centralUrl: url, terminalId: terminal.id, sign: kiosk.sign });
    await expect(offline.lookupBooking('123456789092')).rejects.toMatchObject({ code: 'CENTRAL_UNREACHABLE' });
  });
});

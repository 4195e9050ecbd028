/**
 * Self-certified income bands: declared at one terminal, synced through its outbox to a central
 * on 127.0.0.1 (real SQLite, signed HTTP), and answered to any other terminal about to quote.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteCentralStore, startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { SyncClient } from '../../../sync-service/client/index.ts';
import { declareIncomeBand, enrol, openTerminal, signedFetch, tempDir, type EnrolledTerminal, type TestTerminal } from './helpers.ts';

const MARIO = 'RSSMRA85T10A562S';
const OLENA = 'KVLLNO72C55Z138F';

let centralDir: ReturnType<typeof tempDir>;
let terminalDir: ReturnType<typeof tempDir>;
let central: RunningCentral | undefined;
let kiosk: TestTerminal;
let pharmacy: TestTerminal;
let kioskKeys: EnrolledTerminal;
let kioskClient: SyncClient;
let pharmacyClient: SyncClient;

beforeEach(async () => {
  centralDir = tempDir('cupk-central-');
  terminalDir = tempDir('cupk-terminal-');
  central = await startCentral({ dbFile: join(centralDir.path, 'central.db') });
  kiosk = await openTerminal(terminalDir.path, 'kiosk-1');
  pharmacy = await openTerminal(terminalDir.path, 'pharmacy-7');
  kioskKeys = await enrol(central, 'kiosk-1');
  const pharmacyKeys = await enrol(central, 'pharmacy-7');
  kioskClient = new SyncClient({ outbox: kiosk.outbox, centralUrl: central.url, terminalId: kiosk.id, sign: kioskKeys.sign, requestTimeoutMs: 2_000 });
  pharmacyClient = new SyncClient({ outbox: pharmacy.outbox, centralUrl: central.url, terminalId: pharmacy.id, sign: pharmacyKeys.sign, requestTimeoutMs: 2_000 });
});

afterEach(async () => {
  await central?.close();
  await kiosk.db.close();
  await pharmacy.db.close();
  centralDir.remove();
  terminalDir.remove();
});

/** The rows the central keeps in income_bands, read straight from its SQLite file. */
async function bandRows(): Promise<{ declaration_id: string; band: number; transaction_key: string }[]> {
  if (!(central!.store instanceof SqliteCentralStore)) throw new Error('this test reads the SQLite store');
  return central!.store.db.all('SELECT declaration_id, band, transaction_key FROM income_bands ORDER BY rowid');
}

describe('income bands from one terminal to every other', () => {
  it('answers band 2 declared at the kiosk to the pharmacy, and a later band 1 from its date', async () => {
    await declareIncomeBand(kiosk, 'band-1', { taxCode: MARIO, band: 2, declaredOn: '2011-10-03' });
    expect(await kioskClient.syncNow()).toMatchObject({ sent: 1, acked: 1, conflicts: [] });
    expect(await kiosk.outbox.get('band-1')).toMatchObject({ status: 'acked' });

    expect(await pharmacyClient.incomeBand(MARIO, '2011-10-10')).toEqual({ taxCode: MARIO, band: 2, declaredOn: '2011-10-03', declaredAt: '2011-10-03T08:00:00.000Z' });
    expect(await pharmacyClient.incomeBand(MARIO, '2011-10-02')).toEqual({ taxCode: MARIO, band: null, declaredOn: null, declaredAt: null });

    // Mario's income drops; he declares again, this time at the pharmacy counter.
    // Idempotency keys are unique across the network, as the terminals' UUIDs are.
    await declareIncomeBand(pharmacy, 'band-2', { taxCode: MARIO, band: 1, declaredOn: '2012-02-15' });
    expect(await pharmacyClient.syncNow()).toMatchObject({ acked: 1, conflicts: [] });
    expect((await kioskClient.incomeBand(MARIO, '2012-02-14')).band).toBe(2);
    expect(await kioskClient.incomeBand(MARIO, '2012-02-15')).toMatchObject({ band: 1, declaredOn: '2012-02-15' });
    expect((await kioskClient.incomeBand(MARIO.toLowerCase(), '2020-08-31')).band).toBe(1);

    expect(await kioskClient.incomeBand(OLENA, '2012-02-15')).toEqual({ taxCode: OLENA, band: null, declaredOn: null, declaredAt: null });
    await expect(kioskClient.incomeBand('RSSMRA85T10A562T', '2012-02-15')).rejects.toMatchObject({ code: 'TAX_CODE_INVALID', details: { reason: 'TAX_CODE_CHECK' } });
    expect((await bandRows()).map((r) => [r.declaration_id, r.band])).toEqual([['decl-kiosk-1-band-1', 2], ['decl-pharmacy-7-band-2', 1]]);
  });

  it('stores a replayed batch once, whether the ack was lost or the request is sent again', async () => {
    await declareIncomeBand(kiosk, 'band-1', { taxCode: MARIO, band: 3, declaredOn: '2011-10-03' });
    let loseAnswers = true;
    const lossy = (async (input: URL | RequestInfo, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (loseAnswers) throw new TypeError('connection reset');
      return response;
    }) as typeof fetch;
    const client = new SyncClient({ outbox: kiosk.outbox, centralUrl: central!.url, terminalId: kiosk.id, sign: kioskKeys.sign, fetch: lossy });
    await expect(client.syncNow()).rejects.toMatchObject({ code: 'CENTRAL_UNREACHABLE' });
    expect(await kiosk.outbox.backlog()).toBe(1);
    loseAnswers = false;
    expect(await client.syncNow()).toMatchObject({ sent: 1, acked: 1, conflicts: [] });

    const item = (await kiosk.outbox.get('band-1'))!;
    const body = JSON.stringify({ terminalId: kiosk.id, items: [{ seq: item.seq, key: item.key, kind: item.kind, payload: item.payload, createdAt: item.createdAt }] });
    const again = await signedFetch(central!.url, kioskKeys.sign, 'POST', '/v1/sync/batches', body);
    expect(await again.json()).toEqual({ results: [{ key: 'band-1', status: 'duplicate' }] });

    expect(await bandRows()).toEqual([{ declaration_id: 'decl-kiosk-1-band-1', band: 3, transaction_key: 'band-1' }]);
    expect((await central!.store.listTransactions(kiosk.id)).map((t) => [t.key, t.status])).toEqual([['band-1', 'stored']]);
    expect((await pharmacyClient.incomeBand(MARIO, '2011-10-03')).band).toBe(3);
  });

  it('keeps an invalid declaration as a conflict the desk can see, and answers only signed terminals', async () => {
    await declareIncomeBand(kiosk, 'bad', { taxCode: MARIO, band: 2, declaredOn: '2011-10-03', statement: '' });
    expect((await kioskClient.syncNow()).conflicts).toEqual([{ key: 'bad', status: 'conflict', reason: 'PAYLOAD_INVALID' }]);
    expect(await kiosk.outbox.get('bad')).toMatchObject({ status: 'conflict', conflictReason: 'PAYLOAD_INVALID' });
    expect(await bandRows()).toEqual([]);
    const unsigned = await fetch(`${central!.url}/v1/citizens/${MARIO}/income-band?date=2011-10-03`);
    expect([unsigned.status, ((await unsigned.json()) as { error: { code: string } }).error.code]).toEqual([401, 'AUTH_MISSING']);
  });

  it('rejects CENTRAL_UNREACHABLE when the central is down, so the terminal quotes with what it holds', async () => {
    const url = central!.url;
    await central!.close();
    central = undefined;
    const offline = new SyncClient({ outbox: kiosk.outbox, centralUrl: url, terminalId: kiosk.id, sign: kioskKeys.sign, requestTimeoutMs: 1_000 });
    await expect(offline.incomeBand(MARIO, '2011-10-03')).rejects.toMatchObject({ code: 'CENTRAL_UNREACHABLE' });
    expect((await offline.status()).online).toBe(false);
  });
});

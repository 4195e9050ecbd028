import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { FIXTURE_BOOKINGS } from '../../../sync-service/central/fixtures.ts';
import type { Booking } from '../../../sync-service/domain/index.ts';
import type { SyncItem, SyncItemResult } from '../../../sync-service/protocol/index.ts';
import { enrol, payment, signedFetch, type EnrolledTerminal } from '../sync/helpers.ts';
import { startPgServer, type PgServer } from './pg-server.ts';

// A region runs several centrals on one PostgreSQL: whichever instance a terminal's request
// reaches, a key is stored once and a booking is paid once.

const CONTESTED = 20;
const contested: Booking[] = Array.from({ length: CONTESTED }, (_, i) => ({ ...FIXTURE_BOOKINGS[0]!, code: String(300_000_000_000 + i * 97), status: 'booked' }));

let server: PgServer;
let a: RunningCentral;
let b: RunningCentral;
let kiosk: EnrolledTerminal;
let pharmacy: EnrolledTerminal;

beforeAll(async () => {
  server = await startPgServer();
  const url = await server.createDatabase();
  // Started together: both migrate the one empty database, and take turns doing it.
  [a, b] = await Promise.all([startCentral({ pg: url, seedBookings: [...FIXTURE_BOOKINGS, ...contested] }), startCentral({ pg: url, seedBookings: [...FIXTURE_BOOKINGS, ...contested] })]);
  kiosk = await enrol(a, 'kiosk-1');
  pharmacy = await enrol(b, 'pharmacy-7');
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await server?.stop();
});

async function send(central: RunningCentral, terminal: EnrolledTerminal, items: SyncItem[]): Promise<SyncItemResult[]> {
  const res = await signedFetch(central.url, terminal.sign, 'POST', '/v1/sync/batches', JSON.stringify({ terminalId: terminal.terminalId, items }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: SyncItemResult[] }).results;
}

const item = (terminalId: string, seq: number, key: string, bookingCode: string): SyncItem => ({
  seq,
  key,
  kind: 'payment',
  payload: { ...payment(terminalId, key, bookingCode), paymentId: `pay-${key}` },
  createdAt: '2026-03-01T08:00:00.000Z',
});

describe('two centrals on one PostgreSQL database', () => {
  it('stores a batch sent to both at once exactly once', async () => {
    const batch = [
      ...FIXTURE_BOOKINGS.filter((x) => x.status === 'booked').map((x, i) => item('kiosk-1', i + 1, `k${i + 1}`, x.code)),
      { seq: 10, key: 'ledger-1', kind: 'cash-ledger', payload: { delta: 500 }, createdAt: '2026-03-01T08:00:00.000Z' },
    ];
    const [viaA, viaB] = await Promise.all([send(a, kiosk, batch), send(b, kiosk, batch)]);
    for (let i = 0; i < batch.length; i++) {
      // Whoever committed first stored the item; the other found it and answered duplicate.
      expect([viaA[i]!.status, viaB[i]!.status].sort()).toEqual(['duplicate', 'stored']);
    }
    const stored = await a.store.listTransactions('kiosk-1');
    expect(stored.map((t) => t.key)).toEqual(batch.map((x) => x.key));
    expect(await b.store.listTransactions('kiosk-1')).toEqual(stored);
  });

  it('lets one of two competing payments of a booking win and answers the other a conflict', async () => {
    const rounds = contested.map((booking, i) =>
      Promise.all([send(a, kiosk, [item('kiosk-1', 100 + i, `kiosk-${i}`, booking.code)]), send(b, pharmacy, [item('pharmacy-7', 100 + i, `pharmacy-${i}`, booking.code)])]),
    );
    const answers = await Promise.all(rounds);
    for (const [[fromKiosk], [fromPharmacy]] of answers) {
      const outcomes = [fromKiosk!, fromPharmacy!].map((r) => r.reason ?? r.status).sort();
      expect(outcomes).toEqual(['BOOKING_ALREADY_PAID', 'stored']);
    }
    for (const booking of contested) expect((await b.store.getBooking(booking.code))?.status).toBe('paid');
    const stored = [...(await a.store.listTransactions('kiosk-1')), ...(await a.store.listTransactions('pharmacy-7'))].filter((t) => t.seq >= 100);
    expect(stored).toHaveLength(2 * CONTESTED);
    expect(stored.filter((t) => t.status === 'stored')).toHaveLength(CONTESTED);
  });
});

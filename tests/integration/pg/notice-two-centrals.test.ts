import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { NOTICE_FIXTURE_BOOKINGS, NOTICE_RUN_DATE } from '../../../sync-service/central/notice-fixtures.ts';
import { CentralError, issueNotices, SyncClient } from '../../../sync-service/client/index.ts';
import { bookingCheckDigits, type Booking } from '../../../sync-service/domain/index.ts';
import { enrol, openTerminal, tempDir, type TestTerminal } from '../sync/helpers.ts';
import { startPgServer, type PgServer } from './pg-server.ts';

// A region's centrals share one PostgreSQL: a credit recovery run started on both issues one
// notice per booking, and a notice locked at once through both is held by one payment only.

const TOKEN = 'two-centrals-admin-token';
const CONTESTED = 20;
const template = NOTICE_FIXTURE_BOOKINGS.find((b) => b.status === 'booked' && !b.intramoenia && b.exemptions.length === 0 && b.startsAt.startsWith('2026'))!;
const contested: Booking[] = Array.from({ length: CONTESTED }, (_, i) => {
  const first10 = String(5_000_000_000 + i);
  return { ...template, code: first10 + bookingCheckDigits(first10), startsAt: `2026-03-${String(10 + (i % 15)).padStart(2, '0')}T09:00` };
});

let server: PgServer;
let a: RunningCentral;
let b: RunningCentral;
let dir: ReturnType<typeof tempDir>;
let kiosk: TestTerminal;
let pharmacy: TestTerminal;
let viaA: SyncClient;
let viaB: SyncClient;

beforeAll(async () => {
  server = await startPgServer();
  const url = await server.createDatabase();
  const options = { pg: url, seedBookings: [...NOTICE_FIXTURE_BOOKINGS, ...contested], adminToken: TOKEN };
  [a, b] = await Promise.all([startCentral(options), startCentral(options)]);
  dir = tempDir('cupk-two-centrals-notices-');
  kiosk = await openTerminal(dir.path, 'kiosk-1');
  pharmacy = await openTerminal(dir.path, 'pharmacy-7');
  viaA = new SyncClient({ outbox: kiosk.outbox, centralUrl: a.url, terminalId: kiosk.id, sign: (await enrol(a, kiosk.id)).sign });
  viaB = new SyncClient({ outbox: pharmacy.outbox, centralUrl: b.url, terminalId: pharmacy.id, sign: (await enrol(b, pharmacy.id)).sign });
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await kiosk?.db.close();
  await pharmacy?.db.close();
  dir?.remove();
  await server?.stop();
});

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'locked',
    (e: unknown) => (e instanceof CentralError ? e.code : String(e)),
  );

describe('notices on two centrals sharing one PostgreSQL database', () => {
  it('issues one notice per booking when both run credit recovery at once', async () => {
    const [fromA, fromB] = await Promise.all([a, b].map((c) => issueNotices({ centralUrl: c.url, token: TOKEN, asOf: NOTICE_RUN_DATE })));
    const issued = [...fromA!, ...fromB!];
    expect(issued).toHaveLength(CONTESTED + 3);
    expect(new Set(issued.map((n) => n.bookingCode)).size).toBe(CONTESTED + 3);
    expect(new Set(issued.map((n) => n.noticeCode)).size).toBe(CONTESTED + 3);
    expect(await b.store.listNotices()).toHaveLength(CONTESTED + 3);
  });

  it('gives each notice locked through both at once to exactly one payment', async () => {
    const notices = (await a.store.listNotices()).filter((n) => contested.some((c) => c.code === n.bookingCode));
    expect(notices).toHaveLength(CONTESTED);
    const rounds = await Promise.all(notices.map((n) => Promise.all([outcome(viaA.lockNotice(n.noticeCode, `k-${n.noticeCode}`)), outcome(viaB.lockNotice(n.noticeCode, `p-${n.noticeCode}`))])));
    for (const round of rounds) expect([...round].sort()).toEqual(['NOTICE_LOCKED', 'locked']);
    // Each central reads the winner's lock from the shared database.
    for (const [i, n] of notices.entries()) {
      const holder = rounds[i]![0] === 'locked' ? `k-${n.noticeCode}` : `p-${n.noticeCode}`;
      expect((await b.store.getNotice(n.noticeCode))?.lock?.paymentId).toBe(holder);
    }
  });
});

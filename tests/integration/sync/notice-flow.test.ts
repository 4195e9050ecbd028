/**
 * A pagoPA notice from issue to payment: a central on 127.0.0.1 (real SQLite, signed HTTP), two
 * enrolled terminals with their own outboxes and signed clients. Both try to take one notice at
 * once; one wins and pays it through its outbox; the other is told it is paid.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { MARIO, NOTICE_BOOKING, NOTICE_FIXTURE_BOOKINGS, NOTICE_RUN_DATE } from '../../../sync-service/central/notice-fixtures.ts';
import { CentralError, issueNotices, listNotices, SyncClient } from '../../../sync-service/client/index.ts';
import type { Notice, PaymentPayload } from '../../../sync-service/protocol/index.ts';
import { enrol, openTerminal, tempDir, type TestTerminal } from './helpers.ts';

const TOKEN = 'notice-flow-admin-token';
const MINUTE = 60_000;

let centralDir: ReturnType<typeof tempDir>;
let terminalDir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let kiosk: TestTerminal;
let pharmacy: TestTerminal;
let clients: Record<'kiosk' | 'pharmacy', SyncClient>;
/** How far the shared clock (central and terminals agree on it) is ahead of the real one. */
let ahead = 0;
const now = () => new Date(Date.now() + ahead);

beforeEach(async () => {
  ahead = 0;
  centralDir = tempDir('cupk-notice-central-');
  terminalDir = tempDir('cupk-notice-terminal-');
  central = await startCentral({ dbFile: join(centralDir.path, 'central.db'), seedBookings: NOTICE_FIXTURE_BOOKINGS, adminToken: TOKEN, now });
  kiosk = await openTerminal(terminalDir.path, 'kiosk-1');
  pharmacy = await openTerminal(terminalDir.path, 'pharmacy-7');
  const client = async (t: TestTerminal) => new SyncClient({ outbox: t.outbox, centralUrl: central.url, terminalId: t.id, sign: (await enrol(central, t.id, now)).sign, requestTimeoutMs: 5_000 });
  clients = { kiosk: await client(kiosk), pharmacy: await client(pharmacy) };
});

afterEach(async () => {
  await central?.close();
  await kiosk.db.close();
  await pharmacy.db.close();
  centralDir.remove();
  terminalDir.remove();
});

/** What the host commits when a notice is paid by card: the payment and its outbox entry, one transaction. */
function payNotice(terminal: TestTerminal, key: string, paymentId: string, notice: Notice): Promise<void> {
  const payload: PaymentPayload = {
    paymentId,
    transactionId: `${terminal.id}-${key}`,
    bookingCode: notice.bookingCode,
    taxCode: notice.taxCode,
    amountCents: notice.amountCents,
    paidCents: notice.amountCents,
    changeCents: 0,
    cashRoundingCents: 0,
    method: 'card',
    cardCents: notice.amountCents,
    items: [{ bookingCode: notice.bookingCode, amountCents: notice.amountCents, noticeCode: notice.noticeCode }],
    ruleVersion: 'demo-4',
    paidAt: now().toISOString(),
    terminalId: terminal.id,
  };
  return terminal.db.transaction(async (tx) => {
    await tx.run('INSERT INTO payments (payment_id, booking_code) VALUES (?, ?)', [paymentId, notice.bookingCode]);
    await terminal.outbox.enqueue(tx, { kind: 'payment', key, payload });
  });
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof CentralError ? e.code : String(e)),
  );

describe('a pagoPA notice between two terminals', () => {
  it('is verified, locked by exactly one of two, paid through that one outbox, and refused to the other', async () => {
    const issued = await issueNotices({ centralUrl: central.url, token: TOKEN, asOf: NOTICE_RUN_DATE });
    const notice = issued.find((n) => n.bookingCode === NOTICE_BOOKING.unpaid)!;
    expect(await clients.kiosk.verifyNotice(notice.noticeCode)).toMatchObject({ status: 'payable', amountCents: 2066, taxCode: MARIO, lockedUntil: null });
    expect((await clients.pharmacy.unpaidTickets(MARIO)).notices.map((n) => n.noticeCode)).toEqual([notice.noticeCode]);

    const [byKiosk, byPharmacy] = await Promise.all([codeOf(clients.kiosk.lockNotice(notice.noticeCode, 'pay-k')), codeOf(clients.pharmacy.lockNotice(notice.noticeCode, 'pay-p'))]);
    expect([byKiosk, byPharmacy].sort()).toEqual(['NOTICE_LOCKED', 'resolved']);
    const [winner, loser] = byKiosk === 'resolved' ? ([kiosk, 'pharmacy'] as const) : ([pharmacy, 'kiosk'] as const);
    const winnerClient = clients[winner === kiosk ? 'kiosk' : 'pharmacy'];
    expect((await clients[loser].verifyNotice(notice.noticeCode)).lockedUntil).not.toBeNull();

    await payNotice(winner, 'n1', winner === kiosk ? 'pay-k' : 'pay-p', notice);
    expect(await winnerClient.syncNow()).toMatchObject({ acked: 1, conflicts: [] });

    expect(await clients[loser].verifyNotice(notice.noticeCode)).toMatchObject({ status: 'paid', lockedUntil: null });
    expect((await central.store.getBooking(NOTICE_BOOKING.unpaid))?.status).toBe('paid');
    const paid = await listNotices({ centralUrl: central.url, token: TOKEN, status: 'paid' });
    expect(paid.map((n) => [n.noticeCode, n.paidBy])).toEqual([[notice.noticeCode, 'n1']]);
    expect(await codeOf(clients[loser].lockNotice(notice.noticeCode, loser === 'kiosk' ? 'pay-k' : 'pay-p'))).toBe('NOTICE_PAID');
    expect((await clients[loser].unpaidTickets(MARIO)).notices).toEqual([]);

    // A loser that took the money anyway (say, while the lock answer was lost) is told to refund it.
    const loserTerminal = loser === 'kiosk' ? kiosk : pharmacy;
    await payNotice(loserTerminal, 'n2', 'pay-late', notice);
    expect((await clients[loser].syncNow()).conflicts).toEqual([{ key: 'n2', status: 'conflict', reason: 'NOTICE_ALREADY_PAID' }]);
  });

  it('lets another terminal take a lock once it has expired', async () => {
    const issued = await central.issueNotices(NOTICE_RUN_DATE);
    const notice = issued.find((n) => n.bookingCode === NOTICE_BOOKING.private)!;
    const { lockedUntil } = await clients.kiosk.lockNotice(notice.noticeCode, 'pay-k');
    expect(await codeOf(clients.pharmacy.lockNotice(notice.noticeCode, 'pay-p'))).toBe('NOTICE_LOCKED');
    ahead = 11 * MINUTE;
    expect((await clients.kiosk.verifyNotice(notice.noticeCode)).lockedUntil).toBeNull();
    const taken = await clients.pharmacy.lockNotice(notice.noticeCode, 'pay-p');
    expect(Date.parse(taken.lockedUntil)).toBeGreaterThan(Date.parse(lockedUntil));
    expect(await codeOf(clients.kiosk.lockNotice(notice.noticeCode, 'pay-k'))).toBe('NOTICE_LOCKED');
    // Releasing what it no longer holds changes nothing for the new holder.
    await clients.kiosk.releaseNotice(notice.noticeCode, 'pay-k');
    expect((await clients.kiosk.verifyNotice(notice.noticeCode)).lockedUntil).toBe(taken.lockedUntil);
  });

  it('answers 401 to unsigned requests on every notice route', async () => {
    const [notice] = await central.issueNotices(NOTICE_RUN_DATE);
    const body = JSON.stringify({ noticeCode: notice!.noticeCode, paymentId: 'pay-x' });
    const asks: [string, string, string | undefined][] = [
      ['POST', '/v1/notices/verify', body],
      ['POST', '/v1/notices/lock', body],
      ['POST', '/v1/notices/release', body],
      ['GET', `/v1/citizens/${MARIO}/unpaid`, undefined],
    ];
    for (const [method, path, payload] of asks) {
      const res = await fetch(`${central.url}${path}`, { method, ...(payload ? { body: payload, headers: { 'content-type': 'application/json' } } : {}) });
      expect([path, res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([path, 401, 'AUTH_MISSING']);
    }
    expect((await central.store.getNotice(notice!.noticeCode))?.lock).toBeNull();
  });
});

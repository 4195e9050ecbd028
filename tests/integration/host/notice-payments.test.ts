import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startCentral, type RunningCentral } from '@cup-kiosk/sync-service/central';
import { SyncClient } from '@cup-kiosk/sync-service/client';
import { DEMO_NOTICES } from '@cup-kiosk/sync-service/domain';
import { centralPort } from '../../../kiosk/host/central-link.ts';
import { enrol, openTerminal, tempDir, type EnrolledTerminal, type TestTerminal } from '../sync/helpers.ts';
import { startKioskRig, TERMINAL, until, type KioskRig } from './kiosk-rig.ts';

// pagoPA notices paid at the kiosk against a real central over signed HTTP: verified, locked for
// the payment so no other channel takes them at once, paid, and marked paid by the sync.

const NOTICE = DEMO_NOTICES.find((n) => n.bookingCode === '070000000434')!; // Mario Rossi, 24,53 €
const MARIO = 'RSSMRA85T10A562S';
const noticeItem = { kind: 'notice' as const, noticeCode: NOTICE.noticeCode };

let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let kiosk: EnrolledTerminal;
let client: SyncClient;
let rig: KioskRig;
/** Another channel of the same CUP: a desk terminal with its own key. */
let desk: { terminal: TestTerminal; client: SyncClient };

beforeEach(async () => {
  dir = tempDir('cupk-notices-');
  central = await startCentral({ dbFile: join(dir.path, 'central.db'), seedDemo: true });
  kiosk = await enrol(central, TERMINAL);
  rig = await startKioskRig({
    central: (tdb) => {
      client = new SyncClient({ outbox: tdb.outbox, centralUrl: central.url, terminalId: TERMINAL, sign: kiosk.sign, requestTimeoutMs: 2000 });
      return centralPort(client);
    },
  });
  const deskKeys = await enrol(central, 'DESK-1');
  const terminal = await openTerminal(dir.path, 'DESK-1');
  desk = { terminal, client: new SyncClient({ outbox: terminal.outbox, centralUrl: central.url, terminalId: 'DESK-1', sign: deskKeys.sign }) };
});

afterEach(async () => {
  await client.stop();
  await desk.client.stop();
  await rig.close();
  await desk.terminal.db.close();
  await central.close();
  dir.remove();
});

const paymentPayload = async () => (await rig.tdb.outbox.pending(500)).find((i) => i.kind === 'payment')?.payload;

describe('a pagoPA notice at the kiosk', () => {
  it('read from its QR, locked for the payment, paid, and marked paid at the central by the sync', async () => {
    const found = await rig.host.findNotice(NOTICE.qrText);
    expect(found).toMatchObject({ noticeCode: NOTICE.noticeCode, bookingCode: '070000000434', amountDueCents: 2453, cashDueCents: 2455, status: 'payable' });
    expect((await rig.host.findNotice('3020 0000 0000 0001 84')).noticeCode).toBe(NOTICE.noticeCode);

    const { paymentId, amountDueCents } = await rig.host.beginPayment({ items: [noticeItem], taxCode: MARIO, method: 'card' });
    expect(amountDueCents).toBe(2453);
    // Held for this payment: another channel cannot take it now.
    await expect(desk.client.lockNotice(NOTICE.noticeCode, 'desk-payment')).rejects.toMatchObject({ code: 'NOTICE_LOCKED' });
    const committed = await rig.waitFor('payment.committed');
    expect(await paymentPayload()).toMatchObject({
      method: 'card',
      amountCents: 2453,
      bookingCode: '070000000434',
      items: [{ bookingCode: '070000000434', amountCents: 2453, noticeCode: NOTICE.noticeCode }],
    });
    // Paid here, not yet synced: paid all the same.
    expect((await rig.host.findNotice(NOTICE.noticeCode)).status).toBe('paid');
    await expect(rig.host.beginPayment({ items: [noticeItem], taxCode: MARIO, method: 'cash' })).rejects.toMatchObject({ code: 'NOTICE_PAID' });

    const sync = await client.syncNow();
    expect(sync.conflicts).toEqual([]);
    expect((await client.verifyNotice(NOTICE.noticeCode)).status).toBe('paid');
    const receipt = await rig.host.printReceipt(committed.transactionId);
    expect(receipt.text).toContain('Avviso pagoPA');
    expect(receipt.text).toContain(NOTICE.noticeCode);
    expect(receipt.text).toContain(NOTICE.creditorName);
    expect(rig.pos.charges(`${paymentId}:1`)).toBe(1);
  });

  it('offline, a notice is not payable and the kiosk says why', async () => {
    await central.close();
    await expect(rig.host.findNotice(NOTICE.noticeCode)).rejects.toMatchObject({ code: 'NOTICE_OFFLINE', message: expect.stringContaining("a booking's ticket is payable offline") });
    await expect(rig.host.beginPayment({ items: [noticeItem], taxCode: MARIO, method: 'cash' })).rejects.toMatchObject({ code: 'NOTICE_OFFLINE' });
    await expect(rig.host.unpaidTickets(MARIO)).rejects.toMatchObject({ code: 'NOTICE_OFFLINE' });
    expect(await rig.tdb.db.get(`SELECT COUNT(*) AS n FROM payments`)).toEqual({ n: 0 });
    central = await startCentral({ dbFile: join(dir.path, 'central.db') }); // for afterEach
  });

  it('a notice being paid elsewhere is refused before any payment is opened', async () => {
    await desk.client.lockNotice(NOTICE.noticeCode, 'desk-payment');
    await expect(rig.host.beginPayment({ items: [{ kind: 'booking', bookingCode: '123456789092' }, noticeItem], taxCode: MARIO, method: 'cash' })).rejects.toMatchObject({
      code: 'NOTICE_LOCKED',
    });
    expect(await rig.tdb.db.get(`SELECT COUNT(*) AS n FROM payments`)).toEqual({ n: 0 });
    expect(rig.cash.insertCoin(200)).toBe('returned');
  });

  it('a payment given up lets go of its notice at once', async () => {
    const { paymentId } = await rig.host.beginPayment({ items: [noticeItem], taxCode: MARIO, method: 'cash' });
    await rig.insertCoins(200);
    expect(await rig.host.cancelPayment(paymentId)).toMatchObject({ refundedCents: 200 });
    await expect(desk.client.lockNotice(NOTICE.noticeCode, 'desk-payment')).resolves.toMatchObject({ lockedUntil: expect.any(String) });
  });

  it('a declined card releases the notice too', async () => {
    rig.pos.next('decline');
    await rig.host.beginPayment({ items: [noticeItem], taxCode: MARIO, method: 'card' });
    expect(await rig.waitFor('pos.declined')).toMatchObject({ paymentOpen: false });
    // Released just after the citizen is told (the screen does not wait for the central).
    await until(() => desk.client.lockNotice(NOTICE.noticeCode, 'desk-payment').then(() => true, () => false), 'the notice to be free');
  });

  it('a booking and a notice paid together, cash then card', async () => {
    const { paymentId, amountDueCents } = await rig.host.beginPayment({ items: [{ kind: 'booking', bookingCode: '123456789092' }, noticeItem], taxCode: MARIO, method: 'cash' });
    expect(amountDueCents).toBe(3228 + 2453);
    await rig.insertCoins(200, 200, 200, 200, 200);
    expect(await rig.host.payRestByCard(paymentId)).toEqual({ cardCents: 4681 });
    await rig.waitFor('payment.committed');
    expect(await paymentPayload()).toMatchObject({
      method: 'mixed',
      cardCents: 4681,
      items: [
        { bookingCode: '123456789092', amountCents: 3228 },
        { bookingCode: '070000000434', amountCents: 2453, noticeCode: NOTICE.noticeCode },
      ],
    });
    expect((await client.syncNow()).conflicts).toEqual([]);
    expect((await client.lookupBooking('123456789092')).status).toBe('paid');
    expect((await client.verifyNotice(NOTICE.noticeCode)).status).toBe('paid');
  });

  it("lists what the citizen still owes: bookings quoted here, notices as the central holds them", async () => {
    const owed = await rig.host.unpaidTickets(MARIO);
    expect(owed.notices.map((n) => n.noticeCode)).toEqual([NOTICE.noticeCode]);
    expect(owed.bookings.map((b) => [b.bookingCode, b.amountDueCents])).toEqual([['123456789092', 3228]]);
    // Paid here: gone from the list before the central hears of it.
    await rig.host.beginPayment({ items: [noticeItem], taxCode: MARIO, method: 'card' });
    await rig.waitFor('payment.committed');
    expect((await rig.host.unpaidTickets(MARIO)).notices).toEqual([]);
    await expect(rig.host.unpaidTickets('RSSMRA85T10A562X')).rejects.toMatchObject({ code: expect.stringMatching(/^TAX_CODE/) });
  });

  it('a notice another channel paid first comes back from the sync as a conflict: kept, settled, not sent again', async () => {
    await rig.host.beginPayment({ items: [noticeItem], taxCode: MARIO, method: 'card' });
    const committed = await rig.waitFor('payment.committed');
    // Meanwhile the desk took the same ticket by its booking code, and synced first.
    await desk.terminal.pay('desk-pay-1', '070000000434', 2453);
    expect((await desk.client.syncNow()).conflicts).toEqual([]);

    const first = await client.syncNow();
    expect(first.conflicts).toEqual([expect.objectContaining({ key: `payment:${committed.paymentId}`, reason: 'NOTICE_ALREADY_PAID' })]);
    // The money was taken: the payment stays recorded, the desk refunds it from the conflict list.
    expect((await rig.tdb.payments.payment(committed.paymentId))?.status).toBe('committed');
    expect(await rig.tdb.outbox.conflicts()).toEqual([expect.objectContaining({ key: `payment:${committed.paymentId}`, conflictReason: 'NOTICE_ALREADY_PAID' })]);
    expect(await rig.tdb.outbox.backlog()).toBe(0);
    expect((await client.syncNow()).sent).toBe(0);
  });
});

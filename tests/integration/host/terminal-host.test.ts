import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoBooking, type Booking } from '@cup-kiosk/sync-service/domain';
import type { PrinterStatus, TerminalEvent } from '../../../kiosk/bridge/terminal-api.ts';
import { openTerminalDb, type TerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { TerminalHost } from '../../../kiosk/host/terminal-host.ts';
import type { PaymentReceiptData } from '../../../kiosk/host/ports.ts';

// The host's payment path over a real SQLite file, with the devices and the central as fakes.

const READY: PrinterStatus = { ready: true, online: true, paper: 'ok', coverOpen: false, cutterError: false, unrecoverableError: false, autoRecoverableError: false };
const NOW = new Date('2026-11-23T10:00:00Z');

let dir: string;
let tdb: TerminalDb;
let events: TerminalEvent[];
let printed: PaymentReceiptData[];
let coinsEnabled: boolean;
let printerStatus: PrinterStatus;
let kicks: number;

function makeHost() {
  const host = new TerminalHost({
    terminalId: 'T-01',
    store: tdb.payments,
    now: () => NOW,
    verifyBaseUrl: 'http://central/v1/receipts/',
    central: {
      lookupBooking: async (code) => {
        const b = demoBooking(code);
        if (!b) throw Object.assign(new Error('no booking'), { code: 'BOOKING_NOT_FOUND' });
        return structuredClone(b) as Booking;
      },
      kick: () => void kicks++,
    },
    coins: {
      enable: async () => void (coinsEnabled = true),
      disable: async () => void (coinsEnabled = false),
      coinValues: [5, 10, 20, 50, 100, 200],
    },
    printer: {
      status: async () => printerStatus,
      printPaymentReceipt: async (d) => {
        printed.push(d);
        return { text: `RICEVUTA ${d.transactionId} ${d.payerTaxCode}`, svg: '<svg/>' };
      },
    },
  });
  host.subscribe((e) => events.push(e));
  return host;
}

const coin = (counter: number, cents: number) => ({ key: `coin:7:0:${counter}`, device: 'coin:7', eventCounter: counter, valueCents: cents });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-host-'));
  tdb = await openTerminalDb(join(dir, 'terminal.sqlite'), 'T-01');
  events = [];
  printed = [];
  coinsEnabled = false;
  printerStatus = READY;
  kicks = 0;
});

afterEach(async () => {
  await tdb.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('terminal host, cash payment of a booking', () => {
  it('quotes the demo booking with the rules in force today', async () => {
    const b = await makeHost().findBooking('1234 5678 9092');
    expect(b).toMatchObject({ bookingCode: '123456789092', amountDueCents: 3228, ruleVersion: 'demo-4', status: 'booked' });
  });

  it('records each credit once, commits at the amount, and enqueues one outbox entry', async () => {
    const host = makeHost();
    const { paymentId, amountDueCents } = await host.beginPayment({ bookingCode: '123456789092', taxCode: 'RSSMRA85T10A562S', method: 'cash' });
    expect(amountDueCents).toBe(3228);
    expect(coinsEnabled).toBe(true);
    for (let i = 1; i <= 16; i++) await host.recordCredit(coin(i, 200));
    await host.recordCredit(coin(16, 200)); // the same device event replayed
    expect(events.filter((e) => e.type === 'cash.credit')).toHaveLength(16);
    // Sixteen coins, each a ledger row on its way to the central; no payment yet.
    expect((await tdb.outbox.pending()).filter((i) => i.kind === 'payment')).toHaveLength(0);
    expect(await tdb.outbox.backlog()).toBe(16);

    await host.recordCredit(coin(17, 50));
    const committed = events.find((e) => e.type === 'payment.committed');
    expect(committed).toMatchObject({ paymentId, paidCents: 3250, changeDueCents: 22 });
    expect(coinsEnabled).toBe(false);
    expect(kicks).toBe(1);
    const [item] = (await tdb.outbox.pending(100)).filter((i) => i.kind === 'payment');
    expect(item).toMatchObject({ kind: 'payment', key: `payment:${paymentId}` });
    expect(item!.payload).toMatchObject({ bookingCode: '123456789092', amountCents: 3228, paidCents: 3250, changeCents: 22, ruleVersion: 'demo-4' });

    // A coin after the commit is not added to a closed payment: it is owed back on a voucher.
    await host.recordCredit(coin(18, 100));
    expect(events.filter((e) => e.type === 'payment.committed')).toHaveLength(1);
    const levels = await tdb.ledger.levels();
    expect(levels).toMatchObject({ cashboxCents: 3350, vouchersIssuedCents: 100 });
    expect(await tdb.ledger.verify()).toMatchObject({ ok: true, rows: 19 });

    const tx = (committed as { transactionId: string }).transactionId;
    const r = await host.printReceipt(tx);
    expect(r.text).toContain('RSSMRA85T10A562S');
    // Change no hopper paid is printed as owed, not as given.
    expect(printed[0]).toMatchObject({ totalCents: 3228, paidCents: 3250, changeCents: 0, bookingCode: '123456789092' });

    // Paid here, not yet synced: the booking is paid all the same.
    expect((await host.findBooking('123456789092')).status).toBe('paid');
    await expect(host.beginPayment({ bookingCode: '123456789092', taxCode: 'RSSMRA85T10A562S', method: 'cash' })).rejects.toMatchObject({ code: 'BOOKING_NOT_PAYABLE' });
  });

  it('takes no money when the printer cannot print', async () => {
    printerStatus = { ...READY, ready: false, paper: 'out' };
    await expect(makeHost().beginPayment({ bookingCode: '123456789092', taxCode: 'RSSMRA85T10A562S', method: 'cash' })).rejects.toMatchObject({
      code: 'PRINTER_NOT_READY',
    });
    expect(coinsEnabled).toBe(false);
  });

  it('a cancelled payment owes back what was credited and commits nothing', async () => {
    const host = makeHost();
    const { paymentId } = await host.beginPayment({ bookingCode: '123456789092', taxCode: 'RSSMRA85T10A562S', method: 'cash' });
    await host.recordCredit(coin(1, 200));
    await host.recordCredit(coin(2, 100));
    expect(await host.cancelPayment(paymentId)).toEqual({ refundedCents: 0, voucherCents: 300 });
    expect(coinsEnabled).toBe(false);
    // Nothing paid: the only outbox entries are the two ledger rows of the coins.
    expect((await tdb.outbox.pending()).map((i) => i.kind)).toEqual(['cash-ledger', 'cash-ledger']);
  });

  it('survives a restart: credits recorded before it are still there, and a replay adds nothing', async () => {
    const host = makeHost();
    const { paymentId } = await host.beginPayment({ bookingCode: '123456789092', taxCode: 'RSSMRA85T10A562S', method: 'cash' });
    await host.recordCredit(coin(1, 200));
    await tdb.db.close();
    tdb = await openTerminalDb(join(dir, 'terminal.sqlite'), 'T-01');
    const again = makeHost();
    await again.recordCredit(coin(1, 200));
    expect((await tdb.payments.payment(paymentId))?.status).toBe('open');
    expect(await tdb.payments.resumePoint('coin:7')).toEqual({ epoch: 0, counter: 1 });
    expect(await tdb.payments.newEpoch('coin:7')).toBe(1);
    expect(await tdb.payments.resumePoint('coin:7')).toEqual({ epoch: 1, counter: undefined });
  });

  it('refuses a booking code with a wrong check digit before asking the central', async () => {
    await expect(makeHost().findBooking('123456789093')).rejects.toMatchObject({ code: 'BOOKING_CODE_CHECK' });
  });

  it('the ledger tells a changed or deleted row', async () => {
    const host = makeHost();
    await host.beginPayment({ bookingCode: '123456789092', taxCode: 'RSSMRA85T10A562S', method: 'cash' });
    for (let i = 1; i <= 3; i++) await host.recordCredit(coin(i, 200));
    expect(await tdb.ledger.verify()).toMatchObject({ ok: true, rows: 3 });
    await tdb.db.run(`UPDATE cash_ledger SET amount_cents = 100 WHERE seq = 2`);
    expect(await tdb.ledger.verify()).toMatchObject({ ok: false, brokenAt: 2 });
    await tdb.db.run(`UPDATE cash_ledger SET amount_cents = 200 WHERE seq = 2`);
    await tdb.db.run(`DELETE FROM cash_ledger WHERE seq = 2`);
    expect(await tdb.ledger.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

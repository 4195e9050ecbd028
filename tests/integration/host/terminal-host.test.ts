import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoBooking, type Booking } from '@cup-kiosk/sync-service/domain';
import type { PrinterStatus, TerminalEvent } from '../../../kiosk/bridge/terminal-api.ts';
import { openTerminalDb, type TerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { TerminalHost } from '../../../kiosk/host/terminal-host.ts';
import type { PaymentReceiptData } from '../../../kiosk/host/ports.ts';
import { CashService } from '../../../kiosk/host/cash/cash-service.ts';
import { planPayout } from '@cup-kiosk/terminal-drivers/cash';
import type { CashDeskPort } from '../../../kiosk/host/devices/cash-desk.ts';
import type { VoucherData } from '@cup-kiosk/terminal-drivers/printer';

// The host's payment path over a real SQLite file, with the devices and the central as fakes.

const READY: PrinterStatus = { ready: true, online: true, paper: 'ok', coverOpen: false, cutterError: false, unrecoverableError: false, autoRecoverableError: false };
const NOW = new Date('2026-11-23T10:00:00Z');

let dir: string;
let tdb: TerminalDb;
let events: TerminalEvent[];
let printed: PaymentReceiptData[];
let coinsEnabled: boolean;
let accepted: { coins: readonly number[]; bills: readonly number[] } | null;
let vouchers: VoucherData[];
/** Coins a hopper pays before it jams, by address; unset pays all. */
let jamAfter: Record<number, number>;

/** The cash desk as the host sees it: a fake whose payouts follow the real plan. */
const desk: CashDeskPort = {
  coinValues: [5, 10, 20, 50, 100, 200],
  billValues: [500, 1000, 2000, 5000],
  accept: async (v) => {
    accepted = v;
    coinsEnabled = v.coins.length > 0;
  },
  disable: async () => {
    accepted = null;
    coinsEnabled = false;
  },
  settle: async () => {},
  async payout(owedCents, levels, hooks) {
    const plan = planPayout(owedCents, levels);
    let paidCents = 0;
    for (const line of plan.lines) {
      await hooks.beforeDispense(line, { eventCounter: 1, remaining: 0, lastPaid: 0, lastUnpaid: 0 });
      const paid = Math.min(line.count, jamAfter[line.id] ?? line.count);
      paidCents += paid * line.valueCents;
      await hooks.afterDispense({ id: line.id, valueCents: line.valueCents, requested: line.count, paid, unpaid: line.count - paid });
    }
    return { owedCents, paidCents, voucherCents: owedCents - paidCents, perHopper: [] };
  },
  hopperStatus: async () => ({ eventCounter: 2, remaining: 0, lastPaid: 0, lastUnpaid: 0 }),
};
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
    cash: new CashService(desk, tdb.payments, tdb.ledger),
    printer: {
      status: async () => printerStatus,
      printPaymentReceipt: async (d) => {
        printed.push(d);
        return { text: `RICEVUTA ${d.transactionId} ${d.payerTaxCode}`, svg: '<svg/>' };
      },
      printVoucher: async (v) => {
        vouchers.push(v);
        return { text: `BUONO ${v.amountCents}`, svg: '<svg/>' };
      },
      printBookingSlip: async (d) => ({ text: `PROMEMORIA ${d.bookingCode}`, svg: '<svg/>' }),
    },
  });
  host.subscribe((e) => events.push(e));
  return host;
}

const coin = (counter: number, cents: number) => ({ key: `coin:7:0:${counter}`, device: 'coin:7', eventCounter: counter, valueCents: cents });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-host-'));
  tdb = await openTerminalDb(join(dir, 'terminal.sqlite'), 'T-01');
  for (const [address, valueCents] of [[3, 200], [4, 100], [5, 50], [6, 20], [7, 10]] as const) {
    await tdb.ledger.appendNow({ kind: 'hopper-refill', key: `refill:${address}`, device: `hopper:${address}`, valueCents, count: 20 });
  }
  events = [];
  printed = [];
  coinsEnabled = false;
  accepted = null;
  vouchers = [];
  jamAfter = {};
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
    const { paymentId, amountDueCents, cashDueCents, cardCents } = await host.beginPayment({ items: [{ kind: 'booking', bookingCode: '123456789092' }], taxCode: 'RSSMRA85T10A562S', method: 'cash' });
    // 32,28 € in cash is 32,30 €: the legal rounding to 5 cents.
    expect([amountDueCents, cashDueCents, cardCents]).toEqual([3228, 3230, 0]);
    expect(coinsEnabled).toBe(true);
    expect(accepted?.bills).toEqual([500, 1000, 2000, 5000]);
    for (let i = 1; i <= 16; i++) await host.recordCredit(coin(i, 200));
    await host.recordCredit(coin(16, 200)); // the same device event replayed
    expect(events.filter((e) => e.type === 'cash.credit')).toHaveLength(16);
    // Sixteen coins, each a ledger row on its way to the central; no payment yet.
    expect((await tdb.outbox.pending()).filter((i) => i.kind === 'payment')).toHaveLength(0);
    expect(await tdb.outbox.backlog()).toBe(5 + 16);
    // 30 cents to go: a 2 € coin would owe 1,70 € the hoppers can give.
    expect(accepted?.coins).toContain(200);

    await host.recordCredit(coin(17, 50));
    const committed = events.find((e) => e.type === 'payment.committed');
    expect(committed).toMatchObject({ paymentId, paidCents: 3250, changeDueCents: 20 });
    expect(coinsEnabled).toBe(false);
    expect(kicks).toBe(1);
    const [item] = (await tdb.outbox.pending(100)).filter((i) => i.kind === 'payment');
    expect(item).toMatchObject({ kind: 'payment', key: `payment:${paymentId}` });
    expect(item!.payload).toMatchObject({ bookingCode: '123456789092', amountCents: 3228, paidCents: 3250, changeCents: 20, cashRoundingCents: 2, ruleVersion: 'demo-4' });

    // A coin after the commit is not added to a closed payment: it is owed back on a voucher.
    await host.recordCredit(coin(18, 100));
    expect(events.filter((e) => e.type === 'payment.committed')).toHaveLength(1);
    const levels = await tdb.ledger.levels();
    expect(levels).toMatchObject({ cashboxCents: 3350, vouchersIssuedCents: 100 });
    // The 20 cents of change came out of the 20 c hopper.
    expect(levels.hoppers['hopper:6']).toEqual({ valueCents: 20, count: 19 });
    expect(await tdb.ledger.verify()).toMatchObject({ ok: true, rows: 5 + 17 + 2 + 2 });

    const tx = (committed as { transactionId: string }).transactionId;
    const r = await host.printReceipt(tx);
    expect(r.text).toContain('RSSMRA85T10A562S');
    expect(printed[0]).toMatchObject({ totalCents: 3228, cashRoundingCents: 2, paidCents: 3250, changeCents: 20, bookingCode: '123456789092' });
    expect(r).toMatchObject({ changePaidCents: 20, voucherCents: 0 });

    // Paid here, not yet synced: the booking is paid all the same.
    expect((await host.findBooking('123456789092')).status).toBe('paid');
    await expect(host.beginPayment({ items: [{ kind: 'booking', bookingCode: '123456789092' }], taxCode: 'RSSMRA85T10A562S', method: 'cash' })).rejects.toMatchObject({ code: 'BOOKING_NOT_PAYABLE' });
  });

  it('takes no money when the printer cannot print', async () => {
    printerStatus = { ...READY, ready: false, paper: 'out' };
    await expect(makeHost().beginPayment({ items: [{ kind: 'booking', bookingCode: '123456789092' }], taxCode: 'RSSMRA85T10A562S', method: 'cash' })).rejects.toMatchObject({
      code: 'PRINTER_NOT_READY',
    });
    expect(coinsEnabled).toBe(false);
  });

  it('a cancelled payment owes back what was credited and commits nothing', async () => {
    const host = makeHost();
    const { paymentId } = await host.beginPayment({ items: [{ kind: 'booking', bookingCode: '123456789092' }], taxCode: 'RSSMRA85T10A562S', method: 'cash' });
    await host.recordCredit(coin(1, 200));
    await host.recordCredit(coin(2, 100));
    // The 3 € come back from the hoppers (2 € + 1 €).
    expect(await host.cancelPayment(paymentId)).toEqual({ refundedCents: 300, voucherCents: 0, cardReversedCents: 0 });
    expect(coinsEnabled).toBe(false);
    expect(vouchers).toEqual([]);
    // Nothing paid: the outbox holds ledger rows only.
    expect(new Set((await tdb.outbox.pending(100)).map((i) => i.kind))).toEqual(new Set(['cash-ledger']));
    const levels = await tdb.ledger.levels();
    expect([levels.hoppers['hopper:3']!.count, levels.hoppers['hopper:4']!.count]).toEqual([19, 19]);
  });

  it('change a jammed hopper cannot pay moves to the others, and what none can pay is a voucher', async () => {
    const host = makeHost();
    await host.beginPayment({ items: [{ kind: 'booking', bookingCode: '123456789092' }], taxCode: 'RSSMRA85T10A562S', method: 'cash' });
    jamAfter = { 4: 0, 5: 0, 6: 0, 7: 0 };
    for (let i = 1; i <= 16; i++) await host.recordCredit(coin(i, 200));
    await host.recordCredit(coin(17, 200)); // 34,00 € for 32,30 €: 1,70 € change, but only 2 € coins pay
    const tx = (events.find((e) => e.type === 'payment.committed') as { transactionId: string }).transactionId;
    const r = await host.printReceipt(tx);
    expect(r).toMatchObject({ changePaidCents: 0, voucherCents: 170 });
    expect(printed[0]).toMatchObject({ paidCents: 3400, changeCents: 0 });
    expect((await tdb.ledger.levels()).vouchersIssuedCents).toBe(170);
  });

  it('survives a restart: credits recorded before it are still there, and a replay adds nothing', async () => {
    const host = makeHost();
    const { paymentId } = await host.beginPayment({ items: [{ kind: 'booking', bookingCode: '123456789092' }], taxCode: 'RSSMRA85T10A562S', method: 'cash' });
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
    await host.beginPayment({ items: [{ kind: 'booking', bookingCode: '123456789092' }], taxCode: 'RSSMRA85T10A562S', method: 'cash' });
    for (let i = 1; i <= 3; i++) await host.recordCredit(coin(i, 200));
    expect(await tdb.ledger.verify()).toMatchObject({ ok: true, rows: 8 });
    await tdb.db.run(`UPDATE cash_ledger SET amount_cents = 100 WHERE seq = 7`);
    expect(await tdb.ledger.verify()).toMatchObject({ ok: false, brokenAt: 7 });
    await tdb.db.run(`UPDATE cash_ledger SET amount_cents = 200 WHERE seq = 7`);
    await tdb.db.run(`DELETE FROM cash_ledger WHERE seq = 7`);
    expect(await tdb.ledger.verify()).toMatchObject({ ok: false, brokenAt: 7 });
  });

  it('a bill in escrow that cannot be taken goes back, and the citizen is told why', async () => {
    const host = makeHost();
    // No payment open: nothing to take a bill for.
    expect(await host.decideEscrow(5000)).toBe('return');
    expect(events).toContainEqual({ type: 'cash.rejected', valueCents: 5000, reason: 'NO_CHANGE' });
    await host.beginPayment({ items: [{ kind: 'booking', bookingCode: '123456789092' }], taxCode: 'RSSMRA85T10A562S', method: 'cash' });
    // 50 € for 32,30 €: 17,70 € of change the hoppers hold (20 coins each).
    expect(await host.decideEscrow(5000)).toBe('stack');
  });

  it('a coin that arrives with no payment open is owed back on a printed voucher', async () => {
    const host = makeHost();
    await host.recordCredit(coin(1, 100));
    expect(vouchers).toHaveLength(1);
    expect(vouchers[0]).toMatchObject({ amountCents: 100, reason: 'payment-not-completed' });
    expect((await tdb.ledger.levels()).vouchersIssuedCents).toBe(100);
  });
});

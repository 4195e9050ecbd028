import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoBooking, type Booking } from '@cup-kiosk/sync-service/domain';
import { CounterClosePayloadSchema, PaymentPayloadSchema } from '@cup-kiosk/sync-service/protocol';
import { EPSON_TM_T88, renderText, type ReceiptDocument } from '@cup-kiosk/terminal-drivers/printer';
import type { PrinterStatus, TerminalEvent } from '../../../kiosk/bridge/terminal-api.ts';
import { CashService } from '../../../kiosk/host/cash/cash-service.ts';
import { DEMO_OPERATOR, openCounterDesk } from '../../../kiosk/host/counter/open-counter-desk.ts';
import type { CashDeskPort } from '../../../kiosk/host/devices/cash-desk.ts';
import { openTerminalDb, type TerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { TerminalHost } from '../../../kiosk/host/terminal-host.ts';

// The pharmacy counter through the host over a real SQLite file: operator login with its
// persisted lockout, cash counted by the operator, and the daily close. Devices and central are fakes.

const READY: PrinterStatus = { ready: true, online: true, paper: 'ok', coverOpen: false, cutterError: false, unrecoverableError: false, autoRecoverableError: false };
const MARIO = { kind: 'booking' as const, bookingCode: '123456789092' };
const ROSSI = 'RSSMRA85T10A562S';

let dir: string;
let tdb: TerminalDb;
let now: Date;
let events: TerminalEvent[];
let sheets: string[];
let acceptorOn: boolean;
let kicks: number;

const desk: CashDeskPort = {
  coinValues: [5, 10, 20, 50, 100, 200],
  billValues: [500, 1000, 2000, 5000],
  accept: async () => void (acceptorOn = true),
  disable: async () => void (acceptorOn = false),
  settle: async () => {},
  payout: async (owedCents) => ({ owedCents, paidCents: owedCents, voucherCents: 0, perHopper: [] }),
  hopperStatus: async () => ({ eventCounter: 2, remaining: 0, lastPaid: 0, lastUnpaid: 0 }),
};

/** The host as a counter starts it: a fresh counter desk over the terminal's SQLite (a restart makes a new one). */
async function startCounter() {
  const counter = await openCounterDesk({
    demoOperator: true,
    db: tdb.db,
    outbox: tdb.outbox,
    ledger: tdb.ledger,
    printer: {
      profile: EPSON_TM_T88,
      print: async (doc: ReceiptDocument) => {
        const text = renderText(doc, EPSON_TM_T88);
        sheets.push(text);
        return { text };
      },
    },
    terminalId: 'FARM-01',
    paymentOpen: async () => (await tdb.payments.openPaymentRow()) !== undefined,
    publish: (e) => host.publish(e),
    kick: () => void kicks++,
    now: () => now,
  });
  const host: TerminalHost = new TerminalHost({
    terminalId: 'FARM-01',
    store: tdb.payments,
    now: () => now,
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
    counter,
    printer: {
      status: async () => READY,
      printPaymentReceipt: async (d) => ({ text: `RICEVUTA ${d.transactionId} ${d.payerTaxCode}`, svg: '<svg/>' }),
      printVoucher: async (v) => ({ text: `BUONO ${v.amountCents}`, svg: '<svg/>' }),
      printBookingSlip: async (d) => ({ text: `PROMEMORIA ${d.bookingCode}`, svg: '<svg/>' }),
    },
  });
  host.subscribe((e) => events.push(e));
  return host;
}

const login = (host: TerminalHost, pin: string = DEMO_OPERATOR.pin) => host.counterLogin({ code: ' demo ', pin });

async function outbox(kind: string): Promise<Record<string, unknown>[]> {
  const rows = await tdb.db.all<{ payload: string }>(`SELECT payload FROM outbox WHERE kind = ? ORDER BY seq`, [kind]);
  return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-counter-'));
  // One clock for the payments and the counter: a close takes what was paid since the last one.
  tdb = await openTerminalDb(join(dir, 'terminal.sqlite'), 'FARM-01', () => now);
  now = new Date('2026-12-03T09:00:00Z');
  events = [];
  sheets = [];
  acceptorOn = false;
  kicks = 0;
});

afterEach(async () => {
  await tdb.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('operator login at the counter', () => {
  it('refuses a wrong PIN and an unknown code alike, and locks after five wrong PINs across a restart', async () => {
    let host = await startCounter();
    await expect(host.counterLogin({ code: 'NOBODY', pin: DEMO_OPERATOR.pin })).rejects.toMatchObject({ code: 'COUNTER_LOGIN_WRONG' });
    for (let i = 1; i <= 4; i++) await expect(login(host, '000000')).rejects.toMatchObject({ code: 'COUNTER_LOGIN_WRONG', message: expect.stringContaining(`${5 - i} tries left`) });
    host = await startCounter();
    await expect(login(host, '000000')).rejects.toMatchObject({ code: 'COUNTER_LOCKED' });
    // A restart does not unlock it, and the right PIN is refused while it lasts.
    host = await startCounter();
    await expect(login(host)).rejects.toMatchObject({ code: 'COUNTER_LOCKED' });
    now = new Date(now.getTime() + 5 * 60_000 + 1);
    await expect(login(host)).resolves.toMatchObject({ operator: { code: 'DEMO', name: DEMO_OPERATOR.name }, day: '2026-12-03' });
    expect(await host.counterSession()).toMatchObject({ operator: { code: 'DEMO' } });
    const audit = await tdb.db.all<{ action: string; outcome: string; code: string | null }>(`SELECT action, outcome, code FROM service_audit WHERE action = 'counter-login' ORDER BY seq`);
    expect(audit.map((a) => a.code ?? a.outcome)).toEqual(['COUNTER_LOGIN_WRONG', ...Array(4).fill('COUNTER_LOGIN_WRONG'), 'COUNTER_LOCKED', 'COUNTER_LOCKED', 'ok']);
  });

  it('a payment needs an operator signed in', async () => {
    const host = await startCounter();
    await expect(host.beginPayment({ items: [MARIO], taxCode: ROSSI, method: 'cash' })).rejects.toMatchObject({ code: 'COUNTER_NOT_SIGNED_IN' });
    expect(await tdb.payments.openPaymentRow()).toBeUndefined();
    expect((await host.info()).counter).toBe(true);
  });
});

describe('cash counted by the operator', () => {
  it('refuses less than due, then commits the payment with the tendered amount, the change and the operator', async () => {
    const host = await startCounter();
    await login(host);
    const started = await host.beginPayment({ items: [MARIO], taxCode: ROSSI, method: 'cash' });
    expect(started).toMatchObject({ amountDueCents: 3228, cashDueCents: 3230 });
    // The operator counts the cash: the coin acceptor is never switched on.
    expect(acceptorOn).toBe(false);
    await expect(host.counterCash({ paymentId: started.paymentId, tenderedCents: 3225 })).rejects.toMatchObject({ code: 'COUNTER_TENDERED_SHORT' });
    expect((await tdb.payments.payment(started.paymentId))?.status).toBe('open');
    expect(await outbox('payment')).toEqual([]);

    const taken = await host.counterCash({ paymentId: started.paymentId, tenderedCents: 5000 });
    expect(taken).toMatchObject({ cashDueCents: 3230, tenderedCents: 5000, changeCents: 1770 });
    expect(events).toContainEqual(expect.objectContaining({ type: 'payment.committed', paymentId: started.paymentId, transactionId: taken.transactionId, changeDueCents: 1770 }));
    const [payment] = await outbox('payment');
    expect(PaymentPayloadSchema.parse(payment)).toMatchObject({ method: 'cash', amountCents: 3228, paidCents: 5000, changeCents: 1770, cashRoundingCents: 2, cardCents: 0 });
    const row = await tdb.db.get<{ operator: string; tendered_cents: number; change_cents: number }>(`SELECT operator, tendered_cents, change_cents FROM counter_payments WHERE payment_id = ?`, [started.paymentId]);
    expect(row).toEqual({ operator: 'DEMO', tendered_cents: 5000, change_cents: 1770 });
    // The change was handed over the counter: the receipt prints at once, no hopper owes it.
    await expect(host.printReceipt(taken.transactionId)).resolves.toMatchObject({ transactionId: taken.transactionId, changePaidCents: 1770, voucherCents: 0 });
    await expect(host.counterCash({ paymentId: started.paymentId, tenderedCents: 5000 })).rejects.toMatchObject({ code: 'PAYMENT_NOT_OPEN' });
  });
});

describe('the daily close', () => {
  it('sums the operator’s day, queues it once, prints it, signs out, and a second sign-in that day is refused', async () => {
    const host = await startCounter();
    await login(host);
    const a = await host.beginPayment({ items: [MARIO], taxCode: ROSSI, method: 'cash' });
    await host.counterCash({ paymentId: a.paymentId, tenderedCents: 3500 });
    const b = await host.beginPayment({ items: [{ kind: 'booking', bookingCode: '070000000240' }], taxCode: 'VRDGPP50A01D969S', method: 'cash' });
    await host.counterCash({ paymentId: b.paymentId, tenderedCents: b.cashDueCents });
    const totals = await host.counterDayTotals();
    expect(totals).toMatchObject({ payments: 2, cardCents: 0, cashCents: a.cashDueCents + b.cashDueCents });
    expect(totals.roundingCents).toBe(a.cashDueCents - a.amountDueCents + (b.cashDueCents - b.amountDueCents));
    expect(totals.items).toEqual([{ label: 'Ticket prenotazioni', count: 2, amountCents: a.amountDueCents + b.amountDueCents }]);
    expect(totals.providers.reduce((s, p) => s + p.amountCents, 0)).toBe(a.amountDueCents + b.amountDueCents);

    const closed = await host.counterCloseDay();
    expect(closed).toMatchObject({ ...totals, closeId: 'FARM-01-DEMO-2026-12-03' });
    expect(closed.printed).toContain('CHIUSURA DI CASSA');
    expect(sheets).toHaveLength(1);
    expect(sheets[0]).toContain('DEMO');
    const queued = await outbox('counter-close');
    expect(queued).toHaveLength(1);
    expect(CounterClosePayloadSchema.parse(queued[0])).toMatchObject({ operatorCode: 'DEMO', day: '2026-12-03', payments: 2, totalCents: totals.totalCents });
    expect(await host.counterSession()).toBeNull();
    await expect(host.counterCloseDay()).rejects.toMatchObject({ code: 'COUNTER_NOT_SIGNED_IN' });
    await expect(login(host)).rejects.toMatchObject({ code: 'COUNTER_DAY_CLOSED' });
    expect(await outbox('counter-close')).toHaveLength(1);
    // The next day is a new one.
    now = new Date('2026-12-04T08:00:00Z');
    await expect(login(host)).resolves.toMatchObject({ day: '2026-12-04' });
    expect(await host.counterDayTotals()).toMatchObject({ payments: 0, totalCents: 0 });
  });

  it('takes a night pharmacy’s payments after midnight into the close of the day it began, and into no other', async () => {
    const host = await startCounter();
    // 23:00 in Rome on 3 December; the second payment is at 00:30 on the 4th.
    now = new Date('2026-12-03T22:00:00Z');
    await login(host);
    const a = await host.beginPayment({ items: [MARIO], taxCode: ROSSI, method: 'cash' });
    await host.counterCash({ paymentId: a.paymentId, tenderedCents: 5000 });
    now = new Date('2026-12-03T23:30:00Z');
    const b = await host.beginPayment({ items: [{ kind: 'booking', bookingCode: '070000000240' }], taxCode: 'VRDGPP50A01D969S', method: 'cash' });
    await host.counterCash({ paymentId: b.paymentId, tenderedCents: b.cashDueCents });
    const closed = await host.counterCloseDay();
    expect(closed).toMatchObject({ closeId: 'FARM-01-DEMO-2026-12-03', payments: 2, cashCents: a.cashDueCents + b.cashDueCents });
    // The next day's close starts after this one.
    now = new Date('2026-12-04T08:00:00Z');
    await login(host);
    expect(await host.counterDayTotals()).toMatchObject({ day: '2026-12-04', payments: 0, totalCents: 0 });
  });

  it('is refused while a payment is open', async () => {
    const host = await startCounter();
    await login(host);
    await host.beginPayment({ items: [MARIO], taxCode: ROSSI, method: 'cash' });
    await expect(host.counterCloseDay()).rejects.toMatchObject({ code: 'PAYMENT_OPEN' });
    expect(await outbox('counter-close')).toEqual([]);
  });
});

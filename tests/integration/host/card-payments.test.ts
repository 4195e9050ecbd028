import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { demoBooking, type Booking } from '@cup-kiosk/sync-service/domain';
import { nexoTerminal, type NexoPaymentTerminal, type PaymentTerminal } from '@cup-kiosk/terminal-drivers/pos';
import { PosSimulator } from '@cup-kiosk/terminal-drivers/sim/pos';
import type { PrinterStatus, TerminalEvent } from '../../../kiosk/bridge/terminal-api.ts';
import { CardPayments } from '../../../kiosk/host/card-payments.ts';
import type { CashService } from '../../../kiosk/host/cash/cash-service.ts';
import type { PaymentReceiptData } from '../../../kiosk/host/ports.ts';
import { openTerminalDb, type TerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { TerminalHost } from '../../../kiosk/host/terminal-host.ts';
import { tempDir } from '../sync/helpers.ts';

// Card payments of the host against the POS simulator over a real socket and a real SQLite
// file: a card is charged once or not at all, whatever the line or the host does.

const READY: PrinterStatus = { ready: true, online: true, paper: 'ok', coverOpen: false, cutterError: false, unrecoverableError: false, autoRecoverableError: false };

let dir: ReturnType<typeof tempDir>;
let sim: PosSimulator;
let pos: NexoPaymentTerminal;
let tdb: TerminalDb;
let events: TerminalEvent[];
let printed: PaymentReceiptData[];

function makeHost(terminal: PaymentTerminal = pos) {
  // The POS reports through the host it belongs to: the closure runs only after construction.
  const card = new CardPayments(terminal, tdb.payments, 50);
  const host: TerminalHost = new TerminalHost({
    terminalId: 'K-1',
    store: tdb.payments,
    // A card-only kiosk: no coin ever comes.
    cash: { disable: async () => {}, resume: async () => {}, refreshAcceptance: async () => {}, recover: async () => [] } as unknown as CashService,
    card,
    central: { lookupBooking: async (code) => structuredClone(demoBooking(code)) as Booking, kick: () => {} },
    printer: {
      status: async () => READY,
      printPaymentReceipt: async (d) => (printed.push(d), { text: 'R', svg: '<svg/>' }),
      printVoucher: async () => ({ text: 'V', svg: '<svg/>' }),
      printBookingSlip: async () => ({ text: 'S', svg: '<svg/>' }),
    },
    verifyBaseUrl: 'http://x/',
  });
  host.subscribe((e) => events.push(e));
  return host;
}

const until = async (check: () => boolean, what: string) => {
  const end = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
const pay = (host: TerminalHost) => host.beginPayment({ items: [{ kind: 'booking', bookingCode: '123456789092' }], taxCode: 'RSSMRA85T10A562S', method: 'card' });
/** The POS transaction of a whole-card payment: its first card part. */
const part1 = (paymentId: string) => `${paymentId}:1`;

beforeEach(async () => {
  dir = tempDir('cupk-card-');
  sim = await PosSimulator.start();
  pos = nexoTerminal({ host: '127.0.0.1', port: sim.port, saleId: 'K-1', poiId: sim.poiId, paymentTimeoutMs: 800, requestTimeoutMs: 2000 });
  tdb = await openTerminalDb(join(dir.path, 'terminal.sqlite'), 'K-1');
  events = [];
  printed = [];
});

afterEach(async () => {
  await sim.close();
  await tdb.db.close();
  dir.remove();
});

describe('card payments through the POS', () => {
  it('an approval commits the payment with its outbox entry, and the receipt carries the cardholder receipt', async () => {
    const host = makeHost();
    const { paymentId, amountDueCents, cashDueCents, cardCents } = await pay(host);
    expect([amountDueCents, cashDueCents, cardCents]).toEqual([3228, 0, 3228]); // no rounding for a card
    await until(() => events.some((e) => e.type === 'payment.committed'), 'the approval');
    const committed = events.find((e) => e.type === 'payment.committed') as Extract<TerminalEvent, { type: 'payment.committed' }>;
    expect(committed).toMatchObject({ paymentId, paidCents: 3228, changeDueCents: 0 });
    const [item] = (await tdb.outbox.pending()).filter((i) => i.kind === 'payment');
    expect(item!.payload).toMatchObject({ method: 'card', amountCents: 3228, paidCents: 3228, changeCents: 0, cashRoundingCents: 0 });
    await host.printReceipt(committed.transactionId);
    expect(printed[0]).toMatchObject({ method: 'card', paidCents: 3228 });
    const [part] = printed[0]!.cardParts!;
    expect(part).toMatchObject({ amountCents: 3228, maskedPan: expect.stringMatching(/\*{6}\d{4}$/) });
    expect(part!.cardholderReceipt!.length).toBeGreaterThan(0);
    expect(sim.charges(part1(paymentId))).toBe(1);
  });

  it('a declined card is said, and nothing is recorded as paid', async () => {
    sim.next('decline');
    const host = makeHost();
    const { paymentId } = await pay(host);
    await until(() => events.some((e) => e.type === 'pos.declined'), 'the decline');
    expect(events.find((e) => e.type === 'pos.declined')).toMatchObject({ paymentId, outcome: 'declined', paymentOpen: false });
    expect((await tdb.payments.payment(paymentId))?.status).toBe('cancelled');
    expect((await tdb.outbox.pending()).filter((i) => i.kind === 'payment')).toEqual([]);
    expect(sim.charges(part1(paymentId))).toBe(0);
  });

  it('an answer lost on the line is asked for again: charged once, recorded once', async () => {
    sim.next('lost');
    const host = makeHost();
    const { paymentId } = await pay(host);
    await until(() => events.some((e) => e.type === 'payment.committed' || e.type === 'pos.declined'), 'the settlement');
    expect(events.filter((e) => e.type === 'payment.committed')).toHaveLength(1);
    expect(sim.charges(part1(paymentId))).toBe(1);
    expect((await tdb.outbox.pending()).filter((i) => i.kind === 'payment')).toHaveLength(1);
  });

  it('a host that stopped while the card was approved completes the payment at its next start', async () => {
    // The first host sends the request and dies before it hears anything back.
    const dying: PaymentTerminal = Object.assign(Object.create(pos) as PaymentTerminal, {
      pay: (req: Parameters<PaymentTerminal['pay']>[0]) => {
        void pos.pay(req).catch(() => {});
        return new Promise<never>(() => {});
      },
    });
    const { paymentId } = await pay(makeHost(dying));
    expect((await tdb.payments.payment(paymentId))?.status).toBe('open');
    // A new host on the same file, as after a restart.
    await until(() => sim.charges(part1(paymentId)) === 1, 'the POS to approve');
    const second = makeHost();
    await second.recover();
    expect((await tdb.payments.payment(paymentId))?.status).toBe('committed');
    expect(printed.some((p) => p.method === 'card')).toBe(true);
    expect(sim.charges(part1(paymentId))).toBe(1);
  });

  it('cancelling while the cardholder is at the POS takes nothing', async () => {
    sim.next('approve', { delayMs: 2000 });
    const host = makeHost();
    const { paymentId } = await pay(host);
    await new Promise((r) => setTimeout(r, 100));
    await host.cancelPayment(paymentId);
    expect((await tdb.payments.payment(paymentId))?.status).toBe('cancelled');
    expect(sim.charges(part1(paymentId))).toBe(0);
  });
});

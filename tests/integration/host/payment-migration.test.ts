import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { demoBooking, quoteBooking, DEMO_RULE_SETS } from '@cup-kiosk/sync-service/domain';
import { migrate, openDatabase, Outbox, type SqlValue } from '@cup-kiosk/sync-service/outbox';
import { nexoTerminal } from '@cup-kiosk/terminal-drivers/pos';
import { PosSimulator } from '@cup-kiosk/terminal-drivers/sim/pos';
import type { PrinterStatus } from '../../../kiosk/bridge/terminal-api.ts';
import { CardPayments } from '../../../kiosk/host/card-payments.ts';
import { CashLedger } from '../../../kiosk/host/cash/cash-ledger.ts';
import type { CashService } from '../../../kiosk/host/cash/cash-service.ts';
import { PAYMENT_MIGRATIONS } from '../../../kiosk/host/payment-store.ts';
import type { PaymentReceiptData } from '../../../kiosk/host/ports.ts';
import { openTerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { TerminalHost } from '../../../kiosk/host/terminal-host.ts';
import { DEMO_CENTRAL } from './kiosk-rig.ts';
import { tempDir } from '../sync/helpers.ts';

// A terminal that took payments before payments had items and card parts: its SQLite file is
// brought forward at the next start, and what it held open is settled as before.

const READY: PrinterStatus = { ready: true, online: true, paper: 'ok', coverOpen: false, cutterError: false, unrecoverableError: false, autoRecoverableError: false };

let dir: ReturnType<typeof tempDir>;
let sim: PosSimulator;

beforeEach(async () => {
  dir = tempDir('cupk-migrate-');
  sim = await PosSimulator.start();
});

afterEach(async () => {
  await sim.close();
  dir.remove();
});

/** A payments table as the first schema had it, with the rows a terminal of that time wrote. */
async function legacyTerminal(file: string): Promise<void> {
  const db = await openDatabase(file);
  const outbox = await Outbox.open(db);
  await CashLedger.open(db, outbox);
  await migrate(db, PAYMENT_MIGRATIONS.slice(0, 1), { scope: 'payments' });
  const booking = demoBooking('123456789092')!;
  const quote = { bookingCode: booking.code, ...quoteBooking(booking, '2026-11-23', null, DEMO_RULE_SETS), status: 'booked' };
  const insert = (id: string, method: string, status: string, extra: string, values: SqlValue[]) =>
    db.run(
      `INSERT INTO payments (payment_id, booking_code, tax_code, method, amount_due_cents, rule_version, booking_json, quote_json, status, created_at${extra})
       VALUES (?, ?, 'RSSMRA85T10A562S', ?, 3228, 'demo-4', ?, ?, ?, '2026-11-23T09:00:00Z'${values.map(() => ', ?').join('')})`,
      [id, booking.code, method, JSON.stringify(booking), JSON.stringify(quote), status, ...values],
    );
  const approval = { authorisationCode: '123456', maskedPan: '476173******0010', acquirerReference: 'ACQ1', cardholderReceipt: ['COPIA TITOLARE'] };
  await insert('old-card', 'card', 'committed', ', transaction_id, paid_cents, change_due_cents, card_json', ['K-1-000001', 3228, 0, JSON.stringify(approval)]);
  await insert('old-open', 'card', 'open', '', []);
  await db.close();
}

describe('payments from before items and card parts', () => {
  it('each becomes one booking item; a card payment one card part under its own id, settled at the POS as before', async () => {
    const file = join(dir.path, 'terminal.sqlite');
    await legacyTerminal(file);
    // The POS took the open one (its transaction id was the payment id) before the host stopped.
    const pos = nexoTerminal({ host: sim.host, port: sim.port, saleId: 'K-1', poiId: sim.poiId });
    expect((await pos.pay({ transactionId: 'old-open', amountCents: 3228, currency: 'EUR' })).outcome).toBe('approved');

    const tdb = await openTerminalDb(file, 'K-1');
    try {
      expect(await tdb.payments.items('old-card')).toEqual([expect.objectContaining({ kind: 'booking', booking_code: '123456789092', amount_cents: 3228, notice_code: null })]);
      expect(await tdb.payments.cardParts('old-card')).toEqual([expect.objectContaining({ part_id: 'old-card', status: 'approved', amount_cents: 3228 })]);
      expect(await tdb.payments.cardParts('old-open')).toEqual([expect.objectContaining({ part_id: 'old-open', status: 'unknown' })]);
      expect(await tdb.payments.isPaidHere('123456789092')).toBe(true);

      const printed: PaymentReceiptData[] = [];
      const host = new TerminalHost({
        terminalId: 'K-1',
        store: tdb.payments,
        central: DEMO_CENTRAL,
        cash: { recover: async () => [] } as unknown as CashService,
        card: new CardPayments(pos, tdb.payments, 50),
        printer: { status: async () => READY, printPaymentReceipt: async (d) => (printed.push(d), { text: '', svg: '' }), printVoucher: async () => ({ text: '', svg: '' }), printBookingSlip: async () => ({ text: '', svg: '' }) },
        verifyBaseUrl: 'http://x/',
      });
      await host.recover();
      expect(await tdb.payments.payment('old-open')).toMatchObject({ status: 'committed', method: 'card', paid_cents: 3228 });
      expect(sim.charges('old-open')).toBe(1);
      // A reprint of the old receipt still carries its approval.
      await host.printReceipt('K-1-000001');
      expect(printed.map((p) => [p.transactionId, p.cardParts?.[0]?.authorisationCode])).toEqual([
        [expect.stringMatching(/^K-1-/), expect.any(String)],
        ['K-1-000001', '123456'],
      ]);
    } finally {
      await tdb.db.close();
    }
  });
});

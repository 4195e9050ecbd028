import { openDatabase, Outbox, type Database } from '@cup-kiosk/sync-service/outbox';
import { CashLedger } from './cash/cash-ledger.ts';
import { PaymentStore } from './payment-store.ts';

/** The terminal's one SQLite file: outbox and payment records, migrated on open. */
export interface TerminalDb {
  db: Database;
  outbox: Outbox;
  payments: PaymentStore;
  ledger: CashLedger;
}

export async function openTerminalDb(file: string, terminalId: string): Promise<TerminalDb> {
  const db = await openDatabase(file);
  const outbox = await Outbox.open(db);
  const ledger = await CashLedger.open(db, outbox);
  const payments = await PaymentStore.open(db, outbox, ledger, terminalId);
  return { db, outbox, payments, ledger };
}

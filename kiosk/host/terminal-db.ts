import { openDatabase, Outbox, type Database } from '@cup-kiosk/sync-service/outbox';
import { BookingStore } from './booking-store.ts';
import { CampaignStore } from './campaign-store.ts';
import { BookingChangeStore } from './booking-change-store.ts';
import { CashLedger } from './cash/cash-ledger.ts';
import { HeldSlots } from './held-slots.ts';
import { IncomeBandStore } from './income-band-store.ts';
import { PaymentStore } from './payment-store.ts';

/** The terminal's one SQLite file: outbox, payment records and income bands taken, migrated on open. */
export interface TerminalDb {
  db: Database;
  outbox: Outbox;
  payments: PaymentStore;
  ledger: CashLedger;
  incomeBands: IncomeBandStore;
  bookings: BookingStore;
  bookingChanges: BookingChangeStore;
  campaigns: CampaignStore;
  heldSlots: HeldSlots;
}

/** `now` dates the payments (tests move it); default the system clock. */
export async function openTerminalDb(file: string, terminalId: string, now?: () => Date): Promise<TerminalDb> {
  const db = await openDatabase(file);
  const outbox = await Outbox.open(db);
  const ledger = await CashLedger.open(db, outbox);
  const payments = await PaymentStore.open(db, outbox, ledger, terminalId, now);
  const incomeBands = await IncomeBandStore.open(db, outbox);
  const bookings = await BookingStore.open(db, outbox);
  // After the bookings: it reads the bookings made here.
  const bookingChanges = await BookingChangeStore.open(db, outbox);
  const campaigns = await CampaignStore.open(db, outbox);
  const heldSlots = await HeldSlots.open(db);
  return { db, outbox, payments, ledger, incomeBands, bookings, bookingChanges, campaigns, heldSlots };
}

import type { Booking } from '@cup-kiosk/sync-service/domain';
import type { Migration } from '@cup-kiosk/sync-service/outbox';
import type { PayableBooking } from '../bridge/terminal-api.ts';
import type { PaymentTotals } from './payment-sums.ts';
import type { NoticeView } from './ports.ts';

/**
 * The payment tables of the terminal's SQLite, beside the cash ledger and the outbox, so a
 * payment, the coins credited to it, its card parts and its outbox entry commit in one
 * transaction. Migration 1 is as first shipped; later steps only add. Below, the rows as read
 * and the shapes the store answers with.
 */
export const PAYMENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'payments and cash credits',
    up: `
      CREATE TABLE payments (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        payment_id TEXT NOT NULL UNIQUE,
        booking_code TEXT NOT NULL,
        tax_code TEXT NOT NULL,
        method TEXT NOT NULL,
        amount_due_cents INTEGER NOT NULL CHECK (amount_due_cents > 0),
        -- The legal rounding of a cash total to 5 cents: the citizen pays amount + rounding.
        cash_rounding_cents INTEGER NOT NULL DEFAULT 0,
        rule_version TEXT NOT NULL,
        booking_json TEXT NOT NULL,
        quote_json TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'committed', 'cancelled')),
        transaction_id TEXT UNIQUE,
        paid_cents INTEGER,
        change_due_cents INTEGER,
        -- What the hoppers paid of the change (or of the refund of a cancelled payment), and
        -- what was left owed on a voucher; null until the payout was settled.
        change_paid_cents INTEGER,
        voucher_cents INTEGER,
        -- A card payment's approval as the POS gave it (authorisation, masked PAN, receipt lines).
        card_json TEXT,
        created_at TEXT NOT NULL,
        closed_at TEXT,
        printed_at TEXT
      );
      -- At most one payment takes money at a time on a terminal.
      CREATE UNIQUE INDEX one_open_payment ON payments (status) WHERE status = 'open';
      -- A device's event counter restarts at power-up; the epoch tells the runs apart.
      CREATE TABLE device_epochs (
        device TEXT PRIMARY KEY,
        epoch INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'payment items and card parts',
    up: `
      -- What a payment pays: one to ten bookings and pagoPA notices. payments.booking_code stays
      -- the first item's booking, for the indexes and queries that came before items.
      CREATE TABLE payment_items (
        payment_id TEXT NOT NULL REFERENCES payments (payment_id),
        position INTEGER NOT NULL CHECK (position >= 0),
        kind TEXT NOT NULL CHECK (kind IN ('booking', 'notice')),
        booking_code TEXT NOT NULL,
        notice_code TEXT,
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        -- A booking: { booking, quote } as quoted when the payment opened; a notice: { notice }
        -- as the central verified it. What the receipt prints.
        detail_json TEXT NOT NULL,
        PRIMARY KEY (payment_id, position),
        CHECK ((kind = 'notice') = (notice_code IS NOT NULL))
      );
      CREATE INDEX payment_items_booking ON payment_items (booking_code);
      CREATE INDEX payment_items_notice ON payment_items (notice_code) WHERE notice_code IS NOT NULL;

      -- One row per POS transaction of a payment, written (status open) before the request goes
      -- out. part_id is the POS transaction id. unknown: sent, and the POS could not be asked
      -- since. An approval the kiosk no longer wants stays approved with reversal_pending until
      -- the POS confirms the reversal.
      CREATE TABLE card_parts (
        part_id TEXT PRIMARY KEY,
        payment_id TEXT NOT NULL REFERENCES payments (payment_id),
        n INTEGER NOT NULL CHECK (n >= 1),
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        status TEXT NOT NULL CHECK (status IN ('open', 'approved', 'declined', 'reversed', 'unknown')),
        approval_json TEXT,
        reversal_pending INTEGER NOT NULL DEFAULT 0 CHECK (reversal_pending IN (0, 1)),
        created_at TEXT NOT NULL,
        settled_at TEXT,
        UNIQUE (payment_id, n),
        CHECK (reversal_pending = 0 OR status = 'approved')
      );
      -- The POS runs one part of a payment at a time.
      CREATE UNIQUE INDEX one_running_card_part ON card_parts (payment_id) WHERE status IN ('open', 'unknown');
      CREATE INDEX card_parts_unsettled ON card_parts (status) WHERE status IN ('open', 'unknown') OR reversal_pending = 1;

      -- Payments made before items: their booking is their one item.
      INSERT INTO payment_items (payment_id, position, kind, booking_code, amount_cents, detail_json)
        SELECT payment_id, 0, 'booking', booking_code, amount_due_cents, json_object('booking', json(booking_json), 'quote', json(quote_json))
        FROM payments;
      -- A whole-card payment was one POS transaction under the payment's own id.
      INSERT INTO card_parts (part_id, payment_id, n, amount_cents, status, approval_json, created_at, settled_at)
        SELECT payment_id, payment_id, 1, amount_due_cents,
          CASE status WHEN 'committed' THEN 'approved' WHEN 'cancelled' THEN 'declined' ELSE 'unknown' END,
          card_json, created_at, closed_at
        FROM payments WHERE method = 'card';
    `,
  },
];

export interface PaymentRow {
  n: number;
  payment_id: string;
  booking_code: string;
  tax_code: string;
  /** How it started ('cash' or 'card') while open; how it was paid ('cash', 'card', 'mixed') once committed. */
  method: string;
  amount_due_cents: number;
  cash_rounding_cents: number;
  rule_version: string;
  booking_json: string;
  quote_json: string;
  status: 'open' | 'committed' | 'cancelled';
  transaction_id: string | null;
  paid_cents: number | null;
  change_due_cents: number | null;
  change_paid_cents: number | null;
  voucher_cents: number | null;
  card_json: string | null;
  created_at: string;
  closed_at: string | null;
}

export interface PaymentItemRow {
  payment_id: string;
  position: number;
  kind: 'booking' | 'notice';
  booking_code: string;
  notice_code: string | null;
  amount_cents: number;
  detail_json: string;
}

export type CardPartStatus = 'open' | 'approved' | 'declined' | 'reversed' | 'unknown';

export interface CardPartRow {
  part_id: string;
  payment_id: string;
  n: number;
  amount_cents: number;
  status: CardPartStatus;
  approval_json: string | null;
  reversal_pending: 0 | 1;
  created_at: string;
  settled_at: string | null;
}

/** What the receipt needs of an approval; the rest of the POS's answer stays in the POS's journal. */
export interface CardApproval {
  authorisationCode: string;
  maskedPan: string;
  acquirerReference: string;
  cardholderReceipt: string[];
}

/** An item as `beginPayment` resolved it: a booking quoted here, or a notice the central verified. */
export type NewPaymentItem = { kind: 'booking'; booking: Booking; quote: PayableBooking } | { kind: 'notice'; notice: NoticeView };

export const itemAmountCents = (i: NewPaymentItem): number => (i.kind === 'booking' ? i.quote.amountDueCents : i.notice.amountCents);

/** Where an open payment stands. */
export interface PaymentState extends PaymentTotals {
  status: PaymentRow['status'];
  /** What cash must reach now (rounded to 5 cents). */
  cashDueCents: number;
  /** A card part is on the POS, or its outcome is not known yet: cash neither commits nor is taken. */
  cardRunning: boolean;
}

export interface Committed {
  transactionId: string;
  paidCents: number;
  changeDueCents: number;
}

export interface CreditOutcome {
  /** False when this credit key was recorded before: a replayed device event. */
  fresh: boolean;
  paymentId: string | null;
  creditedCents: number;
  /** What cash must reach (rounded to 5 cents). */
  amountDueCents: number;
  committed: Committed | null;
}

/** What the outcome of a card part did to its payment. */
export interface CardPartOutcome {
  paymentId: string;
  committed: Committed | null;
  /** The payment ended unpaid with it: nothing else had been taken. */
  cancelled: boolean;
  /** An approval for a payment no longer open: recorded with a reversal pending. */
  unwanted: boolean;
  state: PaymentState;
}

import { migrate, type Database, type Migration, type Outbox } from '@cup-kiosk/sync-service/outbox';
import type { Booking } from '@cup-kiosk/sync-service/domain';
import type { BookingCancelPayload, BookingMovePayload } from '@cup-kiosk/sync-service/protocol';

export const BOOKING_CHANGE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cancellations, refund requests and moves made here',
    up: `
      CREATE TABLE booking_cancellations_here (
        booking_code TEXT PRIMARY KEY,
        tax_code TEXT NOT NULL,
        timing TEXT NOT NULL CHECK (timing IN ('in-time', 'late')),
        cancelled_at TEXT NOT NULL,
        booking TEXT NOT NULL
      );
      -- The refund a paid booking cancelled in time is owed; the id is printed on the receipt.
      CREATE TABLE refund_requests_here (
        refund_id TEXT PRIMARY KEY,
        booking_code TEXT NOT NULL UNIQUE REFERENCES booking_cancellations_here (booking_code),
        amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
        requested_at TEXT NOT NULL
      );
      CREATE TABLE booking_moves_here (
        hold_id TEXT PRIMARY KEY,
        booking_code TEXT NOT NULL,
        slot_id TEXT NOT NULL,
        moved_at TEXT NOT NULL,
        booking TEXT NOT NULL
      );
      CREATE INDEX booking_moves_here_code ON booking_moves_here (booking_code, moved_at);
    `,
  },
];

export const cancelOutboxKey = (bookingCode: string): string => `booking-cancel:${bookingCode}`;
export const moveOutboxKey = (holdId: string): string => `booking-move:${holdId}`;

/** A cancellation as recorded here, with its refund when one is owed. */
export interface CancellationHere {
  bookingCode: string;
  timing: 'in-time' | 'late';
  cancelledAt: string;
  booking: Booking;
  refund: { refundId: string; amountCents: number } | null;
}

/**
 * Cancellations and moves made at this terminal, in its SQLite file beside the outbox: each
 * with its outbox item in one transaction, so what the citizen is told happened is on disk.
 */
export class BookingChangeStore {
  private constructor(
    readonly db: Database,
    private readonly outbox: Outbox,
  ) {}

  static async open(db: Database, outbox: Outbox): Promise<BookingChangeStore> {
    await migrate(db, BOOKING_CHANGE_MIGRATIONS, { scope: 'booking-changes' });
    return new BookingChangeStore(db, outbox);
  }

  /** The cancellation, its refund request (if any) and the outbox item: all on disk, or none. */
  async recordCancel(c: CancellationHere, payload: BookingCancelPayload): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('INSERT INTO booking_cancellations_here (booking_code, tax_code, timing, cancelled_at, booking) VALUES (?, ?, ?, ?, ?)', [
        c.bookingCode,
        c.booking.taxCode,
        c.timing,
        c.cancelledAt,
        JSON.stringify(c.booking),
      ]);
      if (c.refund) await tx.run('INSERT INTO refund_requests_here (refund_id, booking_code, amount_cents, requested_at) VALUES (?, ?, ?, ?)', [c.refund.refundId, c.bookingCode, c.refund.amountCents, c.cancelledAt]);
      await this.outbox.enqueue(tx, { kind: 'booking-cancel', key: cancelOutboxKey(c.bookingCode), payload });
    });
  }

  async cancellation(bookingCode: string): Promise<CancellationHere | undefined> {
    const row = await this.db.get<{ booking_code: string; timing: 'in-time' | 'late'; cancelled_at: string; booking: string; refund_id: string | null; amount_cents: number | null }>(
      `SELECT c.booking_code, c.timing, c.cancelled_at, c.booking, r.refund_id, r.amount_cents FROM booking_cancellations_here c
        LEFT JOIN refund_requests_here r ON r.booking_code = c.booking_code WHERE c.booking_code = ?`,
      [bookingCode],
    );
    if (!row) return undefined;
    const refund = row.refund_id !== null && row.amount_cents !== null ? { refundId: row.refund_id, amountCents: row.amount_cents } : null;
    return { bookingCode: row.booking_code, timing: row.timing, cancelledAt: row.cancelled_at, booking: JSON.parse(row.booking) as Booking, refund };
  }

  /** The move and its outbox item in one transaction. */
  async recordMove(p: BookingMovePayload): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('INSERT INTO booking_moves_here (hold_id, booking_code, slot_id, moved_at, booking) VALUES (?, ?, ?, ?, ?)', [p.holdId, p.bookingCode, p.slotId, p.movedAt, JSON.stringify(p.booking)]);
      await this.outbox.enqueue(tx, { kind: 'booking-move', key: moveOutboxKey(p.holdId), payload: p });
    });
  }

  /** The booking moved here under that hold: a second confirmation answers the first. */
  async moveByHold(holdId: string): Promise<Booking | undefined> {
    const row = await this.db.get<{ booking: string }>('SELECT booking FROM booking_moves_here WHERE hold_id = ?', [holdId]);
    return row ? (JSON.parse(row.booking) as Booking) : undefined;
  }

  /** The latest place a booking was moved to here, while the central has not acknowledged the move. */
  async pendingMove(bookingCode: string): Promise<Booking | undefined> {
    const row = await this.db.get<{ booking: string }>(
      `SELECT m.booking FROM booking_moves_here m JOIN outbox o ON o.key = 'booking-move:' || m.hold_id
        WHERE m.booking_code = ? AND o.status = 'pending' ORDER BY m.moved_at DESC LIMIT 1`,
      [bookingCode],
    );
    return row ? (JSON.parse(row.booking) as Booking) : undefined;
  }

  /** What this terminal took for the booking (committed payments), undefined when it took nothing. */
  async paidHereCents(bookingCode: string): Promise<number | undefined> {
    const row = await this.db.get<{ cents: number | null }>(
      `SELECT SUM(i.amount_cents) AS cents FROM payment_items i JOIN payments p ON p.payment_id = i.payment_id WHERE i.booking_code = ? AND p.status = 'committed'`,
      [bookingCode],
    );
    return row?.cents ?? undefined;
  }

  /** The citizen's bookings made here whose booking item the central has not acknowledged yet. */
  async unsyncedBookings(taxCode: string): Promise<Booking[]> {
    const rows = await this.db.all<{ booking: string }>(
      `SELECT b.booking FROM bookings_made b JOIN outbox o ON o.key = 'booking:' || b.booking_code WHERE b.tax_code = ? AND o.status = 'pending' ORDER BY b.booked_at`,
      [taxCode],
    );
    return rows.map((r) => JSON.parse(r.booking) as Booking);
  }
}

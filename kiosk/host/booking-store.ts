import { migrate, type Database, type Migration, type Outbox } from '@cup-kiosk/sync-service/outbox';
import type { Booking } from '@cup-kiosk/sync-service/domain';
import type { BookingPayload, WaitingListPayload } from '@cup-kiosk/sync-service/protocol';

export const BOOKING_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'bookings made here and waiting-list requests',
    up: `
      CREATE TABLE bookings_made (
        booking_code TEXT PRIMARY KEY,
        tax_code TEXT NOT NULL,
        hold_id TEXT NOT NULL UNIQUE,
        slot_id TEXT NOT NULL,
        nre TEXT NOT NULL,
        pay_at TEXT NOT NULL CHECK (pay_at IN ('now', 'appointment')),
        booked_at TEXT NOT NULL,
        booking TEXT NOT NULL
      );
      CREATE TABLE waiting_list_requests (
        request_id TEXT PRIMARY KEY,
        tax_code TEXT NOT NULL,
        nre TEXT NOT NULL,
        phone TEXT NOT NULL,
        requested_at TEXT NOT NULL
      );
    `,
  },
];

/** The outbox keys: one item per booking and per request, whatever replays them. */
export const bookingOutboxKey = (bookingCode: string): string => `booking:${bookingCode}`;
export const waitingListOutboxKey = (requestId: string): string => `waiting-list:${requestId}`;

/**
 * Bookings confirmed at this terminal and waiting-list requests taken here, in its SQLite file
 * beside the outbox. A booking is kept after the sync too: it can be paid here before the
 * central has heard of it, and offline.
 */
export class BookingStore {
  private constructor(
    readonly db: Database,
    private readonly outbox: Outbox,
  ) {}

  static async open(db: Database, outbox: Outbox): Promise<BookingStore> {
    await migrate(db, BOOKING_MIGRATIONS, { scope: 'bookings' });
    return new BookingStore(db, outbox);
  }

  /** Records the booking and its outbox item in one transaction: both are on disk, or neither. */
  async record(p: BookingPayload): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO bookings_made (booking_code, tax_code, hold_id, slot_id, nre, pay_at, booked_at, booking) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [p.booking.code, p.booking.taxCode, p.holdId, p.slotId, p.nre, p.payAt, p.bookedAt, JSON.stringify(p.booking)],
      );
      await this.outbox.enqueue(tx, { kind: 'booking', key: bookingOutboxKey(p.booking.code), payload: p });
    });
  }

  /** The booking confirmed here under that code, as it was confirmed. */
  async get(code: string): Promise<Booking | undefined> {
    const row = await this.db.get<{ booking: string }>(`SELECT booking FROM bookings_made WHERE booking_code = ?`, [code]);
    return row ? (JSON.parse(row.booking) as Booking) : undefined;
  }

  /** The booking confirmed here for that hold: a second confirmation answers the first. */
  async byHold(holdId: string): Promise<{ booking: Booking; payAt: 'now' | 'appointment' } | undefined> {
    const row = await this.db.get<{ booking: string; pay_at: 'now' | 'appointment' }>(`SELECT booking, pay_at FROM bookings_made WHERE hold_id = ?`, [holdId]);
    return row ? { booking: JSON.parse(row.booking) as Booking, payAt: row.pay_at } : undefined;
  }

  async recordWaitingList(p: WaitingListPayload): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(`INSERT INTO waiting_list_requests (request_id, tax_code, nre, phone, requested_at) VALUES (?, ?, ?, ?, ?)`, [
        p.requestId,
        p.taxCode,
        p.nre,
        p.phone,
        p.requestedAt,
      ]);
      await this.outbox.enqueue(tx, { kind: 'waiting-list', key: waitingListOutboxKey(p.requestId), payload: p });
    });
  }
}

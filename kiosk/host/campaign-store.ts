import { migrate, type Database, type Migration, type Outbox, type OutboxItem } from '@cup-kiosk/sync-service/outbox';
import { CAMPAIGN_BOOKING_KIND, INVITATION_DECLINED_KIND, type CampaignBookingPayload, type InvitationDeclinedPayload } from '@cup-kiosk/sync-service/protocol';

export const CAMPAIGN_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'campaign bookings and declines made here, conflicts acknowledged by the citizen',
    up: `
      CREATE TABLE campaign_bookings (
        booking_code TEXT PRIMARY KEY,
        invitation_id TEXT NOT NULL UNIQUE,
        tax_code TEXT NOT NULL,
        hold_id TEXT NOT NULL UNIQUE,
        slot_id TEXT NOT NULL,
        booked_at TEXT NOT NULL,
        booking TEXT NOT NULL
      );
      CREATE TABLE invitations_declined (
        invitation_id TEXT PRIMARY KEY,
        tax_code TEXT NOT NULL,
        declined_at TEXT NOT NULL
      );
      CREATE TABLE conflicts_acknowledged (
        outbox_key TEXT PRIMARY KEY,
        tax_code TEXT NOT NULL,
        acknowledged_at TEXT NOT NULL
      );
    `,
  },
];

/** One item per booking and per decline, whatever replays them. */
export const campaignBookingOutboxKey = (bookingCode: string): string => `campaign-booking:${bookingCode}`;
export const invitationDeclinedOutboxKey = (invitationId: string): string => `invitation-declined:${invitationId}`;

/** A conflict of the outbox, with whether its citizen acknowledged it here and when. */
export interface ConflictRow extends OutboxItem {
  acknowledgedAt: string | null;
}

/**
 * Campaign bookings and declines taken at this terminal, each written with its outbox item in
 * one transaction, and the conflicts a citizen has acknowledged (kept here only: the desk's list,
 * `cupk sync conflicts`, still shows them).
 */
export class CampaignStore {
  private constructor(
    readonly db: Database,
    private readonly outbox: Outbox,
  ) {}

  static async open(db: Database, outbox: Outbox): Promise<CampaignStore> {
    await migrate(db, CAMPAIGN_MIGRATIONS, { scope: 'campaigns' });
    return new CampaignStore(db, outbox);
  }

  async recordBooking(p: CampaignBookingPayload): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('INSERT INTO campaign_bookings (booking_code, invitation_id, tax_code, hold_id, slot_id, booked_at, booking) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        p.booking.code,
        p.invitationId,
        p.booking.taxCode,
        p.holdId,
        p.slotId,
        p.bookedAt,
        JSON.stringify(p.booking),
      ]);
      await this.outbox.enqueue(tx, { kind: CAMPAIGN_BOOKING_KIND, key: campaignBookingOutboxKey(p.booking.code), payload: p });
    });
  }

  /** Records a decline once: a second one (two taps) changes nothing. */
  async recordDecline(p: InvitationDeclinedPayload): Promise<void> {
    await this.db.transaction(async (tx) => {
      const added = await tx.run('INSERT INTO invitations_declined (invitation_id, tax_code, declined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [p.invitationId, p.taxCode, p.declinedAt]);
      if (added.changes === 1) await this.outbox.enqueue(tx, { kind: INVITATION_DECLINED_KIND, key: invitationDeclinedOutboxKey(p.invitationId), payload: p });
    });
  }

  /**
   * The invitations booked or declined here: not offered again, whatever the central says before
   * it hears of them. A booking the central refused (its slot taken) leaves its invitation open.
   */
  async settledInvitations(taxCode: string): Promise<Set<string>> {
    const rows = await this.db.all<{ id: string }>(
      `SELECT b.invitation_id AS id FROM campaign_bookings b JOIN outbox o ON o.key = 'campaign-booking:' || b.booking_code WHERE b.tax_code = ? AND o.status != 'conflict'
       UNION SELECT invitation_id FROM invitations_declined WHERE tax_code = ?`,
      [taxCode, taxCode],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The booking made here for that hold: a second confirmation answers the first. */
  async bookingByHold(holdId: string): Promise<CampaignBookingPayload['booking'] | undefined> {
    const row = await this.db.get<{ booking: string }>('SELECT booking FROM campaign_bookings WHERE hold_id = ?', [holdId]);
    return row ? (JSON.parse(row.booking) as CampaignBookingPayload['booking']) : undefined;
  }

  /** Every conflict the central answered this terminal, oldest first, with its acknowledgement. */
  async conflicts(): Promise<ConflictRow[]> {
    const acked = new Map((await this.db.all<{ outbox_key: string; acknowledged_at: string }>('SELECT outbox_key, acknowledged_at FROM conflicts_acknowledged')).map((r) => [r.outbox_key, r.acknowledged_at]));
    return (await this.outbox.conflicts(10_000)).map((item) => ({ ...item, acknowledgedAt: acked.get(item.key) ?? null }));
  }

  /** Marks a conflict read by its citizen; false when there is no such conflict. */
  async acknowledge(key: string, taxCode: string, at: string): Promise<boolean> {
    const item = await this.outbox.get(key);
    if (item?.status !== 'conflict') return false;
    await this.db.run('INSERT INTO conflicts_acknowledged (outbox_key, tax_code, acknowledged_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [key, taxCode, at]);
    return true;
  }
}

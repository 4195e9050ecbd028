import type { Cents, IsoDate } from '@cup-kiosk/sync-service/domain';

/** A campaign invitation the citizen may book now (screening or vaccination); nothing to pay. */
export interface InvitationOffer {
  invitationId: string;
  campaignName: string;
  kind: 'screening' | 'vaccination';
  serviceDescription: string;
  /** Last day a slot may be booked in (Europe/Rome). */
  validTo: IsoDate;
}

/**
 * A transaction of this citizen the central did not accept (a conflict), as the citizen is told
 * it: what it was, why (the central's stable reason code), what money is at stake.
 */
export interface ConflictNotice {
  /** The outbox key: what an acknowledgement names. */
  key: string;
  /** The item's kind: `booking`, `campaign-booking`, `payment`, ... */
  kind: string;
  /** SLOT_TAKEN, NOTICE_ALREADY_PAID, BOOKING_ALREADY_PAID, ... */
  reason: string;
  bookingCode: string | null;
  /** The service booked or paid, when the item says it. */
  what: string | null;
  /** Local start of the appointment, `YYYY-MM-DDTHH:mm`, when it was a booking. */
  startsAt: string | null;
  /** Money the citizen paid in that transaction, owed back to them; null when none. */
  paidCents: Cents | null;
  /** ISO 8601: when the terminal recorded it. */
  at: string;
}

/** What the kiosk tells a citizen who just identified, before the menu's choices. */
export interface CitizenNews {
  /** Empty when the central cannot be asked now: they are simply not offered. */
  invitations: InvitationOffer[];
  /** Conflicts of this citizen not yet acknowledged here, oldest first. */
  conflicts: ConflictNotice[];
}

export interface CampaignApi {
  /** The citizen's open invitations and unacknowledged conflicts; TAX_CODE_* for a bad code. */
  citizenNews(taxCode: string): Promise<CitizenNews>;
  /** Records that the citizen is not interested (queued for the central); they are not asked again. Rejects INVITATION_UNKNOWN. */
  declineInvitation(input: { taxCode: string; invitationId: string }): Promise<void>;
  /** Records that the citizen read a conflict: not shown again here; the desk's list keeps it. Rejects CONFLICT_UNKNOWN. */
  acknowledgeConflict(input: { taxCode: string; key: string }): Promise<void>;
}

export const CAMPAIGN_COMMANDS = ['citizenNews', 'declineInvitation', 'acknowledgeConflict'] as const satisfies readonly (keyof CampaignApi)[];

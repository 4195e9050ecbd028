import { campaignBooking, invitationHoldKey } from '../domain/campaigns.ts';
import type { Booking, BookingStatus } from '../domain/types.ts';
import {
  CAMPAIGN_BOOKING_KIND,
  CampaignBookingPayloadSchema,
  INVITATION_DECLINED_KIND,
  InvitationDeclinedPayloadSchema,
  parseBookingCode,
  type CampaignBookingPayload,
  type InvitationDeclinedPayload,
  type SyncItem,
} from '../protocol/index.ts';
import type { SlotState } from './agenda-store.ts';
import type { InvitationChange, InvitationState } from './campaign-store.ts';
import type { CentralTx } from './store.ts';

/** Why a campaign item was not applied. */
export type CampaignConflict = 'SLOT_TAKEN' | 'HOLD_UNKNOWN' | 'BOOKING_CODE_REUSED' | 'INVITATION_NOT_OPEN' | 'INVITATION_UNKNOWN' | 'PAYLOAD_INVALID';

export type ParsedCampaignItem =
  | { kind: 'campaign-booking'; booking: CampaignBookingPayload }
  | { kind: 'invitation-declined'; decline: InvitationDeclinedPayload }
  | { kind: 'conflict'; reason: 'PAYLOAD_INVALID' | 'TERMINAL_MISMATCH' };

/** Whether ingest hands this item to the campaigns. */
export const isCampaignItem = (item: SyncItem): boolean => item.kind === CAMPAIGN_BOOKING_KIND || item.kind === INVITATION_DECLINED_KIND;

/** A `campaign-booking` or `invitation-declined` item's payload, checked as far as it can be without the store. */
export function parseCampaignItem(item: SyncItem, terminalId: string): ParsedCampaignItem {
  if (item.kind === CAMPAIGN_BOOKING_KIND) {
    const b = CampaignBookingPayloadSchema.safeParse(item.payload);
    if (!b.success || parseBookingCode(b.data.booking.code) !== b.data.booking.code) return { kind: 'conflict', reason: 'PAYLOAD_INVALID' };
    if (b.data.terminalId !== terminalId) return { kind: 'conflict', reason: 'TERMINAL_MISMATCH' };
    return { kind: 'campaign-booking', booking: b.data };
  }
  const d = InvitationDeclinedPayloadSchema.safeParse(item.payload);
  if (!d.success) return { kind: 'conflict', reason: 'PAYLOAD_INVALID' };
  if (d.data.terminalId !== terminalId) return { kind: 'conflict', reason: 'TERMINAL_MISMATCH' };
  return { kind: 'invitation-declined', decline: d.data };
}

type Decided = Extract<ParsedCampaignItem, { kind: 'campaign-booking' | 'invitation-declined' }>;

/**
 * A batch's campaign bookings and declines, decided like the agenda's (ingest-agenda.ts): the
 * slots and invitations they name read once (on PostgreSQL locked, slots first), decided in the
 * batch's order in memory, written at the end. A booking books the slot on the hold the
 * invitation took, under the central's own booking of the campaign's service.
 */
export class CampaignBatch {
  private readonly newBookings: Booking[] = [];
  private readonly booked: { slotId: string; nre: string; bookingCode: string; at: string }[] = [];
  private readonly changes = new Map<string, InvitationChange>();

  private constructor(
    private readonly slots: Map<string, SlotState>,
    private readonly invitations: Map<string, InvitationState>,
    private readonly receivedAt: string,
  ) {}

  static async read(tx: CentralTx, items: readonly ParsedCampaignItem[], receivedAt: string): Promise<CampaignBatch> {
    const decided = items.filter((i): i is Decided => i.kind !== 'conflict');
    if (decided.length === 0) return new CampaignBatch(new Map(), new Map(), receivedAt);
    const slots = await tx.slots([...new Set(decided.flatMap((i) => (i.kind === 'campaign-booking' ? [i.booking.slotId] : [])))]);
    const ids = [...new Set(decided.map((i) => (i.kind === 'campaign-booking' ? i.booking.invitationId : i.decline.invitationId)))];
    return new CampaignBatch(slots, await tx.campaigns.invitations(ids), receivedAt);
  }

  /** Why the item cannot be applied, given the batch's bookings so far. */
  conflict(p: Decided, bookings: ReadonlyMap<string, BookingStatus>): CampaignConflict | undefined {
    if (p.kind === 'invitation-declined') {
      const invitation = this.invitations.get(p.decline.invitationId);
      if (!invitation) return 'INVITATION_UNKNOWN';
      if (invitation.taxCode !== p.decline.taxCode) return 'PAYLOAD_INVALID';
      // Declined twice (two kiosks) is still declined; booked, the booking stands.
      return invitation.status === 'booked' ? 'INVITATION_NOT_OPEN' : undefined;
    }
    const b = p.booking;
    if (bookings.has(b.booking.code)) return 'BOOKING_CODE_REUSED';
    const slot = this.slots.get(b.slotId);
    const invitation = this.invitations.get(b.invitationId);
    if (!slot || !invitation) return 'HOLD_UNKNOWN';
    if (invitation.taxCode !== b.booking.taxCode || invitation.campaign.service.code !== slot.slot.serviceCode) return 'PAYLOAD_INVALID';
    if (invitation.status !== 'invited') return 'INVITATION_NOT_OPEN';
    if (slot.bookingCode !== null) return 'SLOT_TAKEN';
    const hold = slot.hold;
    if (hold?.holdId === b.holdId) return hold.nre === invitationHoldKey(b.invitationId) && hold.bookingCode === b.booking.code ? undefined : 'PAYLOAD_INVALID';
    // Another hold that has not lapsed: someone else is booking it now.
    if (hold && hold.heldUntil >= this.receivedAt) return 'SLOT_TAKEN';
    return undefined;
  }

  /** Applies an item `conflict` passed. */
  apply(p: Decided, bookings: Map<string, BookingStatus>, transactionKey: string): void {
    if (p.kind === 'invitation-declined') {
      const invitation = this.invitations.get(p.decline.invitationId)!;
      if (invitation.status === 'declined') return;
      invitation.status = 'declined';
      this.changes.set(invitation.invitationId, { invitationId: invitation.invitationId, status: 'declined', bookingCode: null, at: this.receivedAt, transactionKey });
      return;
    }
    const b = p.booking;
    const slot = this.slots.get(b.slotId)!;
    const invitation = this.invitations.get(b.invitationId)!;
    const booking = campaignBooking(invitation, invitation.campaign, slot.slot, b.booking.code);
    this.newBookings.push(booking);
    bookings.set(booking.code, 'booked');
    slot.bookingCode = booking.code;
    invitation.status = 'booked';
    invitation.bookingCode = booking.code;
    this.booked.push({ slotId: b.slotId, nre: invitationHoldKey(b.invitationId), bookingCode: booking.code, at: this.receivedAt });
    this.changes.set(invitation.invitationId, { invitationId: invitation.invitationId, status: 'booked', bookingCode: booking.code, at: this.receivedAt, transactionKey });
  }

  async writeBookings(tx: CentralTx): Promise<void> {
    await tx.insertBookings(this.newBookings);
  }

  async writeInvitations(tx: CentralTx): Promise<void> {
    await tx.bookSlots(this.booked);
    await tx.campaigns.setInvitations([...this.changes.values()]);
  }
}

import { CupError, parseTaxCode, type Booking } from '@cup-kiosk/sync-service/domain';
import type { InvitationView, SlotHoldResponse } from '@cup-kiosk/sync-service/protocol';
import type { CitizenNews, InvitationOffer } from '../bridge/campaign-api.ts';
import type { BookingConfirmed, ConfirmBookingInput, HeldSlot, HoldSlotInput, SlotSearch } from '../bridge/terminal-api.ts';
import { BookingOfflineError, slotOffer, type BookingDesk } from './booking-desk.ts';
import type { BookingQuotes } from './booking-quotes.ts';
import type { CampaignStore } from './campaign-store.ts';
import { askCentral } from './central-offline.ts';
import { conflictNotice, conflictTaxCode } from './conflict-notices.ts';
import type { CentralPort } from './ports.ts';
import { RecentMap, SESSION_MEMORY } from './recent-map.ts';

export interface CampaignDeskOptions {
  terminalId: string;
  central: CentralPort;
  store: CampaignStore;
  /** Prints the slip, as for any booking. */
  bookings: BookingDesk;
  quotes: BookingQuotes;
  now: () => Date;
}

interface Hold {
  response: SlotHoldResponse;
  invitationId: string;
}

/** The slip's line for a campaign whose name this terminal did not keep (after a restart). */
const CAMPAIGN_UNNAMED = 'campagna di prevenzione';

const offer = (i: InvitationView): InvitationOffer => ({ invitationId: i.invitationId, campaignName: i.campaignName, kind: i.kind, serviceDescription: i.service.description, validTo: i.validTo });

/**
 * What the kiosk tells a citizen who identifies (their open campaign invitations and their
 * transactions the central refused), and the booking of an invitation: slots and holds at the
 * central as for a prescription, confirmed by writing it here with its outbox item before the
 * slip prints. Nothing is paid: campaigns carry no ticket.
 */
export class CampaignDesk {
  private readonly holds = new RecentMap<string, Hold>(SESSION_MEMORY);
  /** Campaign names by invitation, from the slot searches: the slip names the campaign. */
  private readonly campaignNames = new RecentMap<string, string>(SESSION_MEMORY);

  constructor(private readonly o: CampaignDeskOptions) {}

  async citizenNews(taxCodeText: string): Promise<CitizenNews> {
    const taxCode = this.taxCode(taxCodeText);
    const settled = await this.o.store.settledInvitations(taxCode);
    // Unreachable or refusing, the central's invitations are simply not offered now.
    const invitations = await (this.o.central.invitations?.(taxCode) ?? Promise.resolve([])).catch((): InvitationView[] => []);
    const conflicts = (await this.o.store.conflicts()).filter((c) => c.acknowledgedAt === null && conflictTaxCode(c) === taxCode);
    return { invitations: invitations.filter((i) => !settled.has(i.invitationId)).map(offer), conflicts: conflicts.map(conflictNotice) };
  }

  async declineInvitation(input: { taxCode: string; invitationId: string }): Promise<void> {
    const taxCode = this.taxCode(input.taxCode);
    const invitationId = String(input.invitationId ?? '');
    if (!invitationId) throw new CupError('INVITATION_UNKNOWN', 'no invitation named');
    await this.o.store.recordDecline({ terminalId: this.o.terminalId, invitationId, taxCode, declinedAt: this.o.now().toISOString() });
    this.o.central.kick();
  }

  async acknowledgeConflict(input: { taxCode: string; key: string }): Promise<void> {
    const taxCode = this.taxCode(input.taxCode);
    const conflict = (await this.o.store.conflicts()).find((c) => c.key === input.key);
    // Only the citizen whose transaction it was reads it off.
    if (!conflict || conflictTaxCode(conflict) !== taxCode) throw new CupError('CONFLICT_UNKNOWN', 'no conflict of this citizen under that key', { key: input.key });
    await this.o.store.acknowledge(conflict.key, taxCode, this.o.now().toISOString());
  }

  async findSlots(input: { taxCode: string; invitationId?: string }): Promise<SlotSearch> {
    const taxCode = this.taxCode(input.taxCode);
    const search = this.o.central.searchInvitationSlots?.bind(this.o.central);
    if (!search) throw new BookingOfflineError('no campaigns at this central');
    const found = await this.online(() => search(String(input.invitationId), taxCode));
    this.campaignNames.set(found.invitation.invitationId, found.invitation.campaignName);
    return { invitation: offer(found.invitation), deadline: found.deadline, slots: found.slots.map(slotOffer) };
  }

  async holdSlot(input: HoldSlotInput): Promise<HeldSlot> {
    const taxCode = this.taxCode(input.taxCode);
    const invitationId = String(input.invitationId);
    const hold = this.o.central.holdInvitationSlot?.bind(this.o.central);
    if (!hold) throw new BookingOfflineError('no campaigns at this central');
    const response = await this.online(() => hold(invitationId, String(input.slotId), taxCode));
    this.holds.set(response.holdId, { response, invitationId });
    return { holdId: response.holdId, heldUntil: response.heldUntil, booking: await this.o.quotes.quoted(response.booking), payAtAppointmentAllowed: false };
  }

  /** Whether the hold is an invitation's held here (or booked here already). */
  async owns(holdId: string): Promise<boolean> {
    return this.holds.has(holdId) || (await this.o.store.bookingByHold(holdId)) !== undefined;
  }

  async releaseHold(holdId: string): Promise<void> {
    if (!this.holds.delete(holdId)) return;
    await this.o.central.releaseHold?.(holdId).catch(() => undefined);
  }

  async confirmBooking(input: ConfirmBookingInput): Promise<BookingConfirmed> {
    const done = await this.o.store.bookingByHold(String(input.holdId));
    if (done) return this.o.bookings.confirmed(done as Booking, false, CAMPAIGN_UNNAMED);
    const held = this.holds.get(String(input.holdId));
    if (!held || Date.parse(held.response.heldUntil) <= this.o.now().getTime()) {
      throw new CupError('HOLD_UNKNOWN', 'the slot is not held for this kiosk any more: choose a time again', { holdId: input.holdId });
    }
    const { booking } = held.response;
    await this.o.store.recordBooking({ terminalId: this.o.terminalId, holdId: held.response.holdId, slotId: held.response.slotId, invitationId: held.invitationId, booking, bookedAt: this.o.now().toISOString() });
    this.holds.delete(held.response.holdId);
    this.o.central.kick();
    return this.o.bookings.confirmed(booking, false, this.campaignNames.get(held.invitationId) ?? CAMPAIGN_UNNAMED);
  }

  private taxCode(text: string): string {
    return parseTaxCode(String(text ?? '').trim().toUpperCase(), this.o.now()).taxCode;
  }

  private online<T>(call: () => Promise<T>): Promise<T> {
    return askCentral(call, (cause) => new BookingOfflineError(cause));
  }
}

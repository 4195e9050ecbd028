import { randomUUID } from 'node:crypto';
import { campaignBooking, campaignWindow, invitationHoldKey } from '../domain/campaigns.ts';
import { CupError } from '../domain/errors.ts';
import { romeWallTimeToInstant, todayInRome } from '../domain/rome-time.ts';
import type { CampaignErrorCode, CampaignSummary, InvitationSlotSearchResponse, InvitationView, SlotHoldResponse } from '../protocol/index.ts';
import { citizenTaxCode, DEFAULT_HOLD_MS, DEFAULT_SEARCH_LIMIT } from './agenda.ts';
import type { InvitationState } from './campaign-store.ts';
import type { CentralStore } from './store.ts';

type CampaignRefusalCode = CampaignErrorCode | 'TAX_CODE_INVALID' | 'SLOT_UNKNOWN' | 'SLOT_TAKEN' | 'SLOT_OUT_OF_DEADLINE';

/** An invitation request the central refuses, with the HTTP status it answers. */
export class CampaignRefusal extends CupError {
  declare readonly code: CampaignRefusalCode;
  constructor(code: CampaignRefusalCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  get status(): 400 | 403 | 404 | 409 {
    switch (this.code) {
      case 'TAX_CODE_INVALID':
        return 400;
      case 'INVITATION_NOT_YOURS':
        return 403;
      case 'INVITATION_UNKNOWN':
      case 'SLOT_UNKNOWN':
        return 404;
      default:
        return 409;
    }
  }
}

export const invitationView = (i: InvitationState): InvitationView => ({
  invitationId: i.invitationId,
  campaignCode: i.campaignCode,
  campaignName: i.campaign.name,
  kind: i.campaign.kind,
  service: { ...i.campaign.service },
  validFrom: i.campaign.validFrom,
  validTo: i.campaign.validTo,
  invitedOn: i.invitedOn,
  status: i.status,
  bookingCode: i.bookingCode,
});

export interface CentralCampaignsOptions {
  store: CentralStore;
  now: () => Date;
  /** Default DEFAULT_HOLD_MS (10 minutes), as for prescriptions. */
  holdMs?: number;
  newHoldId?: () => string;
}

/**
 * Campaign invitations as terminals use them: a citizen's open invitations, and the free slots
 * of a campaign's service held like a prescription's, on the same agendas and holds (keyed on
 * `invitationHoldKey`). The booking arrives later as a `campaign-booking` item (ingest-campaigns.ts).
 */
export class CentralCampaigns {
  private readonly holdMs: number;
  private readonly newHoldId: () => string;

  constructor(private readonly o: CentralCampaignsOptions) {
    this.holdMs = o.holdMs ?? DEFAULT_HOLD_MS;
    this.newHoldId = o.newHoldId ?? randomUUID;
  }

  /** The invitations the citizen may still book: not booked or declined, campaign not over. @throws CampaignRefusal TAX_CODE_INVALID. */
  async invitations(taxCodeText: string): Promise<InvitationView[]> {
    const taxCode = this.taxCode(taxCodeText);
    const today = todayInRome(this.o.now());
    const all = await this.o.store.campaigns.invitationsOf(taxCode);
    return all.filter((i) => i.status === 'invited' && i.campaign.validTo >= today).map(invitationView);
  }

  /** Free slots of the campaign's service from now to its last day, earliest first. */
  async search(invitationId: string, taxCode: string, limit = DEFAULT_SEARCH_LIMIT): Promise<InvitationSlotSearchResponse> {
    const i = await this.openInvitation(invitationId, taxCode);
    const now = this.o.now();
    const { from, to } = campaignWindow(i.campaign, now);
    const slots = await this.o.store.freeSlots({ serviceCode: i.campaign.service.code, from: from.toISOString(), to: to.toISOString(), now: now.toISOString(), limit });
    return { invitation: invitationView(i), deadline: to.toISOString(), slots };
  }

  /** Holds a slot of the campaign's service, with the booking code issued for it. */
  async hold(invitationId: string, slotId: string, taxCode: string, terminalId: string): Promise<SlotHoldResponse> {
    const i = await this.openInvitation(invitationId, taxCode);
    const state = await this.o.store.getSlot(slotId);
    if (!state || state.slot.serviceCode !== i.campaign.service.code) throw new CampaignRefusal('SLOT_UNKNOWN', `no slot ${slotId} for ${i.campaign.service.code}`, { slotId });
    const now = this.o.now();
    const { from, to } = campaignWindow(i.campaign, now);
    const startsAt = romeWallTimeToInstant(state.slot.startsAt);
    if (startsAt < from || startsAt > to) throw new CampaignRefusal('SLOT_OUT_OF_DEADLINE', `the slot starts at ${state.slot.startsAt}, outside the campaign`, { slotId, deadline: to.toISOString() });
    const outcome = await this.o.store.holdSlot({ slotId, nre: invitationHoldKey(i.invitationId), terminalId, holdId: this.newHoldId(), now: now.toISOString(), until: new Date(now.getTime() + this.holdMs).toISOString() });
    if (!outcome.held) throw new CampaignRefusal(outcome.reason, outcome.reason === 'SLOT_TAKEN' ? 'another terminal holds or booked this slot' : `no slot ${slotId}`, { slotId });
    const { hold } = outcome;
    return { holdId: hold.holdId, slotId, heldUntil: hold.heldUntil, booking: campaignBooking(i, i.campaign, state.slot, hold.bookingCode) };
  }

  summaries(): Promise<CampaignSummary[]> {
    return this.o.store.campaigns.summaries();
  }

  private taxCode(text: string): string {
    try {
      return citizenTaxCode(text);
    } catch (e) {
      throw new CampaignRefusal('TAX_CODE_INVALID', (e as Error).message);
    }
  }

  private async openInvitation(invitationId: string, taxCodeText: string): Promise<InvitationState> {
    const taxCode = this.taxCode(taxCodeText);
    const i = await this.o.store.campaigns.getInvitation(invitationId);
    if (!i) throw new CampaignRefusal('INVITATION_UNKNOWN', `no invitation ${invitationId} at this central`, { invitationId });
    if (i.taxCode !== taxCode) throw new CampaignRefusal('INVITATION_NOT_YOURS', 'this invitation is for another citizen', { invitationId });
    if (i.status !== 'invited') throw new CampaignRefusal('INVITATION_NOT_OPEN', `this invitation is ${i.status} already`, { invitationId, status: i.status });
    if (i.campaign.validTo < todayInRome(this.o.now())) throw new CampaignRefusal('CAMPAIGN_CLOSED', `the campaign ended on ${i.campaign.validTo}`, { invitationId });
    return i;
  }
}

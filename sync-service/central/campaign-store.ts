import type { Campaign, Invitation, InvitationStatus } from '../domain/campaigns.ts';
import type { CampaignSummary } from '../protocol/index.ts';

/** The campaign part of the central's store: campaigns, the invitations they sent, and what became of each. */

/** An invitation with its campaign and what the citizen did with it. */
export interface InvitationState extends Invitation {
  campaign: Campaign;
  status: InvitationStatus;
  bookingCode: string | null;
}

/** An invitation booked or declined by a sync item. */
export interface InvitationChange {
  invitationId: string;
  status: 'booked' | 'declined';
  bookingCode: string | null;
  /** ISO 8601: when the central took it. */
  at: string;
  transactionKey: string;
}

/** Ingest's statements on invitations, inside the batch's transaction. */
export interface CampaignTx {
  /** The invitations that exist, by id; a store with concurrent transactions locks them until commit, after the slots. */
  invitations(ids: readonly string[]): Promise<Map<string, InvitationState>>;
  setInvitations(changes: readonly InvitationChange[]): Promise<void>;
}

export interface CampaignStore {
  /** Inserts the campaigns whose code is not held yet and answers how many; never overwrites. */
  addCampaigns(campaigns: readonly Campaign[]): Promise<number>;
  /** Inserts the invitations whose id is not held yet and answers how many; never overwrites. */
  addInvitations(invitations: readonly Invitation[]): Promise<number>;
  /** The citizen's invitations, whatever their status, oldest letter first. */
  invitationsOf(taxCode: string): Promise<InvitationState[]>;
  getInvitation(invitationId: string): Promise<InvitationState | undefined>;
  /** Every campaign with its invitations counted by status, by code. */
  summaries(): Promise<CampaignSummary[]>;
}

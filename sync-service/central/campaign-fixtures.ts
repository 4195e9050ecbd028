import { DEMO_CAMPAIGN, demoCampaignAgenda, demoCampaigns, demoInvitations } from '../domain/index.ts';
import { CAMPAIGN_BOOKING_KIND, INVITATION_DECLINED_KIND, type SlotHoldResponse, type SyncItem } from '../protocol/index.ts';
import { AGENDA_TODAY, ROSSI } from './agenda-fixtures.ts';

/** The demo campaigns as a central seeded on the agenda tests' day (Monday 1 June 2026) holds them. */
export const CAMPAIGNS = demoCampaigns(AGENDA_TODAY);
export const INVITATIONS = demoInvitations(AGENDA_TODAY);
export const CAMPAIGN_SLOTS = demoCampaignAgenda(AGENDA_TODAY, 30);
export const VERDI = 'VRDGPP50H22D96VF';
/** Mario Rossi's letters. */
export const ROSSI_SCREENING = `${DEMO_CAMPAIGN.colorectal}-${ROSSI}`;
export const ROSSI_FLU = `${DEMO_CAMPAIGN.flu}-${ROSSI}`;

/** The `campaign-booking` sync item a terminal sends to confirm an invitation's hold. */
export function campaignBookingItem(terminalId: string, key: string, seq: number, invitationId: string, held: SlotHoldResponse): SyncItem {
  return {
    key,
    seq,
    kind: CAMPAIGN_BOOKING_KIND,
    createdAt: '2026-06-01T06:02:00.000Z',
    payload: { terminalId, holdId: held.holdId, slotId: held.slotId, invitationId, booking: held.booking, bookedAt: '2026-06-01T06:02:00.000Z' },
  };
}

/** The `invitation-declined` sync item of a citizen who said no. */
export function declineItem(terminalId: string, key: string, seq: number, invitationId: string, taxCode = ROSSI): SyncItem {
  return { key, seq, kind: INVITATION_DECLINED_KIND, createdAt: '2026-06-01T06:03:00.000Z', payload: { terminalId, invitationId, taxCode, declinedAt: '2026-06-01T06:03:00.000Z' } };
}

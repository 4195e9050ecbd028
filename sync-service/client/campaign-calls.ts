import {
  CAMPAIGN_ERROR_CODES,
  CampaignListResponseSchema,
  InvitationListResponseSchema,
  InvitationSlotSearchResponseSchema,
  SlotHoldResponseSchema,
  type CampaignSummary,
  type InvitationSlotSearchResponse,
  type InvitationView,
  type SlotHoldResponse,
} from '../protocol/index.ts';
import { adminRequest, readAdminAnswer, type AdminCallOptions } from './admin-call.ts';
import { read, refusal, type CentralCall } from './notice-calls.ts';

/** The central's invitation refusals a terminal shows as they are (the kiosk branches on the code). */
const TYPED: ReadonlySet<string> = new Set([...CAMPAIGN_ERROR_CODES, 'TAX_CODE_INVALID', 'SLOT_UNKNOWN', 'SLOT_TAKEN', 'SLOT_OUT_OF_DEADLINE']);
const at = (invitationId: string) => `/v1/invitations/${encodeURIComponent(invitationId)}`;

export async function invitations(call: CentralCall, taxCode: string): Promise<InvitationView[]> {
  const answer = await call('GET', `/v1/citizens/${encodeURIComponent(taxCode.trim())}/invitations`);
  if (answer.status !== 200) throw refusal(answer, `invitations of ${taxCode}`, { taxCode }, TYPED);
  return read(InvitationListResponseSchema, answer, 'invitation list').invitations;
}

export async function searchInvitationSlots(call: CentralCall, invitationId: string, taxCode: string, limit?: number): Promise<InvitationSlotSearchResponse> {
  const answer = await call('POST', `${at(invitationId)}/slots`, { taxCode, ...(limit === undefined ? {} : { limit }) });
  if (answer.status !== 200) throw refusal(answer, `slots for invitation ${invitationId}`, { invitationId }, TYPED);
  return read(InvitationSlotSearchResponseSchema, answer, 'invitation slot search');
}

export async function holdInvitationSlot(call: CentralCall, invitationId: string, slotId: string, taxCode: string): Promise<SlotHoldResponse> {
  const answer = await call('POST', `${at(invitationId)}/slots/${encodeURIComponent(slotId)}/hold`, { taxCode });
  if (answer.status !== 200) throw refusal(answer, `hold of slot ${slotId}`, { slotId, invitationId }, TYPED);
  return read(SlotHoldResponseSchema, answer, 'slot hold');
}

/** The campaigns with their invitations counted (`cupk central campaigns`). Rejects as the other admin calls. */
export async function campaigns(o: AdminCallOptions): Promise<CampaignSummary[]> {
  return readAdminAnswer(CampaignListResponseSchema, await adminRequest(o, 'GET', '/v1/admin/campaigns'), 'the campaigns').campaigns;
}

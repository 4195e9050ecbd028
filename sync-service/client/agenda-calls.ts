import {
  AGENDA_ERROR_CODES,
  HoldReleaseResponseSchema,
  PrescriptionListResponseSchema,
  SlotHoldResponseSchema,
  SlotSearchResponseSchema,
  WaitingListResponseSchema,
  type PrescriptionView,
  type SlotHoldResponse,
  type SlotSearchResponse,
  type WaitingListEntry,
} from '../protocol/index.ts';
import { adminRequest, readAdminAnswer, type AdminCallOptions } from './admin-call.ts';
import { read, refusal, type CentralCall } from './notice-calls.ts';

/** The central's agenda refusals a terminal shows as they are (the kiosk branches on the code). */
const TYPED: ReadonlySet<string> = new Set([...AGENDA_ERROR_CODES, 'TAX_CODE_INVALID']);

export async function prescriptions(call: CentralCall, taxCode: string): Promise<PrescriptionView[]> {
  const answer = await call('GET', `/v1/citizens/${encodeURIComponent(taxCode.trim())}/prescriptions`);
  if (answer.status !== 200) throw refusal(answer, `prescriptions of ${taxCode}`, { taxCode }, TYPED);
  return read(PrescriptionListResponseSchema, answer, 'prescription list').prescriptions;
}

export async function searchSlots(call: CentralCall, nre: string, taxCode: string, limit?: number): Promise<SlotSearchResponse> {
  const answer = await call('POST', '/v1/slots/search', { nre, taxCode, ...(limit === undefined ? {} : { limit }) });
  if (answer.status !== 200) throw refusal(answer, `slots for ${nre}`, { nre }, TYPED);
  return read(SlotSearchResponseSchema, answer, 'slot search');
}

export async function holdSlot(call: CentralCall, slotId: string, nre: string, taxCode: string): Promise<SlotHoldResponse> {
  const answer = await call('POST', `/v1/slots/${encodeURIComponent(slotId)}/hold`, { nre, taxCode });
  if (answer.status !== 200) throw refusal(answer, `hold of slot ${slotId}`, { slotId, nre }, TYPED);
  return read(SlotHoldResponseSchema, answer, 'slot hold');
}

export async function releaseHold(call: CentralCall, holdId: string): Promise<{ released: boolean }> {
  const answer = await call('POST', `/v1/holds/${encodeURIComponent(holdId)}/release`);
  if (answer.status !== 200) throw refusal(answer, `release of hold ${holdId}`, { holdId }, TYPED);
  return read(HoldReleaseResponseSchema, answer, 'hold release');
}

/**
 * The call centre's waiting list, oldest request first (`cupk central waiting-list`). Rejects
 * CentralError ADMIN_AUTH_INVALID, ADMIN_DISABLED, REQUEST_INVALID, CENTRAL_UNREACHABLE or CENTRAL_RESPONSE_INVALID.
 */
export async function waitingList(o: AdminCallOptions & { status?: WaitingListEntry['status'] }): Promise<WaitingListEntry[]> {
  const answer = await adminRequest(o, 'GET', `/v1/admin/waiting-list${o.status === undefined ? '' : `?status=${o.status}`}`);
  return readAdminAnswer(WaitingListResponseSchema, answer, 'the waiting list').requests;
}

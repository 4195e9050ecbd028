import { CounterCloseListResponseSchema, type CounterClose } from '../protocol/index.ts';
import { adminRequest, readAdminAnswer, type AdminCallOptions } from './admin-call.ts';

/**
 * The pharmacy counters' daily closes of the Rome days `from`..`to` (default: today), by day,
 * terminal and operator (`cupk central counter-closes`). Rejects CentralError ADMIN_AUTH_INVALID,
 * ADMIN_DISABLED, REQUEST_INVALID, CENTRAL_UNREACHABLE or CENTRAL_RESPONSE_INVALID.
 */
export async function counterCloses(o: AdminCallOptions & { from?: string; to?: string }): Promise<CounterClose[]> {
  const query = new URLSearchParams({ ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) }).toString();
  const answer = await adminRequest(o, 'GET', `/v1/admin/counter-closes${query ? `?${query}` : ''}`);
  return readAdminAnswer(CounterCloseListResponseSchema, answer, 'the counter closes').closes;
}

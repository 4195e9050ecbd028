import { ReconciliationResponseSchema, UnpaidListResponseSchema, type ReconciliationResponse, type UnpaidListResponse } from '../protocol/index.ts';
import { adminRequest, readAdminAnswer, type AdminCallOptions } from './admin-call.ts';

/**
 * The reconciliation of the Rome days `from`..`to` (`cupk central reconcile`). Rejects
 * CentralError DATE_INVALID, DATE_RANGE_INVALID, ADMIN_AUTH_INVALID, ADMIN_DISABLED,
 * CENTRAL_UNREACHABLE or CENTRAL_RESPONSE_INVALID.
 */
export async function reconciliation(o: AdminCallOptions & { from: string; to?: string }): Promise<ReconciliationResponse> {
  const query = new URLSearchParams({ from: o.from, ...(o.to === undefined ? {} : { to: o.to }) });
  return readAdminAnswer(ReconciliationResponseSchema, await adminRequest(o, 'GET', `/v1/admin/reconciliation?${query}`), 'the reconciliation');
}

/** The tickets unpaid after their appointment day as of `asOf` (default today at the central). */
export async function unpaidTickets(o: AdminCallOptions & { asOf?: string; limit?: number }): Promise<UnpaidListResponse> {
  const query = new URLSearchParams({ ...(o.asOf === undefined ? {} : { asOf: o.asOf }), ...(o.limit === undefined ? {} : { limit: String(o.limit) }) });
  return readAdminAnswer(UnpaidListResponseSchema, await adminRequest(o, 'GET', `/v1/admin/unpaid?${query}`), 'the unpaid tickets');
}

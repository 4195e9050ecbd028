import { TerminalsHealthResponseSchema, type TerminalsHealthResponse } from '../protocol/index.ts';
import { adminRequest, readAdminAnswer, type AdminCallOptions } from './admin-call.ts';

/**
 * Every enrolled terminal with its latest heartbeat and its status as the central sees it now
 * (`cupk central health`). Rejects CentralError ADMIN_AUTH_INVALID, ADMIN_DISABLED (the central
 * has no admin token), CENTRAL_UNREACHABLE or CENTRAL_RESPONSE_INVALID.
 */
export async function terminalsHealth(o: AdminCallOptions): Promise<TerminalsHealthResponse> {
  return readAdminAnswer(TerminalsHealthResponseSchema, await adminRequest(o, 'GET', '/v1/admin/terminals/health'), 'the terminal health list');
}

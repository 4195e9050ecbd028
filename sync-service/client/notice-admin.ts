import { NoticeIssueResponseSchema, NoticeListResponseSchema, type Notice, type NoticeStatus } from '../protocol/index.ts';
import { adminRefusal, adminRequest, readAdminAnswer, type AdminCallOptions } from './admin-call.ts';
import { CentralError } from './http.ts';

/** The CUP staff's credit recovery calls (`cupk notices ...`), with the administrator's token. */

export type { AdminCallOptions };

/**
 * Runs credit recovery as of `asOf` (default the central's today). Rejects CentralError
 * DATE_INVALID, ADMIN_AUTH_INVALID, ADMIN_DISABLED, CENTRAL_UNREACHABLE.
 */
export async function issueNotices(o: AdminCallOptions & { asOf?: string }): Promise<Notice[]> {
  const answer = await adminRequest(o, 'POST', '/v1/admin/notices/issue', o.asOf === undefined ? {} : { asOf: o.asOf });
  return readAdminAnswer(NoticeIssueResponseSchema, answer, 'the credit recovery run').issued;
}

/** Notices issued, newest first. Rejects TAX_CODE_INVALID, REQUEST_INVALID, ADMIN_* or CENTRAL_UNREACHABLE. */
export async function listNotices(o: AdminCallOptions & { taxCode?: string; status?: NoticeStatus }): Promise<Notice[]> {
  const query = new URLSearchParams({ ...(o.taxCode === undefined ? {} : { taxCode: o.taxCode }), ...(o.status === undefined ? {} : { status: o.status }) }).toString();
  const answer = await adminRequest(o, 'GET', `/v1/admin/notices${query ? `?${query}` : ''}`);
  return readAdminAnswer(NoticeListResponseSchema, answer, 'the notice list').notices;
}

/** The printable notice. Rejects BAD_NOTICE, NOTICE_UNKNOWN, ADMIN_* or CENTRAL_UNREACHABLE. */
export async function noticePdf(o: AdminCallOptions & { noticeCode: string }): Promise<Buffer> {
  const url = new URL(`/v1/admin/notices/${encodeURIComponent(o.noticeCode.replace(/\s/g, ''))}/pdf`, o.centralUrl);
  let response: Response;
  try {
    response = await (o.fetch ?? globalThis.fetch)(url, { headers: { authorization: `Bearer ${o.token}` }, signal: AbortSignal.timeout(o.timeoutMs ?? 30_000) });
  } catch (e) {
    throw new CentralError('CENTRAL_UNREACHABLE', `central ${o.centralUrl} unreachable: ${(e as Error).message}`);
  }
  if (response.status >= 500) throw new CentralError('CENTRAL_UNREACHABLE', `central answered ${response.status}`, { status: response.status });
  if (response.status === 200 && response.headers.get('content-type')?.startsWith('application/pdf')) return Buffer.from(await response.arrayBuffer());
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  throw adminRefusal({ status: response.status, body }, `the notice ${o.noticeCode}`);
}

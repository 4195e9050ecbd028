import type { z } from 'zod';
import { ErrorBodySchema, NoticeIssueResponseSchema, NoticeListResponseSchema, type Notice, type NoticeStatus } from '../protocol/index.ts';
import { CentralError, errorCode, request, type HttpAnswer } from './http.ts';

/** The CUP staff's credit recovery calls (`cupk notices ...`), with the administrator's token. */

export interface AdminCallOptions {
  centralUrl: string;
  /** The central's administrator token (`cupk central start --admin-token`). */
  token: string;
  fetch?: typeof globalThis.fetch;
  /** Default 30,000 ms: a region's run issues many notices. */
  timeoutMs?: number;
}

function admin(o: AdminCallOptions, method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpAnswer> {
  return request(
    { baseUrl: o.centralUrl, fetch: o.fetch ?? globalThis.fetch, timeoutMs: o.timeoutMs ?? 30_000, signal: new AbortController().signal, headers: { authorization: `Bearer ${o.token}` } },
    method,
    path,
    body,
  );
}

/** The central's refusal, with its own code; ADMIN_DISABLED when the route is not there at all. */
function refused(answer: HttpAnswer, what: string): CentralError {
  const body = ErrorBodySchema.safeParse(answer.body).data?.error;
  const code = errorCode(answer.body);
  if (answer.status === 404 && code === 'ROUTE_NOT_FOUND') return new CentralError('ADMIN_DISABLED', 'the central has no administrator routes: it was started without an admin token', { status: 404 });
  return new CentralError(code ?? 'CENTRAL_REJECTED', body?.message ?? `central refused ${what}: ${answer.status}`, { status: answer.status, ...body?.details });
}

function read<T>(schema: z.ZodType<T>, answer: HttpAnswer, what: string): T {
  if (answer.status !== 200) throw refused(answer, what);
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw new CentralError('CENTRAL_RESPONSE_INVALID', `${what} answer does not match the protocol`, { issues: parsed.error.message });
  return parsed.data;
}

/**
 * Runs credit recovery as of `asOf` (default the central's today). Rejects CentralError
 * DATE_INVALID, ADMIN_AUTH_INVALID, ADMIN_DISABLED, CENTRAL_UNREACHABLE.
 */
export async function issueNotices(o: AdminCallOptions & { asOf?: string }): Promise<Notice[]> {
  const answer = await admin(o, 'POST', '/v1/admin/notices/issue', o.asOf === undefined ? {} : { asOf: o.asOf });
  return read(NoticeIssueResponseSchema, answer, 'the credit recovery run').issued;
}

/** Notices issued, newest first. Rejects TAX_CODE_INVALID, REQUEST_INVALID, ADMIN_* or CENTRAL_UNREACHABLE. */
export async function listNotices(o: AdminCallOptions & { taxCode?: string; status?: NoticeStatus }): Promise<Notice[]> {
  const query = new URLSearchParams({ ...(o.taxCode === undefined ? {} : { taxCode: o.taxCode }), ...(o.status === undefined ? {} : { status: o.status }) }).toString();
  const answer = await admin(o, 'GET', `/v1/admin/notices${query ? `?${query}` : ''}`);
  return read(NoticeListResponseSchema, answer, 'the notice list').notices;
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
  throw refused({ status: response.status, body }, `the notice ${o.noticeCode}`);
}

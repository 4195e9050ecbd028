import type { z } from 'zod';
import {
  ErrorBodySchema,
  NOTICE_ERROR_CODES,
  NoticeLockResponseSchema,
  NoticeReleaseResponseSchema,
  NoticeViewSchema,
  UnpaidTicketsResponseSchema,
  type NoticeView,
  type UnpaidTicketsResponse,
} from '../protocol/index.ts';
import { CentralError, errorCode, rejected, type HttpAnswer } from './http.ts';

/** One signed request to the central, as SyncClient makes it. */
export type CentralCall = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<HttpAnswer>;

/** The central's refusals a terminal shows as they are (the kiosk branches on the code). */
const TYPED: ReadonlySet<string> = new Set([...NOTICE_ERROR_CODES, 'TAX_CODE_INVALID']);

/** A typed refusal (one of `typed`) as a CentralError carrying the central's own code, or CENTRAL_REJECTED. */
export function refusal(answer: HttpAnswer, what: string, details: Record<string, unknown>, typed: ReadonlySet<string> = TYPED): CentralError {
  const code = errorCode(answer.body);
  if (code !== undefined && typed.has(code) && answer.status >= 400 && answer.status < 500) {
    const body = ErrorBodySchema.safeParse(answer.body).data?.error;
    return new CentralError(code, body?.message ?? `${what}: ${code}`, { ...details, ...body?.details, status: answer.status });
  }
  return rejected(answer, what);
}

/** A 200 answer read with its protocol schema. */
export function read<T>(schema: z.ZodType<T>, answer: HttpAnswer, what: string): T {
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw new CentralError('CENTRAL_RESPONSE_INVALID', `${what} answer does not match the protocol`, { issues: parsed.error.message });
  return parsed.data;
}

export async function verifyNotice(call: CentralCall, noticeCode: string): Promise<NoticeView> {
  const answer = await call('POST', '/v1/notices/verify', { noticeCode });
  if (answer.status !== 200) throw refusal(answer, `notice ${noticeCode}`, { noticeCode });
  return read(NoticeViewSchema, answer, 'notice verification');
}

export async function lockNotice(call: CentralCall, noticeCode: string, paymentId: string): Promise<{ lockedUntil: string }> {
  const answer = await call('POST', '/v1/notices/lock', { noticeCode, paymentId });
  if (answer.status !== 200) throw refusal(answer, `lock of notice ${noticeCode}`, { noticeCode, paymentId });
  return read(NoticeLockResponseSchema, answer, 'notice lock');
}

export async function releaseNotice(call: CentralCall, noticeCode: string, paymentId: string): Promise<void> {
  const answer = await call('POST', '/v1/notices/release', { noticeCode, paymentId });
  if (answer.status !== 200) throw refusal(answer, `release of notice ${noticeCode}`, { noticeCode, paymentId });
  read(NoticeReleaseResponseSchema, answer, 'notice release');
}

export async function unpaidTickets(call: CentralCall, taxCode: string): Promise<UnpaidTicketsResponse> {
  const answer = await call('GET', `/v1/citizens/${encodeURIComponent(taxCode.trim())}/unpaid`);
  if (answer.status !== 200) throw refusal(answer, `unpaid tickets of ${taxCode}`, { taxCode });
  return read(UnpaidTicketsResponseSchema, answer, 'unpaid tickets');
}

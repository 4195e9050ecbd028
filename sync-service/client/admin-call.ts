import type { z } from 'zod';
import { ErrorBodySchema } from '../protocol/index.ts';
import { CentralError, errorCode, request, type HttpAnswer } from './http.ts';

/** One request of the CUP staff's tools to the /v1/admin routes, with the administrator's token. */

export interface AdminCallOptions {
  centralUrl: string;
  /** The central's administrator token (`cupk central start --admin-token`). */
  token: string;
  fetch?: typeof globalThis.fetch;
  /** Default 30,000 ms: a region's run issues many notices. */
  timeoutMs?: number;
}

export function adminRequest(o: AdminCallOptions, method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpAnswer> {
  return request(
    { baseUrl: o.centralUrl, fetch: o.fetch ?? globalThis.fetch, timeoutMs: o.timeoutMs ?? 30_000, signal: new AbortController().signal, headers: { authorization: `Bearer ${o.token}` } },
    method,
    path,
    body,
  );
}

/** The central's refusal, with its own code; ADMIN_DISABLED when the route is not there at all. */
export function adminRefusal(answer: HttpAnswer, what: string): CentralError {
  const body = ErrorBodySchema.safeParse(answer.body).data?.error;
  const code = errorCode(answer.body);
  if (answer.status === 404 && code === 'ROUTE_NOT_FOUND') return new CentralError('ADMIN_DISABLED', 'the central has no administrator routes: it was started without an admin token', { status: 404 });
  return new CentralError(code ?? 'CENTRAL_REJECTED', body?.message ?? `central refused ${what}: ${answer.status}`, { status: answer.status, ...body?.details });
}

/** A 200 answer read with its protocol schema; anything else as the central's refusal. */
export function readAdminAnswer<T>(schema: z.ZodType<T>, answer: HttpAnswer, what: string): T {
  if (answer.status !== 200) throw adminRefusal(answer, what);
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw new CentralError('CENTRAL_RESPONSE_INVALID', `${what} answer does not match the protocol`, { issues: parsed.error.message });
  return parsed.data;
}

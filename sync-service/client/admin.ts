import { RulePublishResponseSchema, type RulePublishResponse } from '../protocol/index.ts';
import { CentralError, errorCode, request } from './http.ts';

export interface PublishRuleSetOptions {
  centralUrl: string;
  /** The central's administrator token (`cupk central start --admin-token`). */
  token: string;
  /** The rule set document, as a region wrote it. */
  document: unknown;
  fetch?: typeof globalThis.fetch;
  /** Default 10,000 ms. */
  timeoutMs?: number;
}

/**
 * Publishes a rule set at the central. Resolves with its snapshot (`created: false` when the
 * identical set was already there). Rejects CentralError RULES_INVALID (`details.problems` lists
 * every problem), RULES_VERSION_EXISTS, ADMIN_AUTH_INVALID, ADMIN_DISABLED (the central has no
 * admin token), CENTRAL_UNREACHABLE or CENTRAL_RESPONSE_INVALID.
 */
export async function publishRuleSet(o: PublishRuleSetOptions): Promise<RulePublishResponse> {
  const answer = await request(
    { baseUrl: o.centralUrl, fetch: o.fetch ?? globalThis.fetch, timeoutMs: o.timeoutMs ?? 10_000, signal: new AbortController().signal, headers: { authorization: `Bearer ${o.token}` } },
    'POST',
    '/v1/admin/rule-sets',
    o.document,
  );
  if (answer.status === 200 || answer.status === 201) {
    const parsed = RulePublishResponseSchema.safeParse(answer.body);
    if (!parsed.success) throw new CentralError('CENTRAL_RESPONSE_INVALID', 'publication answer does not match the protocol');
    return parsed.data;
  }
  const body = answer.body as { error?: { message?: string; details?: Record<string, unknown> } } | undefined;
  // 404 with the router's code means the route is not there: the central has no admin token.
  const code = answer.status === 404 ? 'ADMIN_DISABLED' : (errorCode(answer.body) ?? 'CENTRAL_REJECTED');
  const message = answer.status === 404 ? 'the central takes no rule sets: it was started without an admin token' : (body?.error?.message ?? `central answered ${answer.status}`);
  throw new CentralError(code, message, { status: answer.status, ...(body?.error?.details ?? {}) });
}

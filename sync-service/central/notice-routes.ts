import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { parseTaxCode, TaxCodeError, type CupError } from '../domain/index.ts';
import {
  errorBody,
  jsonSchema,
  NoticeLockRequestSchema,
  NoticeLockResponseSchema,
  NoticeReleaseResponseSchema,
  NoticeVerifyRequestSchema,
  NoticeViewSchema,
  UnpaidTicketsResponseSchema,
  type NoticeLockRequest,
  type NoticeVerifyRequest,
} from '../protocol/index.ts';
import { NoticeRefusal, type CentralNotices } from './notices.ts';
import type { NoticeHolder } from './store.ts';

export interface NoticeRoutesOptions {
  notices: CentralNotices;
  /** Hooks that admit only signed terminal requests (empty when signatures are off). */
  terminal: Pick<RouteShorthandOptions, 'preValidation'>;
  /** Whether requests are signed: the lock holder is then the signing terminal. */
  signed: boolean;
  /** Error response schemas shared with the other routes. */
  errors: Record<number, unknown>;
}

/** The terminal a lock is taken for. Without signatures (local tools, tests) every caller is one. */
const UNSIGNED_TERMINAL = 'unsigned';

/** A refusal (a NoticeRefusal unless told) as its typed answer; anything else goes to the error handler. */
export async function answering<T>(reply: FastifyReply, work: () => Promise<T>, refusal: abstract new (...args: never[]) => CupError & { status: number } = NoticeRefusal): Promise<T | FastifyReply> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof refusal)) throw e;
    return reply.status(e.status).send(errorBody(e.code, e.message, e.details));
  }
}

/**
 * What a terminal asks of the notices while a citizen pays one: POST /v1/notices/verify,
 * /v1/notices/lock, /v1/notices/release, and GET /v1/citizens/:taxCode/unpaid.
 */
export function registerNoticeRoutes(app: FastifyInstance, o: NoticeRoutesOptions): void {
  const holder = (request: FastifyRequest, paymentId: string): NoticeHolder => ({ terminalId: o.signed ? request.terminalId : UNSIGNED_TERMINAL, paymentId });

  app.post<{ Body: NoticeVerifyRequest }>(
    '/v1/notices/verify',
    { ...o.terminal, schema: { body: jsonSchema(NoticeVerifyRequestSchema), response: { 200: jsonSchema(NoticeViewSchema), ...o.errors } } },
    (request, reply) => answering(reply, () => o.notices.verify(request.body.noticeCode)),
  );

  app.post<{ Body: NoticeLockRequest }>(
    '/v1/notices/lock',
    { ...o.terminal, schema: { body: jsonSchema(NoticeLockRequestSchema), response: { 200: jsonSchema(NoticeLockResponseSchema), ...o.errors } } },
    (request, reply) =>
      answering(reply, async () => {
        const locked = await o.notices.lock(request.body.noticeCode, holder(request, request.body.paymentId));
        request.log.info({ noticeCode: request.body.noticeCode, paymentId: request.body.paymentId, lockedUntil: locked.lockedUntil }, 'notice locked');
        return locked;
      }),
  );

  app.post<{ Body: NoticeLockRequest }>(
    '/v1/notices/release',
    { ...o.terminal, schema: { body: jsonSchema(NoticeLockRequestSchema), response: { 200: jsonSchema(NoticeReleaseResponseSchema), ...o.errors } } },
    (request, reply) => answering(reply, async () => ({ released: await o.notices.release(request.body.noticeCode, holder(request, request.body.paymentId)) })),
  );

  app.get<{ Params: { taxCode: string } }>(
    '/v1/citizens/:taxCode/unpaid',
    {
      ...o.terminal,
      schema: { params: { type: 'object', properties: { taxCode: { type: 'string' } }, required: ['taxCode'] }, response: { 200: jsonSchema(UnpaidTicketsResponseSchema), ...o.errors } },
    },
    async (request, reply) => {
      let taxCode: string;
      try {
        taxCode = parseTaxCode(request.params.taxCode).taxCode;
      } catch (e) {
        if (!(e instanceof TaxCodeError)) throw e;
        return reply.status(400).send(errorBody('TAX_CODE_INVALID', e.message, { reason: e.code }));
      }
      return o.notices.unpaid(taxCode);
    },
  );
}

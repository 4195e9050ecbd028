import type { FastifyInstance } from 'fastify';
import { parseTaxCode, TaxCodeError } from '../domain/index.ts';
import { errorBody, jsonSchema, NoticeIssueRequestSchema, NoticeIssueResponseSchema, NoticeListResponseSchema, type NoticeIssueRequest, type NoticeStatus } from '../protocol/index.ts';
import { adminOnly } from './admin-auth.ts';
import { answering } from './notice-routes.ts';
import { renderNoticePdf } from './notice-pdf.ts';
import type { CentralNotices } from './notices.ts';

export interface NoticeAdminRoutesOptions {
  notices: CentralNotices;
  /** Bearer token of the administrator; without one these routes do not exist. */
  adminToken?: string;
  /** Deflate the PDF's page streams; default true. */
  compressPdf?: boolean;
  /** Error response schemas shared with the other routes. */
  errors: Record<number, unknown>;
}

/**
 * The CUP staff's side of credit recovery: POST /v1/admin/notices/issue runs it, GET
 * /v1/admin/notices lists what was issued, GET /v1/admin/notices/:noticeCode/pdf prints one.
 */
export function registerNoticeAdminRoutes(app: FastifyInstance, o: NoticeAdminRoutesOptions): void {
  if (!o.adminToken) return;
  const admin = { preValidation: adminOnly(o.adminToken) };

  app.post<{ Body: NoticeIssueRequest }>(
    '/v1/admin/notices/issue',
    { ...admin, schema: { body: { type: 'object' }, response: { 200: jsonSchema(NoticeIssueResponseSchema), ...o.errors } } },
    async (request, reply) => {
      const body = NoticeIssueRequestSchema.safeParse(request.body);
      if (!body.success) return reply.status(400).send(errorBody('DATE_INVALID', 'asOf must be a calendar date, YYYY-MM-DD'));
      const run = await o.notices.issue(body.data.asOf);
      request.log.info({ asOf: body.data.asOf, issued: run.issued.length, unquoted: run.unquoted }, 'credit recovery run');
      return { issued: run.issued };
    },
  );

  app.get<{ Querystring: { taxCode?: string; status?: NoticeStatus } }>(
    '/v1/admin/notices',
    {
      ...admin,
      schema: {
        querystring: { type: 'object', properties: { taxCode: { type: 'string' }, status: { type: 'string', enum: ['payable', 'paid', 'cancelled'] } } },
        response: { 200: jsonSchema(NoticeListResponseSchema), ...o.errors },
      },
    },
    async (request, reply) => {
      const { taxCode, status } = request.query;
      let debtor: string | undefined;
      if (taxCode !== undefined && taxCode !== '') {
        try {
          debtor = parseTaxCode(taxCode).taxCode;
        } catch (e) {
          if (!(e instanceof TaxCodeError)) throw e;
          return reply.status(400).send(errorBody('TAX_CODE_INVALID', e.message, { reason: e.code }));
        }
      }
      return { notices: await o.notices.list({ ...(debtor === undefined ? {} : { taxCode: debtor }), ...(status === undefined ? {} : { status }) }) };
    },
  );

  app.get<{ Params: { noticeCode: string } }>(
    '/v1/admin/notices/:noticeCode/pdf',
    { ...admin, schema: { params: { type: 'object', properties: { noticeCode: { type: 'string', maxLength: 64 } }, required: ['noticeCode'] }, response: o.errors } },
    (request, reply) =>
      answering(reply, async () => {
        const notice = await o.notices.find(request.params.noticeCode);
        const pdf = await renderNoticePdf(notice, { compress: o.compressPdf ?? true });
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="avviso-${notice.noticeCode}.pdf"`)
          .send(pdf);
      }),
  );
}

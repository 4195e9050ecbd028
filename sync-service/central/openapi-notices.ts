/** The notice routes of the OpenAPI document (openapi.ts); schemas are its components. */

const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => json({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, ...ref('ErrorBody') });
const signed = [{ terminalSignature: [] }];
const admin = [{ adminToken: [] }];
const AUTH = error('AUTH_* as for every signed route');
const NOT_ADMIN = error('ADMIN_AUTH_INVALID');
const NO_ADMIN = error('ROUTE_NOT_FOUND: no admin token configured');

export const NOTICE_PATHS: Record<string, unknown> = {
  '/v1/notices/verify': {
    post: {
      summary: 'A pagoPA notice as the central holds it now: amount, due date, payable, paid or cancelled, and until when a payment holds it',
      security: signed,
      requestBody: { required: true, ...ref('NoticeVerifyRequest') },
      responses: {
        '200': { description: 'the notice', ...ref('NoticeView') },
        '400': error('BAD_NOTICE: not 18 digits, or wrong check digits (details.check)'),
        '401': AUTH,
        '404': error('NOTICE_UNKNOWN'),
      },
    },
  },
  '/v1/notices/lock': {
    post: {
      summary: 'Hold a payable notice for a payment in progress for 10 minutes; the same terminal and payment again extends it',
      description: 'Two payments asking at once, through one central or several on one database, never both get it. The payment that pays it clears the lock.',
      security: signed,
      requestBody: { required: true, ...ref('NoticeLockRequest') },
      responses: {
        '200': { description: 'held until lockedUntil', ...ref('NoticeLockResponse') },
        '400': error('BAD_NOTICE'),
        '401': AUTH,
        '404': error('NOTICE_UNKNOWN'),
        '409': error('NOTICE_LOCKED (another payment holds it), NOTICE_PAID, NOTICE_CANCELLED'),
      },
    },
  },
  '/v1/notices/release': {
    post: {
      summary: 'Let go of a notice the payment holds (cancelled or not taken); 200 whether or not it held it',
      security: signed,
      requestBody: { required: true, ...ref('NoticeLockRequest') },
      responses: { '200': { description: 'released: whether that payment held it', ...ref('NoticeReleaseResponse') }, '400': error('BAD_NOTICE'), '401': AUTH },
    },
  },
  '/v1/citizens/{taxCode}/unpaid': {
    get: {
      summary: "A citizen's unpaid tickets: bookings booked and unpaid with no notice (the terminal quotes them), and their payable notices",
      security: signed,
      parameters: [{ name: 'taxCode', in: 'path', required: true, description: 'codice fiscale; case and surrounding spaces are ignored', schema: { type: 'string' } }],
      responses: { '200': { description: 'bookings and notices', ...ref('UnpaidTickets') }, '400': error('TAX_CODE_INVALID (details.reason)'), '401': AUTH },
    },
  },
  '/v1/admin/notices/issue': {
    post: {
      summary: 'Credit recovery: a notice for every booking still unpaid whose appointment day is before asOf (default today, Europe/Rome), with a ticket above zero and no notice yet',
      description: 'The amount is the ticket quoted for the appointment day with the rules held and the income band declared by then; the notice falls due 30 days after asOf. Running it again, or twice at once, issues nothing twice.',
      security: admin,
      requestBody: { required: true, ...ref('NoticeIssueRequest') },
      responses: { '200': { description: 'the notices this run issued', ...ref('NoticeIssueResponse') }, '400': error('DATE_INVALID'), '401': NOT_ADMIN, '404': NO_ADMIN },
    },
  },
  '/v1/admin/notices': {
    get: {
      summary: 'Notices issued, newest first',
      security: admin,
      parameters: [
        { name: 'taxCode', in: 'query', description: 'only this debtor', schema: { type: 'string' } },
        { name: 'status', in: 'query', schema: { type: 'string', enum: ['payable', 'paid', 'cancelled'] } },
      ],
      responses: { '200': { description: 'notices', ...ref('NoticeList') }, '400': error('TAX_CODE_INVALID or REQUEST_INVALID'), '401': NOT_ADMIN, '404': NO_ADMIN },
    },
  },
  '/v1/admin/notices/{noticeCode}/pdf': {
    get: {
      summary: 'The printable notice (A4, Italian) with its QR code',
      security: admin,
      parameters: [{ name: 'noticeCode', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': { description: 'the notice', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
        '400': error('BAD_NOTICE'),
        '401': NOT_ADMIN,
        '404': error('NOTICE_UNKNOWN, or ROUTE_NOT_FOUND without an admin token'),
      },
    },
  },
};

/** The money routes of the OpenAPI document (openapi.ts); schemas are its components. */

const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => json({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, ...ref('ErrorBody') });
const date = (name: string, description: string) => ({ name, in: 'query', description, schema: { type: 'string', format: 'date' } });

export const MONEY_PATHS: Record<string, unknown> = {
  '/v1/admin/reconciliation': {
    get: {
      summary: 'Money per Europe/Rome day, terminal and provider: what was collected against what was booked, and what is due',
      description:
        'A payment counts on the Rome day of its paidAt. Per terminal: collected = paid - change, split into card and cash (cash is what the cash box gained), items = the tickets and notices paid (owed to the providers), difference = collected - items, the legal 5-cent rounding of the cash parts; anomaly when it is over 2 cents per cash payment. Per provider: the items of its bookings paid that day (by terminal), and its appointments that day: paid, still unpaid, and the payable notices issued for those. Every day of the range is listed. Amounts in integer cents.',
      security: [{ adminToken: [] }],
      parameters: [date('from', 'first day, default today (Rome)'), date('to', 'last day, default from; at most 366 days')],
      responses: {
        '200': { description: 'the range, day by day, with totals', ...ref('Reconciliation') },
        '400': error('DATE_INVALID or DATE_RANGE_INVALID'),
        '401': error('ADMIN_AUTH_INVALID'),
        '404': error('ROUTE_NOT_FOUND: no admin token configured'),
      },
    },
  },
  '/v1/admin/unpaid': {
    get: {
      summary: 'Unpaid tickets for credit recovery: bookings still unpaid after their appointment day',
      description:
        'count, withNotice and noticeCents cover every such booking; tickets lists the oldest `limit` (default 100), each with its pagoPA notice amount or, without a notice, its ticket quoted now with the rules held (amountFrom quote; unquoted and null when it cannot be quoted).',
      security: [{ adminToken: [] }],
      parameters: [date('asOf', 'appointments before this day; default today (Rome)'), { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } }],
      responses: {
        '200': { description: 'the unpaid tickets', ...ref('UnpaidList') },
        '400': error('DATE_INVALID or REQUEST_INVALID'),
        '401': error('ADMIN_AUTH_INVALID'),
        '404': error('ROUTE_NOT_FOUND: no admin token configured'),
      },
    },
  },
};

/** The terminal health routes of the OpenAPI document (openapi.ts); schemas are its components. */

const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => json({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, ...ref('ErrorBody') });

export const HEALTH_PATHS: Record<string, unknown> = {
  '/v1/terminals/heartbeat': {
    post: {
      summary: "A terminal's health: its devices, its outbox backlog and its sync lag; about once a minute, and when a device changes state",
      description:
        'Kept as the terminal\'s latest heartbeat and in a history of one heartbeat per terminal per minute, kept 7 days. A heartbeat is not a transaction: the terminal never queues it, and a lost one is replaced by the next. An unknown device kind is REQUEST_INVALID.',
      security: [{ terminalSignature: [] }],
      requestBody: { required: true, ...ref('Heartbeat') },
      responses: {
        '200': { description: 'kept', ...ref('HeartbeatAck') },
        '400': error('BODY_MALFORMED or REQUEST_INVALID'),
        '401': error('AUTH_* as for every signed route'),
        '403': error('TERMINAL_MISMATCH: the body names another terminal than the one that signed'),
      },
    },
  },
  '/v1/admin/terminals/health': {
    get: {
      summary: 'Every enrolled terminal with its latest heartbeat, when it was last seen, and its status now',
      description:
        'silent: no heartbeat for over 3 minutes, or never; fault: a device offline or reporting a fault code, paper out, printer cover open; warning: paper low, a hopper low or empty, more than 50 outbox items pending or a sync lag over 5 minutes; ok otherwise.',
      security: [{ adminToken: [] }],
      responses: {
        '200': { description: 'terminals by id', ...ref('TerminalsHealth') },
        '401': error('ADMIN_AUTH_INVALID'),
        '404': error('ROUTE_NOT_FOUND: no admin token configured'),
      },
    },
  },
};

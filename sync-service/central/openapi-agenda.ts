import {
  BookingPayloadSchema,
  HoldReleaseResponseSchema,
  jsonSchema,
  PrescriptionListResponseSchema,
  SlotHoldRequestSchema,
  SlotHoldResponseSchema,
  SlotSearchRequestSchema,
  SlotSearchResponseSchema,
  WaitingListPayloadSchema,
  WaitingListResponseSchema,
} from '../protocol/index.ts';

/** The agenda routes of the OpenAPI document (openapi.ts), and the schemas they name. */

export const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
export const ref = (name: string) => json({ $ref: `#/components/schemas/${name}` });
export const error = (description: string) => ({ description, ...ref('ErrorBody') });
export const signed = [{ terminalSignature: [] }];
export const AUTH = error('AUTH_* as for every signed route');
const PRESCRIPTION_CHECKS = {
  '400': error('BAD_NRE (details.check), TAX_CODE_INVALID (details.reason) or REQUEST_INVALID'),
  '401': AUTH,
  '403': error('PRESCRIPTION_NOT_YOURS: made out to another citizen'),
  '404': error('PRESCRIPTION_UNKNOWN'),
};

export const AGENDA_PATHS: Record<string, unknown> = {
  '/v1/citizens/{taxCode}/prescriptions': {
    get: {
      summary: "A citizen's open prescriptions, newest first",
      security: signed,
      parameters: [{ name: 'taxCode', in: 'path', required: true, description: 'codice fiscale; case and surrounding spaces are ignored', schema: { type: 'string' } }],
      responses: { '200': { description: 'open prescriptions', ...ref('PrescriptionList') }, '400': error('TAX_CODE_INVALID (details.reason)'), '401': AUTH },
    },
  },
  '/v1/slots/search': {
    post: {
      summary: "Free slots for an open prescription: its first service's agendas across providers, from now to the priority deadline, earliest first (ties by provider id)",
      description: 'Empty slots: nothing in time; the terminal offers the waiting list (a waiting-list sync item).',
      security: signed,
      requestBody: { required: true, ...ref('SlotSearchRequest') },
      responses: { '200': { description: 'the prescription, its deadline and the slots', ...ref('SlotSearchResponse') }, ...PRESCRIPTION_CHECKS, '409': error('PRESCRIPTION_NOT_OPEN: booked already') },
    },
  },
  '/v1/slots/{slotId}/hold': {
    post: {
      summary: 'Hold a slot for the prescription for 10 minutes (configurable), with the booking code issued for it; the same terminal and prescription again extends it',
      description: 'Two holds at once, through one central or several on one database, never both win. The booking sync item confirms the hold.',
      security: signed,
      parameters: [{ name: 'slotId', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: { required: true, ...ref('SlotHoldRequest') },
      responses: {
        '200': { description: 'held until heldUntil; booking is what the confirmation books', ...ref('SlotHoldResponse') },
        ...PRESCRIPTION_CHECKS,
        '404': error("PRESCRIPTION_UNKNOWN, or SLOT_UNKNOWN (no such slot of the prescription's service)"),
        '409': error('SLOT_TAKEN (held or booked by another), SLOT_OUT_OF_DEADLINE (starts in the past or after the deadline), PRESCRIPTION_NOT_OPEN'),
      },
    },
  },
  '/v1/holds/{holdId}/release': {
    post: {
      summary: "Give a held slot back; released false when it had lapsed, was booked or is another terminal's",
      security: signed,
      parameters: [{ name: 'holdId', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': { description: 'whether this terminal held it', ...ref('HoldReleaseResponse') }, '401': AUTH },
    },
  },
  '/v1/admin/waiting-list': {
    get: {
      summary: 'Citizens to call back: prescriptions with no slot in time, oldest request first; booked once a booking of the prescription arrived',
      security: [{ adminToken: [] }],
      parameters: [{ name: 'status', in: 'query', schema: { type: 'string', enum: ['waiting', 'booked'] } }],
      responses: { '200': { description: 'requests', ...ref('WaitingList') }, '400': error('REQUEST_INVALID'), '401': error('ADMIN_AUTH_INVALID'), '404': error('ROUTE_NOT_FOUND: no admin token configured') },
    },
  },
};

export const AGENDA_SCHEMAS: Record<string, unknown> = {
  PrescriptionList: jsonSchema(PrescriptionListResponseSchema),
  SlotSearchRequest: jsonSchema(SlotSearchRequestSchema),
  SlotSearchResponse: jsonSchema(SlotSearchResponseSchema),
  SlotHoldRequest: jsonSchema(SlotHoldRequestSchema),
  SlotHoldResponse: jsonSchema(SlotHoldResponseSchema),
  HoldReleaseResponse: jsonSchema(HoldReleaseResponseSchema),
  WaitingList: jsonSchema(WaitingListResponseSchema),
  BookingPayload: {
    ...jsonSchema(BookingPayloadSchema),
    description: "payload of a sync item of kind 'booking': confirms a hold; conflicts SLOT_TAKEN, PRESCRIPTION_ALREADY_BOOKED, HOLD_UNKNOWN, BOOKING_CODE_REUSED, PAYLOAD_INVALID",
  },
  WaitingListPayload: { ...jsonSchema(WaitingListPayloadSchema), description: "payload of a sync item of kind 'waiting-list'; a later request of the same prescription replaces it" },
};

import {
  BookingCancelPayloadSchema,
  BookingMovePayloadSchema,
  CitizenBookingsResponseSchema,
  jsonSchema,
  MoveHoldRequestSchema,
  MoveSearchRequestSchema,
  MoveSearchResponseSchema,
  RefundListResponseSchema,
} from '../protocol/index.ts';

/** The routes of cancelling and moving bookings in the OpenAPI document (openapi.ts), and the schemas they name. */

const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => json({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, ...ref('ErrorBody') });
const signed = [{ terminalSignature: [] }];
const code = [{ name: 'code', in: 'path', required: true, description: 'booking code, 12 digits', schema: { type: 'string' } }];
const BOOKING_CHECKS = {
  '400': error('TAX_CODE_INVALID or REQUEST_INVALID'),
  '401': error('AUTH_* as for every signed route'),
  '403': error("BOOKING_NOT_YOURS: another citizen's booking"),
  '404': error('BOOKING_UNKNOWN, or SLOT_UNKNOWN (no such slot of the booking’s service, or a booking outside the agendas)'),
  '409': error('BOOKING_ALREADY_CANCELLED, BOOKING_STARTED, SLOT_TAKEN, SLOT_OUT_OF_DEADLINE'),
};

export const BOOKING_CHANGE_PATHS: Record<string, unknown> = {
  '/v1/citizens/{taxCode}/bookings': {
    get: {
      summary: "A citizen's bookings not cancelled and not started, soonest first: what a terminal offers to cancel or move",
      security: signed,
      parameters: [{ name: 'taxCode', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': { description: 'bookings', ...ref('CitizenBookings') }, '400': BOOKING_CHECKS['400'], '401': BOOKING_CHECKS['401'] },
    },
  },
  '/v1/bookings/{code}/move/slots': {
    post: {
      summary: "Free slots to move a booking to: its prescription's service, from now to the prescription's deadline, earliest first",
      security: signed,
      parameters: code,
      requestBody: { required: true, ...ref('MoveSearchRequest') },
      responses: { '200': { description: 'the booking, the deadline and the slots', ...ref('MoveSearchResponse') }, ...BOOKING_CHECKS },
    },
  },
  '/v1/bookings/{code}/move/hold': {
    post: {
      summary: "Hold a slot to move a booking to, under the booking's own code (10 minutes); a booking-move sync item confirms it",
      security: signed,
      parameters: code,
      requestBody: { required: true, ...ref('MoveHoldRequest') },
      responses: { '200': { description: 'held until heldUntil; booking is the booking at its new time', ...ref('SlotHoldResponse') }, ...BOOKING_CHECKS },
    },
  },
  '/v1/admin/refunds': {
    get: {
      summary: 'Refund requests of paid bookings cancelled in time, oldest first: amount paid and the payment to refund against',
      security: [{ adminToken: [] }],
      responses: { '200': { description: 'refund requests', ...ref('RefundList') }, '401': error('ADMIN_AUTH_INVALID'), '404': error('ROUTE_NOT_FOUND: no admin token configured') },
    },
  },
};

export const BOOKING_CHANGE_SCHEMAS: Record<string, unknown> = {
  CitizenBookings: jsonSchema(CitizenBookingsResponseSchema),
  MoveSearchRequest: jsonSchema(MoveSearchRequestSchema),
  MoveSearchResponse: jsonSchema(MoveSearchResponseSchema),
  MoveHoldRequest: jsonSchema(MoveHoldRequestSchema),
  RefundList: jsonSchema(RefundListResponseSchema),
  BookingCancelPayload: {
    ...jsonSchema(BookingCancelPayloadSchema),
    description:
      "payload of a sync item of kind 'booking-cancel': 48 hours or more before the start, the booking is cancelled and a paid one gets a refund request; later, the slot is freed and the ticket stays due; conflicts BOOKING_UNKNOWN, BOOKING_ALREADY_CANCELLED, BOOKING_STARTED, REFUND_ID_REUSED, PAYLOAD_INVALID",
  },
  BookingMovePayload: {
    ...jsonSchema(BookingMovePayloadSchema),
    description: "payload of a sync item of kind 'booking-move': frees the old slot, books the held one under the same code; conflicts SLOT_TAKEN, HOLD_UNKNOWN, BOOKING_UNKNOWN, BOOKING_ALREADY_CANCELLED, BOOKING_STARTED, PAYLOAD_INVALID",
  },
};

import type { FastifyInstance, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import {
  CitizenBookingsResponseSchema,
  jsonSchema,
  MoveHoldRequestSchema,
  MoveSearchRequestSchema,
  MoveSearchResponseSchema,
  RefundListResponseSchema,
  SlotHoldResponseSchema,
  type MoveHoldRequest,
  type MoveSearchRequest,
} from '../protocol/index.ts';
import { adminOnly } from './admin-auth.ts';
import { BookingChangeRefusal, type CentralBookingChanges } from './booking-changes.ts';
import { answering } from './notice-routes.ts';

export interface BookingChangeRoutesOptions {
  changes: CentralBookingChanges;
  /** Hooks that admit only signed terminal requests (empty when signatures are off). */
  terminal: Pick<RouteShorthandOptions, 'preValidation'>;
  signed: boolean;
  /** Bearer token of the administrator; without one the refund list does not exist. */
  adminToken?: string;
  errors: Record<number, unknown>;
}

/** The terminal a hold is taken for without signatures, as for a booking's hold. */
const UNSIGNED_TERMINAL = 'unsigned';

// The tax code is checked by the domain, so a bad one answers TAX_CODE_INVALID.
const loose = { taxCode: z.string().max(32) };
const id = (...names: string[]) => ({ type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'string', minLength: 1, maxLength: 64 }])), required: names });

/**
 * GET /v1/citizens/:taxCode/bookings, POST /v1/bookings/:code/move/slots and
 * /v1/bookings/:code/move/hold for terminals; GET /v1/admin/refunds for the back office.
 */
export function registerBookingChangeRoutes(app: FastifyInstance, o: BookingChangeRoutesOptions): void {
  const terminalOf = (request: FastifyRequest) => (o.signed ? request.terminalId : UNSIGNED_TERMINAL);
  const refused = <T>(reply: Parameters<typeof answering>[0], work: () => Promise<T>) => answering(reply, work, BookingChangeRefusal);

  app.get<{ Params: { taxCode: string } }>(
    '/v1/citizens/:taxCode/bookings',
    { ...o.terminal, schema: { params: id('taxCode'), response: { 200: jsonSchema(CitizenBookingsResponseSchema), ...o.errors } } },
    (request, reply) => refused(reply, async () => ({ bookings: await o.changes.citizenBookings(request.params.taxCode) })),
  );

  app.post<{ Params: { code: string }; Body: MoveSearchRequest }>(
    '/v1/bookings/:code/move/slots',
    { ...o.terminal, schema: { params: id('code'), body: jsonSchema(MoveSearchRequestSchema.extend(loose)), response: { 200: jsonSchema(MoveSearchResponseSchema), ...o.errors } } },
    (request, reply) => refused(reply, () => o.changes.moveSlots(request.params.code, request.body.taxCode, request.body.limit)),
  );

  app.post<{ Params: { code: string }; Body: MoveHoldRequest }>(
    '/v1/bookings/:code/move/hold',
    { ...o.terminal, schema: { params: id('code'), body: jsonSchema(MoveHoldRequestSchema.extend(loose)), response: { 200: jsonSchema(SlotHoldResponseSchema), ...o.errors } } },
    (request, reply) =>
      refused(reply, async () => {
        const held = await o.changes.holdForMove(request.params.code, request.body.slotId, request.body.taxCode, terminalOf(request));
        request.log.info({ bookingCode: held.booking.code, slotId: held.slotId, holdId: held.holdId }, 'slot held for a move');
        return held;
      }),
  );

  if (!o.adminToken) return;
  app.get('/v1/admin/refunds', { preValidation: adminOnly(o.adminToken), schema: { response: { 200: jsonSchema(RefundListResponseSchema), ...o.errors } } }, async () => ({ refunds: await o.changes.refunds() }));
}

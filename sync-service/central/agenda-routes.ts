import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import {
  HoldReleaseResponseSchema,
  jsonSchema,
  PrescriptionListResponseSchema,
  SlotHoldRequestSchema,
  SlotHoldResponseSchema,
  SlotSearchRequestSchema,
  SlotSearchResponseSchema,
  type SlotHoldRequest,
  type SlotSearchRequest,
} from '../protocol/index.ts';
import { AgendaRefusal, type CentralAgenda } from './agenda.ts';
import { answering as answeringRefusal } from './notice-routes.ts';

export interface AgendaRoutesOptions {
  agenda: CentralAgenda;
  /** Hooks that admit only signed terminal requests (empty when signatures are off). */
  terminal: Pick<RouteShorthandOptions, 'preValidation'>;
  /** Whether requests are signed: the holder is then the signing terminal. */
  signed: boolean;
  /** Error response schemas shared with the other routes. */
  errors: Record<number, unknown>;
}

/** The terminal a hold is taken for. Without signatures (local tools, tests) every caller is one. */
const UNSIGNED_TERMINAL = 'unsigned';

// The NRE and the tax code are checked by the domain, so a bad one answers BAD_NRE or
// TAX_CODE_INVALID rather than a bare REQUEST_INVALID.
const loose = { nre: z.string().max(32), taxCode: z.string().max(32) };
const SEARCH_BODY = jsonSchema(SlotSearchRequestSchema.extend(loose));
const HOLD_BODY = jsonSchema(SlotHoldRequestSchema.extend(loose));
const id = (name: string) => ({ type: 'object', properties: { [name]: { type: 'string', minLength: 1, maxLength: 64 } }, required: [name] });

/** An AgendaRefusal as its typed answer; anything else goes to the error handler. */
const answering = <T>(reply: FastifyReply, work: () => Promise<T>) => answeringRefusal(reply, work, AgendaRefusal);

/**
 * What a terminal asks of the agendas while a citizen books: GET /v1/citizens/:taxCode/prescriptions,
 * POST /v1/slots/search, /v1/slots/:slotId/hold and /v1/holds/:holdId/release.
 */
export function registerAgendaRoutes(app: FastifyInstance, o: AgendaRoutesOptions): void {
  const terminalOf = (request: FastifyRequest) => (o.signed ? request.terminalId : UNSIGNED_TERMINAL);

  app.get<{ Params: { taxCode: string } }>(
    '/v1/citizens/:taxCode/prescriptions',
    { ...o.terminal, schema: { params: id('taxCode'), response: { 200: jsonSchema(PrescriptionListResponseSchema), ...o.errors } } },
    (request, reply) => answering(reply, async () => ({ prescriptions: await o.agenda.prescriptions(request.params.taxCode) })),
  );

  app.post<{ Body: SlotSearchRequest }>(
    '/v1/slots/search',
    { ...o.terminal, schema: { body: SEARCH_BODY, response: { 200: jsonSchema(SlotSearchResponseSchema), ...o.errors } } },
    (request, reply) => answering(reply, () => o.agenda.search(request.body.nre, request.body.taxCode, request.body.limit)),
  );

  app.post<{ Params: { slotId: string }; Body: SlotHoldRequest }>(
    '/v1/slots/:slotId/hold',
    { ...o.terminal, schema: { params: id('slotId'), body: HOLD_BODY, response: { 200: jsonSchema(SlotHoldResponseSchema), ...o.errors } } },
    (request, reply) =>
      answering(reply, async () => {
        const held = await o.agenda.hold(request.params.slotId, request.body.nre, request.body.taxCode, terminalOf(request));
        request.log.info({ slotId: held.slotId, holdId: held.holdId, bookingCode: held.booking.code, heldUntil: held.heldUntil }, 'slot held');
        return held;
      }),
  );

  app.post<{ Params: { holdId: string } }>(
    '/v1/holds/:holdId/release',
    { ...o.terminal, schema: { params: id('holdId'), response: { 200: jsonSchema(HoldReleaseResponseSchema), ...o.errors } } },
    async (request) => ({ released: await o.agenda.release(request.params.holdId, terminalOf(request)) }),
  );
}

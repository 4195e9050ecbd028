import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import { CampaignListResponseSchema, InvitationListResponseSchema, InvitationSlotRequestSchema, InvitationSlotSearchResponseSchema, jsonSchema, SlotHoldResponseSchema, type InvitationSlotRequest } from '../protocol/index.ts';
import { adminOnly } from './admin-auth.ts';
import { CampaignRefusal, type CentralCampaigns } from './campaigns.ts';
import { answering as answeringRefusal } from './notice-routes.ts';

export interface CampaignRoutesOptions {
  campaigns: CentralCampaigns;
  /** Hooks that admit only signed terminal requests (empty when signatures are off). */
  terminal: Pick<RouteShorthandOptions, 'preValidation'>;
  /** Whether requests are signed: the holder is then the signing terminal. */
  signed: boolean;
  /** Bearer token of the administrator; without one the admin listing does not exist. */
  adminToken?: string;
  errors: Record<number, unknown>;
}

/** The terminal a hold is taken for without signatures, as for prescriptions. */
const UNSIGNED_TERMINAL = 'unsigned';
// The tax code is checked by the domain, so a bad one answers TAX_CODE_INVALID.
const BODY = jsonSchema(InvitationSlotRequestSchema.extend({ taxCode: z.string().max(32) }));
const params = (...names: string[]) => ({ type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'string', minLength: 1, maxLength: 64 }])), required: names });
const answering = <T>(reply: FastifyReply, work: () => Promise<T>) => answeringRefusal(reply, work, CampaignRefusal);

/**
 * Campaign invitations: GET /v1/citizens/:taxCode/invitations, POST /v1/invitations/:invitationId/slots
 * and /v1/invitations/:invitationId/slots/:slotId/hold for terminals (a hold is released like any
 * other, POST /v1/holds/:holdId/release); GET /v1/admin/campaigns for the administrator.
 */
export function registerCampaignRoutes(app: FastifyInstance, o: CampaignRoutesOptions): void {
  const terminalOf = (request: FastifyRequest) => (o.signed ? request.terminalId : UNSIGNED_TERMINAL);

  app.get<{ Params: { taxCode: string } }>(
    '/v1/citizens/:taxCode/invitations',
    { ...o.terminal, schema: { params: params('taxCode'), response: { 200: jsonSchema(InvitationListResponseSchema), ...o.errors } } },
    (request, reply) => answering(reply, async () => ({ invitations: await o.campaigns.invitations(request.params.taxCode) })),
  );

  app.post<{ Params: { invitationId: string }; Body: InvitationSlotRequest }>(
    '/v1/invitations/:invitationId/slots',
    { ...o.terminal, schema: { params: params('invitationId'), body: BODY, response: { 200: jsonSchema(InvitationSlotSearchResponseSchema), ...o.errors } } },
    (request, reply) => answering(reply, () => o.campaigns.search(request.params.invitationId, request.body.taxCode, request.body.limit)),
  );

  app.post<{ Params: { invitationId: string; slotId: string }; Body: InvitationSlotRequest }>(
    '/v1/invitations/:invitationId/slots/:slotId/hold',
    { ...o.terminal, schema: { params: params('invitationId', 'slotId'), body: BODY, response: { 200: jsonSchema(SlotHoldResponseSchema), ...o.errors } } },
    (request, reply) =>
      answering(reply, async () => {
        const held = await o.campaigns.hold(request.params.invitationId, request.params.slotId, request.body.taxCode, terminalOf(request));
        request.log.info({ invitationId: request.params.invitationId, slotId: held.slotId, holdId: held.holdId, bookingCode: held.booking.code }, 'campaign slot held');
        return held;
      }),
  );

  if (!o.adminToken) return;
  app.get(
    '/v1/admin/campaigns',
    { preValidation: adminOnly(o.adminToken), schema: { response: { 200: jsonSchema(CampaignListResponseSchema), ...o.errors } } },
    async () => ({ campaigns: await o.campaigns.summaries() }),
  );
}

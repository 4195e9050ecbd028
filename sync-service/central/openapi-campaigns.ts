import {
  CampaignBookingPayloadSchema,
  CampaignListResponseSchema,
  InvitationDeclinedPayloadSchema,
  InvitationListResponseSchema,
  InvitationSlotRequestSchema,
  InvitationSlotSearchResponseSchema,
  jsonSchema,
} from '../protocol/index.ts';

import { AUTH, error, ref, signed } from './openapi-agenda.ts';

/** The campaign routes of the OpenAPI document (openapi.ts), and the schemas they name. */

const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const INVITATION_CHECKS = {
  '400': error('TAX_CODE_INVALID or REQUEST_INVALID'),
  '401': AUTH,
  '403': error('INVITATION_NOT_YOURS: sent to another citizen'),
  '404': error('INVITATION_UNKNOWN'),
  '409': error('INVITATION_NOT_OPEN (booked or declined already) or CAMPAIGN_CLOSED'),
};

export const CAMPAIGN_PATHS: Record<string, unknown> = {
  '/v1/citizens/{taxCode}/invitations': {
    get: {
      summary: "A citizen's open campaign invitations (screening, vaccination): not booked nor declined, campaign not over; oldest letter first",
      security: signed,
      parameters: [path('taxCode')],
      responses: { '200': { description: 'open invitations', ...ref('InvitationList') }, '400': error('TAX_CODE_INVALID'), '401': AUTH },
    },
  },
  '/v1/invitations/{invitationId}/slots': {
    post: {
      summary: "Free slots of the campaign's service across providers, from now to the campaign's last day, earliest first",
      security: signed,
      parameters: [path('invitationId')],
      requestBody: { required: true, ...ref('InvitationSlotRequest') },
      responses: { '200': { description: 'the invitation, the last instant a slot may start and the slots', ...ref('InvitationSlotSearchResponse') }, ...INVITATION_CHECKS },
    },
  },
  '/v1/invitations/{invitationId}/slots/{slotId}/hold': {
    post: {
      summary: 'Hold a slot for the invitation as for a prescription (10 minutes, the booking code issued); the campaign-booking sync item confirms it',
      security: signed,
      parameters: [path('invitationId'), path('slotId')],
      requestBody: { required: true, ...ref('InvitationSlotRequest') },
      responses: {
        '200': { description: 'held until heldUntil; booking is what the confirmation books, nothing to pay', ...ref('SlotHoldResponse') },
        ...INVITATION_CHECKS,
        '404': error("INVITATION_UNKNOWN, or SLOT_UNKNOWN (no such slot of the campaign's service)"),
        '409': error('SLOT_TAKEN, SLOT_OUT_OF_DEADLINE (outside the campaign), INVITATION_NOT_OPEN, CAMPAIGN_CLOSED'),
      },
    },
  },
  '/v1/admin/campaigns': {
    get: {
      summary: 'Campaigns with their invitations counted: sent, booked, declined',
      security: [{ adminToken: [] }],
      responses: { '200': { description: 'campaigns by code', ...ref('CampaignList') }, '401': error('ADMIN_AUTH_INVALID'), '404': error('ROUTE_NOT_FOUND: no admin token configured') },
    },
  },
};

export const CAMPAIGN_SCHEMAS: Record<string, unknown> = {
  InvitationList: jsonSchema(InvitationListResponseSchema),
  InvitationSlotRequest: jsonSchema(InvitationSlotRequestSchema),
  InvitationSlotSearchResponse: jsonSchema(InvitationSlotSearchResponseSchema),
  CampaignList: jsonSchema(CampaignListResponseSchema),
  CampaignBookingPayload: {
    ...jsonSchema(CampaignBookingPayloadSchema),
    description: "payload of a sync item of kind 'campaign-booking': confirms a hold for an invitation; conflicts SLOT_TAKEN, INVITATION_NOT_OPEN, HOLD_UNKNOWN, BOOKING_CODE_REUSED, PAYLOAD_INVALID",
  },
  InvitationDeclinedPayload: { ...jsonSchema(InvitationDeclinedPayloadSchema), description: "payload of a sync item of kind 'invitation-declined': the citizen is not asked again; conflict INVITATION_NOT_OPEN when booked already" },
};

import { z } from 'zod';
import { BookingSchema } from './booking.ts';
import { SlotSchema } from './agenda.ts';
import { IsoDateSchema, WireTaxCodeSchema } from './income-band.ts';

/**
 * Campaigns (screening, vaccination) invite citizens to book. A terminal lists the citizen's open
 * invitations when they identify, searches and holds a slot of the campaign's service like a
 * prescription's, and confirms it with a `campaign-booking` item; a citizen who says no sends an
 * `invitation-declined` item, and is not asked again.
 */

/** Typed refusals of the invitation routes; the client rejects with them as they are. */
export const CAMPAIGN_ERROR_CODES = ['INVITATION_UNKNOWN', 'INVITATION_NOT_YOURS', 'INVITATION_NOT_OPEN', 'CAMPAIGN_CLOSED'] as const;
export type CampaignErrorCode = (typeof CAMPAIGN_ERROR_CODES)[number];

/** Sync item kinds of campaigns. */
export const CAMPAIGN_BOOKING_KIND = 'campaign-booking';
export const INVITATION_DECLINED_KIND = 'invitation-declined';

export const CampaignKindSchema = z.enum(['screening', 'vaccination']);
export const InvitationStatusSchema = z.enum(['invited', 'booked', 'declined']);

/** An invitation with what the citizen is told of its campaign. */
export const InvitationViewSchema = z.object({
  invitationId: z.string().min(1).max(64),
  campaignCode: z.string().min(1).max(32),
  campaignName: z.string(),
  kind: CampaignKindSchema,
  service: z.object({ code: z.string().min(1), description: z.string() }),
  /** Europe/Rome dates a slot may be booked in. */
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema,
  invitedOn: IsoDateSchema,
  status: InvitationStatusSchema,
  bookingCode: z.string().nullable(),
});
export type InvitationView = z.infer<typeof InvitationViewSchema>;

/** GET /v1/citizens/:taxCode/invitations: the invitations still open (invited, campaign in force), oldest letter first. */
export const InvitationListResponseSchema = z.object({ invitations: z.array(InvitationViewSchema) });
export type InvitationListResponse = z.infer<typeof InvitationListResponseSchema>;

/** POST /v1/invitations/:invitationId/slots and .../slots/:slotId/hold. */
export const InvitationSlotRequestSchema = z.object({
  taxCode: WireTaxCodeSchema,
  /** At most this many slots (default 8); ignored by the hold. */
  limit: z.number().int().min(1).max(50).optional(),
});
export type InvitationSlotRequest = z.infer<typeof InvitationSlotRequestSchema>;

/** Free slots of the campaign's service from now to the campaign's last day, earliest first. */
export const InvitationSlotSearchResponseSchema = z.object({
  invitation: InvitationViewSchema,
  /** The last instant a slot may start (ISO 8601, UTC). */
  deadline: z.string(),
  slots: z.array(SlotSchema),
});
export type InvitationSlotSearchResponse = z.infer<typeof InvitationSlotSearchResponseSchema>;

/** The body of a `campaign-booking` sync item: the terminal confirmed a slot held for an invitation. */
export const CampaignBookingPayloadSchema = z.object({
  terminalId: z.string().min(1).max(64),
  holdId: z.string().min(1).max(64),
  slotId: z.string().min(1).max(64),
  invitationId: z.string().min(1).max(64),
  /** The booking as the hold answered it, status `booked`, nothing to pay. */
  booking: BookingSchema,
  bookedAt: z.iso.datetime({ offset: true }),
});
export type CampaignBookingPayload = z.infer<typeof CampaignBookingPayloadSchema>;

/** The body of an `invitation-declined` sync item: the citizen said they are not interested. */
export const InvitationDeclinedPayloadSchema = z.object({
  terminalId: z.string().min(1).max(64),
  invitationId: z.string().min(1).max(64),
  taxCode: WireTaxCodeSchema,
  declinedAt: z.iso.datetime({ offset: true }),
});
export type InvitationDeclinedPayload = z.infer<typeof InvitationDeclinedPayloadSchema>;

/** A campaign with its invitations counted, for GET /v1/admin/campaigns. */
export const CampaignSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: CampaignKindSchema,
  service: z.object({ code: z.string(), description: z.string() }),
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema,
  invited: z.number().int().min(0),
  booked: z.number().int().min(0),
  declined: z.number().int().min(0),
});
export type CampaignSummary = z.infer<typeof CampaignSummarySchema>;

export const CampaignListResponseSchema = z.object({ campaigns: z.array(CampaignSummarySchema) });
export type CampaignListResponse = z.infer<typeof CampaignListResponseSchema>;

import { z } from 'zod';
import { BookingCodeSchema, BookingSchema } from './booking.ts';
import { IsoDateSchema, WireTaxCodeSchema } from './income-band.ts';

/**
 * Booking at a terminal: the citizen's open prescriptions, free slots across providers inside
 * the priority deadline, a hold on one slot while the citizen confirms and pays, then the
 * booking itself as an outbox item (`booking`) that confirms the hold at ingest. A citizen with
 * no slot in time leaves a phone number on the waiting list (`waiting-list` item).
 */

/** Typed refusals of the agenda routes (HTTP 404 / 409 / 403); the client rejects with them as they are. */
export const AGENDA_ERROR_CODES = [
  'BAD_NRE',
  'PRESCRIPTION_UNKNOWN',
  'PRESCRIPTION_NOT_OPEN',
  'PRESCRIPTION_NOT_YOURS',
  'SLOT_UNKNOWN',
  'SLOT_TAKEN',
  'SLOT_OUT_OF_DEADLINE',
  'HOLD_UNKNOWN',
] as const;
export type AgendaErrorCode = (typeof AGENDA_ERROR_CODES)[number];

export const PrioritySchema = z.enum(['U', 'B', 'D', 'P']);

/** An NRE on the wire: 15 characters, upper case (region checked by the domain's `parseNre`). */
export const NreSchema = z.string().regex(/^\d{3}[A-Z0-9]{12}$/);

const BookedServiceSchema = z.object({ code: z.string().min(1), description: z.string(), tariffCents: z.number().int().min(0) });

/**
 * An electronic prescription as the central knows it (in a region, from the national SAR).
 * Its services are booked together, in one appointment of the first service's agenda.
 */
export const PrescriptionViewSchema = z.object({
  nre: NreSchema,
  taxCode: z.string(),
  priority: PrioritySchema,
  /** Europe/Rome date of issue; the priority deadline counts from the booking request. */
  issuedOn: IsoDateSchema,
  /** Who prescribed it, as printed on the memo. */
  prescriber: z.string(),
  services: z.array(BookedServiceSchema).min(1).max(8),
  exemptions: z.array(z.string()),
  /** `open`: bookable; `booked`: a booking holds it (`bookingCode`). */
  status: z.enum(['open', 'booked']),
  bookingCode: BookingCodeSchema.nullable(),
});
export type PrescriptionView = z.infer<typeof PrescriptionViewSchema>;

/** GET /v1/citizens/:taxCode/prescriptions: the citizen's open prescriptions, newest first. */
export const PrescriptionListResponseSchema = z.object({ prescriptions: z.array(PrescriptionViewSchema) });
export type PrescriptionListResponse = z.infer<typeof PrescriptionListResponseSchema>;

/** One free slot of an agenda: where, when, for which service. */
export const SlotSchema = z.object({
  /** Stable id of the slot in the central's agendas. */
  slotId: z.string().min(1).max(64),
  provider: z.object({ id: z.string().min(1), name: z.string(), fiscalCode: z.string().regex(/^\d{11}$/) }),
  place: z.object({ name: z.string(), address: z.string() }),
  serviceCode: z.string().min(1),
  /** Local start, `YYYY-MM-DDTHH:mm` Europe/Rome. */
  startsAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
  durationMinutes: z.number().int().min(1).max(480),
  intramoenia: z.boolean(),
});
export type Slot = z.infer<typeof SlotSchema>;

/** POST /v1/slots/search: free slots for an open prescription of the caller's citizen. */
export const SlotSearchRequestSchema = z.object({
  nre: NreSchema,
  taxCode: WireTaxCodeSchema,
  /** At most this many slots (default 8). */
  limit: z.number().int().min(1).max(50).optional(),
});
export type SlotSearchRequest = z.infer<typeof SlotSearchRequestSchema>;

/**
 * Free slots of the prescription's first service, earliest first (ties: provider id), none
 * starting before now or after the priority deadline. Empty: nothing in time, offer the waiting list.
 */
export const SlotSearchResponseSchema = z.object({
  prescription: PrescriptionViewSchema,
  /** The last instant a slot may start (ISO 8601, UTC). */
  deadline: z.string(),
  slots: z.array(SlotSchema),
});
export type SlotSearchResponse = z.infer<typeof SlotSearchResponseSchema>;

/** POST /v1/slots/:slotId/hold. */
export const SlotHoldRequestSchema = z.object({ nre: NreSchema, taxCode: WireTaxCodeSchema });
export type SlotHoldRequest = z.infer<typeof SlotHoldRequestSchema>;

/**
 * A slot held for this terminal until `heldUntil` (default 10 minutes), with the booking code the
 * central issued for it and the booking as it will be once confirmed (status `booked`). Holding
 * again a slot this terminal already holds for the same prescription extends the hold.
 */
export const SlotHoldResponseSchema = z.object({
  holdId: z.string().min(1).max(64),
  slotId: z.string(),
  /** ISO 8601 instant, UTC: the terminal counts down to it and keeps it with the hold. */
  heldUntil: z.iso.datetime({ offset: true }),
  booking: BookingSchema,
});
export type SlotHoldResponse = z.infer<typeof SlotHoldResponseSchema>;

/** POST /v1/holds/:holdId/release: `released` false when it had expired or was not this terminal's. */
export const HoldReleaseResponseSchema = z.object({ released: z.boolean() });
export type HoldReleaseResponse = z.infer<typeof HoldReleaseResponseSchema>;

/**
 * The body of a `booking` sync item: the terminal confirmed a held slot. Ingest books the slot
 * when the hold is still this one's or no one else took the slot since it lapsed; otherwise it
 * answers conflict SLOT_TAKEN (or PRESCRIPTION_ALREADY_BOOKED, HOLD_UNKNOWN).
 */
export const BookingPayloadSchema = z.object({
  terminalId: z.string().min(1).max(64),
  holdId: z.string().min(1).max(64),
  slotId: z.string().min(1).max(64),
  nre: NreSchema,
  /** The booking as the hold answered it, status `booked`. */
  booking: BookingSchema,
  /** Whether the citizen pays now or at the appointment (a payment item follows for `now`). */
  payAt: z.enum(['now', 'appointment']),
  /** ISO 8601 instant of the confirmation, terminal clock. */
  bookedAt: z.iso.datetime({ offset: true }),
  /** Booked offline from the terminal's agenda snapshot, with no hold: the central books the slot if it is still free, or answers SLOT_TAKEN. */
  provisional: z.boolean().optional(),
});
export type BookingPayload = z.infer<typeof BookingPayloadSchema>;

/** A phone number to call back: + and 8 to 15 digits (E.164), spaces removed by the terminal. */
export const PhoneSchema = z.string().regex(/^\+\d{8,15}$/);

/**
 * The body of a `waiting-list` sync item: no slot inside the deadline; the call centre calls the
 * citizen back. One request per prescription stands; a later one replaces its phone number.
 */
export const WaitingListPayloadSchema = z.object({
  requestId: z.string().min(1).max(128),
  terminalId: z.string().min(1).max(64),
  taxCode: WireTaxCodeSchema,
  nre: NreSchema,
  serviceCode: z.string().min(1),
  priority: PrioritySchema,
  phone: PhoneSchema,
  /** The priority deadline the citizen could not be booked within (ISO 8601). */
  deadline: z.string(),
  requestedAt: z.iso.datetime({ offset: true }),
});
export type WaitingListPayload = z.infer<typeof WaitingListPayloadSchema>;

/** A waiting-list request as the call centre lists it (GET /v1/admin/waiting-list). */
export const WaitingListEntrySchema = WaitingListPayloadSchema.extend({
  /** `waiting` until a booking of the prescription arrives, then `booked`. */
  status: z.enum(['waiting', 'booked']),
  receivedAt: z.string(),
});
export type WaitingListEntry = z.infer<typeof WaitingListEntrySchema>;

export const WaitingListResponseSchema = z.object({ requests: z.array(WaitingListEntrySchema) });
export type WaitingListResponse = z.infer<typeof WaitingListResponseSchema>;

import { z } from 'zod';
import { normalizeBookingCode } from '../domain/index.ts';
import type { Booking } from '../domain/types.ts';

const cents = z.number().int().min(0);

/** A booking code on the wire: exactly 12 digits, no grouping spaces. */
export const BookingCodeSchema = z.string().regex(/^\d{12}$/);

/**
 * Accepts a typed or scanned booking code (`1000 0000 0190`, `1000-0000-0190`) and returns its
 * 12 digits, or undefined when it is malformed or its MOD 97-10 check digits are wrong.
 */
export function parseBookingCode(input: string): string | undefined {
  try {
    return normalizeBookingCode(input);
  } catch {
    return undefined;
  }
}

export const BookingSchema = z.object({
  code: BookingCodeSchema,
  taxCode: z.string().min(11).max(16),
  provider: z.object({ id: z.string().min(1), name: z.string(), fiscalCode: z.string().regex(/^\d{11}$/) }),
  place: z.object({ name: z.string(), address: z.string() }),
  startsAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
  prescriptions: z.array(
    z.object({
      nre: z.string().optional(),
      services: z.array(z.object({ code: z.string().min(1), description: z.string(), tariffCents: cents })),
    }),
  ),
  exemptions: z.array(z.string()),
  status: z.enum(['booked', 'paid', 'cancelled']),
  intramoenia: z.boolean(),
}) satisfies z.ZodType<Booking>;

/** GET /v1/bookings/:code answers the booking as the central holds it. */
export const BookingLookupResponseSchema = BookingSchema;
export type BookingLookupResponse = z.infer<typeof BookingLookupResponseSchema>;

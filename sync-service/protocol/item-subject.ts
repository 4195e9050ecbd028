/**
 * Whom and which booking a sync item is about, read from its payload whatever its kind: the
 * payer's or the booked citizen's codice fiscale, and the booking code (a payment's, or the
 * booking's own). Null where the kind carries none. The terminal tells the citizen of a conflict
 * by it, and the central's desk sees it beside the conflict.
 */
export function itemSubject(payload: Record<string, unknown>): { taxCode: string | null; bookingCode: string | null } {
  const booking = (typeof payload.booking === 'object' && payload.booking !== null ? payload.booking : {}) as Record<string, unknown>;
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return { taxCode: text(payload.taxCode) ?? text(booking.taxCode), bookingCode: text(payload.bookingCode) ?? text(booking.code) };
}

import type { SessionContext } from '../../machines/session-machine.ts';

/**
 * The session as the slot list (`screen-slots`) reads it, for moving a booking: the slots found
 * for the move shown as a search for the booking's own services, and the slot being held as the
 * one picked. The list is the booking's, so no prescription number is shown.
 */
export function moveSlotsContext(c: SessionContext): SessionContext {
  const found = c.moveSearch;
  if (!found) return { ...c, slotSearch: null };
  const services = found.booking.services.map((s) => ({ code: s.code, description: s.description }));
  return { ...c, slotSearch: { prescription: { nre: '', priority: 'B', issuedOn: '', prescriber: '', services }, deadline: found.deadline, slots: found.slots }, slot: c.moveSlot };
}

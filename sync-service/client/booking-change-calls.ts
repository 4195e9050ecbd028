import {
  BOOKING_CHANGE_ERROR_CODES,
  CitizenBookingsResponseSchema,
  MoveSearchResponseSchema,
  RefundListResponseSchema,
  SlotHoldResponseSchema,
  type MoveSearchResponse,
  type RefundRequest,
  type SlotHoldResponse,
} from '../protocol/index.ts';
import type { Booking } from '../domain/types.ts';
import { adminRequest, readAdminAnswer, type AdminCallOptions } from './admin-call.ts';
import { read, refusal, type CentralCall } from './notice-calls.ts';

/** The central's refusals of a booking change a terminal shows as they are. */
const TYPED: ReadonlySet<string> = new Set([...BOOKING_CHANGE_ERROR_CODES, 'TAX_CODE_INVALID']);

/** The citizen's bookings not cancelled and not started, soonest first. */
export async function citizenBookings(call: CentralCall, taxCode: string): Promise<Booking[]> {
  const answer = await call('GET', `/v1/citizens/${encodeURIComponent(taxCode.trim())}/bookings`);
  if (answer.status !== 200) throw refusal(answer, `bookings of ${taxCode}`, { taxCode }, TYPED);
  return read(CitizenBookingsResponseSchema, answer, 'citizen bookings').bookings;
}

export async function moveSlots(call: CentralCall, bookingCode: string, taxCode: string, limit?: number): Promise<MoveSearchResponse> {
  const answer = await call('POST', `/v1/bookings/${encodeURIComponent(bookingCode)}/move/slots`, { taxCode, ...(limit === undefined ? {} : { limit }) });
  if (answer.status !== 200) throw refusal(answer, `slots to move ${bookingCode}`, { bookingCode }, TYPED);
  return read(MoveSearchResponseSchema, answer, 'move slot search');
}

export async function holdForMove(call: CentralCall, bookingCode: string, slotId: string, taxCode: string): Promise<SlotHoldResponse> {
  const answer = await call('POST', `/v1/bookings/${encodeURIComponent(bookingCode)}/move/hold`, { slotId, taxCode });
  if (answer.status !== 200) throw refusal(answer, `hold of slot ${slotId} to move ${bookingCode}`, { bookingCode, slotId }, TYPED);
  return read(SlotHoldResponseSchema, answer, 'move hold');
}

/**
 * The refund requests of paid bookings cancelled in time, oldest first (`cupk central refunds`).
 * Rejects CentralError ADMIN_AUTH_INVALID, ADMIN_DISABLED, CENTRAL_UNREACHABLE or CENTRAL_RESPONSE_INVALID.
 */
export async function refundRequests(o: AdminCallOptions): Promise<RefundRequest[]> {
  const answer = await adminRequest(o, 'GET', '/v1/admin/refunds');
  return readAdminAnswer(RefundListResponseSchema, answer, 'the refund requests').refunds;
}

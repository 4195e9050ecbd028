import type { SlotHoldResponse, SyncItem } from '../protocol/index.ts';
import { ROSSI } from './agenda-fixtures.ts';

/** The sync items of a cancellation and a move, for the booking-change tests of both stores. */

export function cancelItem(terminalId: string, key: string, seq: number, bookingCode: string, cancelledAt: string, taxCode = ROSSI): SyncItem {
  return { key, seq, kind: 'booking-cancel', createdAt: cancelledAt, payload: { terminalId, bookingCode, taxCode, refundId: `rf-${key}`, cancelledAt } };
}

export function moveItem(terminalId: string, key: string, seq: number, held: SlotHoldResponse, movedAt: string, holdId = held.holdId): SyncItem {
  return { key, seq, kind: 'booking-move', createdAt: movedAt, payload: { terminalId, bookingCode: held.booking.code, holdId, slotId: held.slotId, booking: held.booking, movedAt } };
}

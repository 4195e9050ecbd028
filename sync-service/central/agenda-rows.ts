import type { AgendaSlot, PrescriptionRecord } from '../domain/agenda.ts';
import { romeWallTimeToInstant } from '../domain/rome-time.ts';
import type { WaitingListEntry } from '../protocol/index.ts';
import type { PrescriptionState, SlotState } from './agenda-store.ts';

/** The agenda tables as both stores hold them: rows, their conversions, and the statements' shared SQL. */

export interface SlotRow {
  slot_id: string;
  /** The slot as JSON: TEXT on SQLite, JSONB (already parsed) on PostgreSQL. */
  data: string | AgendaSlot;
  hold_id: string | null;
  held_by: string | null;
  held_nre: string | null;
  held_until: string | null;
  hold_code: string | null;
  booking_code: string | null;
}

export interface PrescriptionRow {
  data: string | PrescriptionRecord;
  booking_code: string | null;
}

export interface WaitingListDbRow {
  nre: string;
  request_id: string;
  terminal_id: string;
  tax_code: string;
  service_code: string;
  priority: WaitingListEntry['priority'];
  phone: string;
  deadline: string;
  requested_at: string;
  received_at: string;
  status: WaitingListEntry['status'];
}

const parsed = <T>(data: string | T): T => (typeof data === 'string' ? (JSON.parse(data) as T) : data);

export function toSlotState(r: SlotRow): SlotState {
  const hold = r.hold_id !== null && r.held_by !== null && r.held_nre !== null && r.held_until !== null && r.hold_code !== null
    ? { holdId: r.hold_id, terminalId: r.held_by, nre: r.held_nre, heldUntil: r.held_until, bookingCode: r.hold_code }
    : null;
  return { slot: parsed(r.data), hold, bookingCode: r.booking_code };
}

export const toSlot = (r: Pick<SlotRow, 'data'>): AgendaSlot => parsed(r.data);

export function toPrescriptionState(r: PrescriptionRow): PrescriptionState {
  return { ...parsed(r.data), status: r.booking_code === null ? 'open' : 'booked', bookingCode: r.booking_code };
}

export function toWaitingListEntry(r: WaitingListDbRow): WaitingListEntry {
  return {
    requestId: r.request_id,
    terminalId: r.terminal_id,
    taxCode: r.tax_code,
    nre: r.nre,
    serviceCode: r.service_code,
    priority: r.priority,
    phone: r.phone,
    deadline: r.deadline,
    requestedAt: r.requested_at,
    status: r.status,
    receivedAt: r.received_at,
  };
}

/** The UTC start a slot is searched by: ISO text sorts in time order. */
export const startsUtc = (s: AgendaSlot): string => romeWallTimeToInstant(s.startsAt).toISOString();

/** A slot's columns for an insert, in SLOT_COLUMNS order (data last, as JSON text). */
export const SLOT_COLUMNS = 'slot_id, service_code, starts_utc, provider_id, data';
export const slotValues = (s: AgendaSlot) => [s.slotId, s.serviceCode, startsUtc(s), s.provider.id, JSON.stringify(s)];

export const PRESCRIPTION_COLUMNS = 'nre, tax_code, issued_on, data';
export const prescriptionValues = (p: PrescriptionRecord) => [p.nre, p.taxCode, p.issuedOn, JSON.stringify(p)];

export const WAITING_LIST_COLUMNS = 'nre, request_id, terminal_id, tax_code, service_code, priority, phone, deadline, requested_at, received_at, status, transaction_key';
export const waitingListValues = (e: WaitingListEntry, transactionKey: string) => [
  e.nre, e.requestId, e.terminalId, e.taxCode, e.serviceCode, e.priority, e.phone, e.deadline, e.requestedAt, e.receivedAt, e.status, transactionKey,
];
/** A later request of the same prescription replaces the earlier one, whole. */
export const WAITING_LIST_REPLACE = `ON CONFLICT (nre) DO UPDATE SET ${WAITING_LIST_COLUMNS.split(', ')
  .filter((c) => c !== 'nre')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;

/** A slot is free when unbooked and unheld, or its hold lapsed before the time given. */
export const FREE_WHERE = 'booking_code IS NULL AND (hold_id IS NULL OR held_until < ?)';

/**
 * The one conditional UPDATE that takes or extends a hold, with `?` placeholders in this order:
 * terminal, nre, new hold id, terminal, nre, new code, terminal, nre, until, slot id, now,
 * terminal, nre. The holder's own hold (same terminal, same prescription) keeps its id and code.
 */
export const HOLD_UPDATE = `UPDATE slots SET
    hold_id = CASE WHEN held_by = ? AND held_nre = ? AND hold_id IS NOT NULL THEN hold_id ELSE ? END,
    hold_code = CASE WHEN held_by = ? AND held_nre = ? AND hold_id IS NOT NULL THEN hold_code ELSE ? END,
    held_by = ?, held_nre = ?, held_until = ?
  WHERE slot_id = ? AND booking_code IS NULL AND (hold_id IS NULL OR held_until < ? OR (held_by = ? AND held_nre = ?))
  RETURNING hold_id, held_by, held_nre, held_until, hold_code`;

export const holdParams = (r: { slotId: string; nre: string; terminalId: string; holdId: string; now: string; until: string }, code: string) => [
  r.terminalId, r.nre, r.holdId, r.terminalId, r.nre, code, r.terminalId, r.nre, r.until, r.slotId, r.now, r.terminalId, r.nre,
];

/** Held by that terminal, unexpired, unbooked: what a release may end. */
export const RELEASE_UPDATE = 'UPDATE slots SET hold_id = NULL, held_by = NULL, held_nre = NULL, held_until = NULL, hold_code = NULL WHERE hold_id = ? AND held_by = ? AND held_until >= ? AND booking_code IS NULL';

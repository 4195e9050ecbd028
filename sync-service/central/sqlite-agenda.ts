import { issuedBookingCode, type AgendaSlot, type PrescriptionRecord } from '../domain/agenda.ts';
import type { Booking } from '../domain/types.ts';
import type { Database, Queryable, SqlValue } from '../outbox/sqlite.ts';
import type { WaitingListEntry } from '../protocol/index.ts';
import {
  FREE_WHERE,
  HOLD_UPDATE,
  holdParams,
  PRESCRIPTION_COLUMNS,
  prescriptionValues,
  RELEASE_UPDATE,
  SLOT_COLUMNS,
  slotValues,
  toPrescriptionState,
  toSlot,
  toSlotState,
  toWaitingListEntry,
  WAITING_LIST_COLUMNS,
  WAITING_LIST_REPLACE,
  waitingListValues,
  type PrescriptionRow,
  type SlotRow,
  type WaitingListDbRow,
} from './agenda-rows.ts';
import type { FreeSlotQuery, HoldOutcome, HoldRequest, PrescriptionState, SlotState, WaitingListRow } from './agenda-store.ts';
import { chunks, marks, valueRows } from './sqlite-sql.ts';

/**
 * The agenda tables' statements on SQLite (see agenda-store.ts for what each promises). One
 * connection and IMMEDIATE transactions: a check and the write after it are never split.
 */

async function insertMissing<T>(db: Database, table: string, columns: string, width: number, rows: readonly T[], values: (row: T) => SqlValue[]): Promise<number> {
  return db.transaction(async (tx) => {
    let added = 0;
    for (const chunk of chunks(rows)) {
      added += (await tx.run(`INSERT INTO ${table} (${columns}) VALUES ${valueRows(chunk.length, width)} ON CONFLICT DO NOTHING`, chunk.flatMap(values))).changes;
    }
    return added;
  });
}

export const addPrescriptions = (db: Database, prescriptions: readonly PrescriptionRecord[]): Promise<number> => insertMissing(db, 'prescriptions', PRESCRIPTION_COLUMNS, 4, prescriptions, prescriptionValues);

export const addSlots = (db: Database, slots: readonly AgendaSlot[]): Promise<number> => insertMissing(db, 'slots', SLOT_COLUMNS, 5, slots, slotValues);

export async function prescriptionsOf(q: Queryable, taxCode: string): Promise<PrescriptionState[]> {
  return (await q.all<PrescriptionRow>('SELECT data, booking_code FROM prescriptions WHERE tax_code = ? ORDER BY issued_on DESC, nre', [taxCode])).map(toPrescriptionState);
}

export async function getPrescription(q: Queryable, nre: string): Promise<PrescriptionState | undefined> {
  const row = await q.get<PrescriptionRow>('SELECT data, booking_code FROM prescriptions WHERE nre = ?', [nre]);
  return row && toPrescriptionState(row);
}

export async function getSlot(q: Queryable, slotId: string): Promise<SlotState | undefined> {
  const row = await q.get<SlotRow>('SELECT * FROM slots WHERE slot_id = ?', [slotId]);
  return row && toSlotState(row);
}

export async function freeSlots(q: Queryable, f: FreeSlotQuery): Promise<AgendaSlot[]> {
  const rows = await q.all<Pick<SlotRow, 'data'>>(
    `SELECT data FROM slots WHERE service_code = ? AND starts_utc >= ? AND starts_utc <= ? AND ${FREE_WHERE} ORDER BY starts_utc, provider_id LIMIT ?`,
    [f.serviceCode, f.from, f.to, f.now, f.limit],
  );
  return rows.map(toSlot);
}

export function holdSlot(db: Database, r: HoldRequest): Promise<HoldOutcome> {
  return db.transaction(async (tx): Promise<HoldOutcome> => {
    // The number moves with the hold: a hold refused rolls it back with everything else.
    const n = await tx.get<{ last: number }>('UPDATE booking_numbers SET last = last + 1 WHERE id = 1 RETURNING last');
    const held = await tx.get<Pick<SlotRow, 'hold_id' | 'held_by' | 'held_nre' | 'held_until' | 'hold_code'>>(HOLD_UPDATE, holdParams(r, issuedBookingCode(n!.last)));
    if (held) return { held: true, hold: { holdId: held.hold_id!, terminalId: held.held_by!, nre: held.held_nre!, heldUntil: held.held_until!, bookingCode: held.hold_code! } };
    const exists = await tx.get('SELECT 1 AS x FROM slots WHERE slot_id = ?', [r.slotId]);
    throw new HoldRefused(exists ? 'SLOT_TAKEN' : 'SLOT_UNKNOWN');
  }).catch((e: unknown): HoldOutcome => {
    if (e instanceof HoldRefused) return { held: false, reason: e.reason };
    throw e;
  });
}

/** Rolls a refused hold's transaction back (and its booking number with it). */
class HoldRefused extends Error {
  constructor(readonly reason: 'SLOT_UNKNOWN' | 'SLOT_TAKEN') {
    super(reason);
  }
}

export async function releaseHold(q: Queryable, holdId: string, terminalId: string, now: string): Promise<boolean> {
  return (await q.run(RELEASE_UPDATE, [holdId, terminalId, now])).changes === 1;
}

export async function waitingList(q: Queryable, status?: WaitingListEntry['status']): Promise<WaitingListEntry[]> {
  const rows = await q.all<WaitingListDbRow>(`SELECT * FROM waiting_list ${status ? 'WHERE status = ?' : ''} ORDER BY requested_at, nre`, status ? [status] : []);
  return rows.map(toWaitingListEntry);
}

// Inside ingest's transaction.

export async function slotStates(q: Queryable, slotIds: readonly string[]): Promise<Map<string, SlotState>> {
  const found = new Map<string, SlotState>();
  for (const chunk of chunks(slotIds)) {
    for (const row of await q.all<SlotRow>(`SELECT * FROM slots WHERE slot_id IN (${marks(chunk)})`, chunk)) found.set(row.slot_id, toSlotState(row));
  }
  return found;
}

export async function prescriptionStates(q: Queryable, nres: readonly string[]): Promise<Map<string, PrescriptionState>> {
  const found = new Map<string, PrescriptionState>();
  for (const chunk of chunks(nres)) {
    for (const row of await q.all<PrescriptionRow>(`SELECT data, booking_code FROM prescriptions WHERE nre IN (${marks(chunk)})`, chunk)) {
      const p = toPrescriptionState(row);
      found.set(p.nre, p);
    }
  }
  return found;
}

export async function insertBookings(q: Queryable, bookings: readonly Booking[], at: string): Promise<void> {
  for (const chunk of chunks(bookings)) {
    await q.run(`INSERT INTO bookings (code, tax_code, status, data, updated_at) VALUES ${valueRows(chunk.length, 5)}`, chunk.flatMap((b) => [b.code, b.taxCode, b.status, JSON.stringify(b), at]));
  }
}

export async function bookSlots(q: Queryable, changes: readonly { slotId: string; nre: string; bookingCode: string; at: string }[]): Promise<void> {
  for (const chunk of chunks(changes)) {
    const values = chunk.flatMap((c) => [c.slotId, c.nre, c.bookingCode, c.at]);
    await q.run(`UPDATE slots SET booking_code = v.column3 FROM (VALUES ${valueRows(chunk.length, 4)}) AS v WHERE slots.slot_id = v.column1`, values);
    await q.run(`UPDATE prescriptions SET booking_code = v.column3, booked_at = v.column4 FROM (VALUES ${valueRows(chunk.length, 4)}) AS v WHERE prescriptions.nre = v.column2`, values);
  }
}

export async function putWaitingList(q: Queryable, rows: readonly WaitingListRow[], bookedNres: readonly string[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    await q.run(`INSERT INTO waiting_list (${WAITING_LIST_COLUMNS}) VALUES ${valueRows(chunk.length, 12)} ${WAITING_LIST_REPLACE}`, chunk.flatMap((r) => waitingListValues(r.entry, r.transactionKey)));
  }
  for (const chunk of chunks(bookedNres)) await q.run(`UPDATE waiting_list SET status = 'booked' WHERE nre IN (${marks(chunk)})`, chunk);
}

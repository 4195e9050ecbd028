import type pg from 'pg';
import { issuedBookingCode, type AgendaSlot, type PrescriptionRecord } from '../domain/agenda.ts';
import type { Booking } from '../domain/types.ts';
import type { WaitingListEntry } from '../protocol/index.ts';
import {
  FREE_WHERE,
  HOLD_UPDATE,
  holdParams,
  RELEASE_UPDATE,
  startsUtc,
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
import { WriteRaceError } from './pg-race.ts';
import { keyLookupSql } from './pg-lookup.ts';

/**
 * The agenda tables' statements on PostgreSQL. Several centrals may share the database: a hold
 * is one conditional UPDATE, so a second holder waits on the row lock and then re-checks the
 * condition against the winner's hold (READ COMMITTED re-evaluates it), and finds it taken.
 */

type Pg = Pick<pg.PoolClient, 'query'>;

/** `?` placeholders, numbered for PostgreSQL. */
export const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** Rows per insert when seeding: bounded statement size for a region's agendas. */
const ROWS_PER_INSERT = 5_000;

async function insertInSlices<T>(rows: readonly T[], insert: (slice: readonly T[]) => Promise<pg.QueryResult>): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) added += (await insert(rows.slice(i, i + ROWS_PER_INSERT))).rowCount ?? 0;
  return added;
}

export function addPrescriptions(q: Pg, prescriptions: readonly PrescriptionRecord[]): Promise<number> {
  return insertInSlices(prescriptions, (p) =>
    q.query(
      `INSERT INTO prescriptions (nre, tax_code, issued_on, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) ON CONFLICT DO NOTHING`,
      [p.map((x) => x.nre), p.map((x) => x.taxCode), p.map((x) => x.issuedOn), p.map((x) => JSON.stringify(x))],
    ),
  );
}

export function addSlots(q: Pg, slots: readonly AgendaSlot[]): Promise<number> {
  return insertInSlices(slots, (s) =>
    q.query(
      `INSERT INTO slots (slot_id, service_code, starts_utc, provider_id, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[]) ON CONFLICT DO NOTHING`,
      [s.map((x) => x.slotId), s.map((x) => x.serviceCode), s.map(startsUtc), s.map((x) => x.provider.id), s.map((x) => JSON.stringify(x))],
    ),
  );
}

export async function prescriptionsOf(q: Pg, taxCode: string): Promise<PrescriptionState[]> {
  const { rows } = await q.query<PrescriptionRow>('SELECT data, booking_code FROM prescriptions WHERE tax_code = $1 ORDER BY issued_on DESC, nre', [taxCode]);
  return rows.map(toPrescriptionState);
}

export async function getPrescription(q: Pg, nre: string): Promise<PrescriptionState | undefined> {
  const { rows } = await q.query<PrescriptionRow>('SELECT data, booking_code FROM prescriptions WHERE nre = $1', [nre]);
  return rows[0] && toPrescriptionState(rows[0]);
}

export async function getSlot(q: Pg, slotId: string): Promise<SlotState | undefined> {
  const { rows } = await q.query<SlotRow>('SELECT * FROM slots WHERE slot_id = $1', [slotId]);
  return rows[0] && toSlotState(rows[0]);
}

export async function freeSlots(q: Pg, f: FreeSlotQuery): Promise<AgendaSlot[]> {
  const { rows } = await q.query<Pick<SlotRow, 'data'>>(
    numbered(`SELECT data FROM slots WHERE service_code = ? AND starts_utc >= ? AND starts_utc <= ? AND ${FREE_WHERE} ORDER BY starts_utc, provider_id LIMIT ?`),
    [f.serviceCode, f.from, f.to, f.now, f.limit],
  );
  return rows.map(toSlot);
}

export async function holdSlot(q: Pg, r: HoldRequest): Promise<HoldOutcome> {
  // nextval is never rolled back: a number taken by a refused hold is simply never used.
  const { rows: n } = await q.query<{ n: string }>("SELECT nextval('booking_number') AS n");
  const { rows } = await q.query<Pick<SlotRow, 'hold_id' | 'held_by' | 'held_nre' | 'held_until' | 'hold_code'>>(numbered(HOLD_UPDATE), holdParams(r, issuedBookingCode(Number(n[0]!.n))));
  const held = rows[0];
  if (held) return { held: true, hold: { holdId: held.hold_id!, terminalId: held.held_by!, nre: held.held_nre!, heldUntil: held.held_until!, bookingCode: held.hold_code! } };
  const exists = await q.query('SELECT 1 FROM slots WHERE slot_id = $1', [r.slotId]);
  return { held: false, reason: exists.rowCount ? 'SLOT_TAKEN' : 'SLOT_UNKNOWN' };
}

export async function releaseHold(q: Pg, holdId: string, terminalId: string, now: string): Promise<boolean> {
  return (await q.query(numbered(RELEASE_UPDATE), [holdId, terminalId, now])).rowCount === 1;
}

export async function waitingList(q: Pg, status?: WaitingListEntry['status']): Promise<WaitingListEntry[]> {
  const { rows } = await q.query<WaitingListDbRow>(`SELECT * FROM waiting_list ${status ? 'WHERE status = $1' : ''} ORDER BY requested_at, nre`, status ? [status] : []);
  return rows.map(toWaitingListEntry);
}

// Inside ingest's transaction: locked until commit, in key order, after the bookings.

const SLOTS_FOR_UPDATE = keyLookupSql({ columns: '*', table: 'slots', key: 'slot_id', keyType: 'text', forUpdate: true });
const PRESCRIPTIONS_FOR_UPDATE = keyLookupSql({ columns: 'data, booking_code', table: 'prescriptions', key: 'nre', keyType: 'text', forUpdate: true });

export async function slotStates(q: Pg, slotIds: readonly string[]): Promise<Map<string, SlotState>> {
  if (slotIds.length === 0) return new Map();
  const { rows } = await q.query<SlotRow>(SLOTS_FOR_UPDATE, [slotIds]);
  return new Map(rows.map((r) => [r.slot_id, toSlotState(r)]));
}

export async function prescriptionStates(q: Pg, nres: readonly string[]): Promise<Map<string, PrescriptionState>> {
  if (nres.length === 0) return new Map();
  const { rows } = await q.query<PrescriptionRow>(PRESCRIPTIONS_FOR_UPDATE, [nres]);
  return new Map(rows.map((r) => toPrescriptionState(r)).map((p) => [p.nre, p]));
}

export async function insertBookings(q: Pg, bookings: readonly Booking[], at: string): Promise<void> {
  if (bookings.length === 0) return;
  // One JSON document, each booking whole inside it: no per-element quoting of jsonb[] text.
  const r = await q.query(
    `INSERT INTO bookings (code, tax_code, status, data, updated_at)
     SELECT b->>'code', b->>'taxCode', b->>'status', b, $2 FROM jsonb_array_elements($1::jsonb) AS v(b) ON CONFLICT DO NOTHING`,
    [JSON.stringify(bookings), at],
  );
  if (r.rowCount !== bookings.length) throw new WriteRaceError('bookings', bookings.length, r.rowCount ?? 0);
}

export async function bookSlots(q: Pg, changes: readonly { slotId: string; nre: string; bookingCode: string; at: string }[]): Promise<void> {
  if (changes.length === 0) return;
  const values = [changes.map((c) => c.slotId), changes.map((c) => c.nre), changes.map((c) => c.bookingCode), changes.map((c) => c.at)];
  await q.query('UPDATE slots AS s SET booking_code = v.code FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(slot_id, nre, code, at) WHERE s.slot_id = v.slot_id', values);
  await q.query('UPDATE prescriptions AS p SET booking_code = v.code, booked_at = v.at FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(slot_id, nre, code, at) WHERE p.nre = v.nre', values);
}

export async function putWaitingList(q: Pg, rows: readonly WaitingListRow[], bookedNres: readonly string[]): Promise<void> {
  if (rows.length > 0) {
    const values = rows.map((r) => waitingListValues(r.entry, r.transactionKey));
    const columns = WAITING_LIST_COLUMNS.split(', ').map((_, i) => values.map((v) => v[i]));
    await q.query(`INSERT INTO waiting_list (${WAITING_LIST_COLUMNS}) SELECT * FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) ${WAITING_LIST_REPLACE}`, columns);
  }
  if (bookedNres.length > 0) await q.query("UPDATE waiting_list SET status = 'booked' WHERE nre = ANY($1::text[])", [bookedNres]);
}

import type { AgendaSlot, PrescriptionRecord } from '../domain/agenda.ts';
import type { Booking } from '../domain/types.ts';
import type { WaitingListEntry } from '../protocol/index.ts';

/** The agenda part of the central's store: prescriptions, slots and their holds, the waiting list. */

/** A prescription and whether a booking holds it. */
export interface PrescriptionState extends PrescriptionRecord {
  status: 'open' | 'booked';
  bookingCode: string | null;
}

/** A hold on a slot: who holds it, for which prescription, until when, with the code issued for it. */
export interface SlotHold {
  holdId: string;
  terminalId: string;
  nre: string;
  /** ISO 8601 UTC. */
  heldUntil: string;
  bookingCode: string;
}

/** A slot with its hold (kept after it lapses, until another replaces it) and its booking. */
export interface SlotState {
  slot: AgendaSlot;
  hold: SlotHold | null;
  bookingCode: string | null;
}

export interface FreeSlotQuery {
  serviceCode: string;
  /** ISO 8601 UTC instants: slots starting from `from` up to `to`, both included. */
  from: string;
  to: string;
  /** Holds that lapsed before this instant leave their slot free. */
  now: string;
  limit: number;
}

export interface HoldRequest {
  slotId: string;
  nre: string;
  terminalId: string;
  /** The id a new hold takes; a hold extended keeps its own. */
  holdId: string;
  now: string;
  until: string;
}

export type HoldOutcome = { held: true; hold: SlotHold } | { held: false; reason: 'SLOT_UNKNOWN' | 'SLOT_TAKEN' };

/** A waiting-list request to store (one per prescription: a later one replaces it). */
export interface WaitingListRow {
  entry: WaitingListEntry;
  transactionKey: string;
}

/** Ingest's statements on the agenda, inside the batch's transaction (see CentralTx). */
export interface AgendaTx {
  /** The slots that exist, by id; a store with concurrent transactions locks them until commit, after the bookings. */
  slots(slotIds: readonly string[]): Promise<Map<string, SlotState>>;
  /** The prescriptions that exist, by NRE; locked like the slots, after them. */
  prescriptions(nres: readonly string[]): Promise<Map<string, PrescriptionState>>;
  /** Inserts bookings confirmed by the batch; a code stored meanwhile throws a retryable error. */
  insertBookings(bookings: readonly Booking[]): Promise<void>;
  /** Marks each slot booked by its code, and each prescription; one UPDATE each. */
  bookSlots(changes: readonly { slotId: string; nre: string; bookingCode: string; at: string }[]): Promise<void>;
  /** Inserts or replaces each prescription's request, then marks `booked` those of `bookedNres`. */
  putWaitingList(rows: readonly WaitingListRow[], bookedNres: readonly string[]): Promise<void>;
}

export interface AgendaStore {
  /** Inserts the prescriptions whose NRE is not held yet and answers how many; never overwrites. */
  addPrescriptions(prescriptions: readonly PrescriptionRecord[]): Promise<number>;
  /** Inserts the slots whose id is not held yet and answers how many; never overwrites. */
  addSlots(slots: readonly AgendaSlot[]): Promise<number>;
  /** The citizen's prescriptions, open and booked, newest first (then NRE). */
  prescriptionsOf(taxCode: string): Promise<PrescriptionState[]>;
  getPrescription(nre: string): Promise<PrescriptionState | undefined>;
  getSlot(slotId: string): Promise<SlotState | undefined>;
  /** Slots of a service not booked and not held (or their hold lapsed), earliest first, ties by provider id. */
  freeSlots(query: FreeSlotQuery): Promise<AgendaSlot[]>;
  /**
   * Holds the slot for the terminal and prescription until `until` when it is not booked and
   * nobody holds it (or the hold lapsed, or it is this terminal's for this prescription: then
   * extended, same id and code). One conditional UPDATE: of two holds at once, through one
   * central or several on one database, one wins. A new hold gets the next booking code.
   */
  holdSlot(request: HoldRequest): Promise<HoldOutcome>;
  /** Ends the hold when `terminalId` holds it unexpired at `now` and the slot is not booked; true when it did. */
  releaseHold(holdId: string, terminalId: string, now: string): Promise<boolean>;
  /** The waiting list, oldest request first; `status` narrows it. */
  waitingList(status?: WaitingListEntry['status']): Promise<WaitingListEntry[]>;
}

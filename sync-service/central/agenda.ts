import { randomUUID } from 'node:crypto';
import { heldBooking, prescriptionDeadline, type PrescriptionRecord } from '../domain/agenda.ts';
import { parseNre } from '../domain/codes/nre.ts';
import { NreError } from '../domain/codes/errors.ts';
import { CupError } from '../domain/errors.ts';
import type { PriorityDeadlines } from '../domain/priority.ts';
import { romeWallTimeToInstant } from '../domain/rome-time.ts';
import { parseTaxCode, TaxCodeError } from '../domain/tax-code.ts';
import type { AgendaErrorCode, PrescriptionView, SlotHoldResponse, SlotSearchResponse, WaitingListEntry } from '../protocol/index.ts';
import type { PrescriptionState } from './agenda-store.ts';
import type { CentralStore } from './store.ts';

/** How long a hold keeps a slot for a citizen who is confirming, unless the central is told otherwise. */
export const DEFAULT_HOLD_MS = 10 * 60_000;
/** Slots a search answers unless asked for fewer or more. */
export const DEFAULT_SEARCH_LIMIT = 8;

type AgendaRefusalCode = AgendaErrorCode | 'TAX_CODE_INVALID';

/** An agenda request the central refuses, with the HTTP status it answers. */
export class AgendaRefusal extends CupError {
  declare readonly code: AgendaRefusalCode;
  constructor(code: AgendaRefusalCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  get status(): 400 | 403 | 404 | 409 {
    switch (this.code) {
      case 'BAD_NRE':
      case 'TAX_CODE_INVALID':
        return 400;
      case 'PRESCRIPTION_NOT_YOURS':
        return 403;
      case 'PRESCRIPTION_UNKNOWN':
      case 'SLOT_UNKNOWN':
      case 'HOLD_UNKNOWN':
        return 404;
      default:
        return 409;
    }
  }
}

export interface CentralAgendaOptions {
  store: CentralStore;
  now: () => Date;
  /** Default DEFAULT_HOLD_MS (10 minutes). */
  holdMs?: number;
  /** A region's tighter priority deadlines; default the national ones. */
  deadlines?: Partial<PriorityDeadlines>;
  /** Makes the id of a new hold; default a random UUID. */
  newHoldId?: () => string;
}

export const prescriptionView = (p: PrescriptionState): PrescriptionView => ({
  nre: p.nre,
  taxCode: p.taxCode,
  priority: p.priority,
  issuedOn: p.issuedOn,
  prescriber: p.prescriber,
  services: p.services,
  exemptions: p.exemptions,
  status: p.status,
  bookingCode: p.bookingCode,
});

/** A codice fiscale as the store keys it. @throws AgendaRefusal TAX_CODE_INVALID. */
export function citizenTaxCode(text: string): string {
  try {
    return parseTaxCode(text).taxCode;
  } catch (e) {
    if (e instanceof TaxCodeError) throw new AgendaRefusal('TAX_CODE_INVALID', e.message, { reason: e.code });
    throw e;
  }
}

/**
 * The central's agendas as terminals use them: a citizen's open prescriptions, free slots inside
 * a prescription's deadline across providers, and holds while the citizen confirms. The booking
 * itself arrives later as a sync item (ingest.ts).
 */
export class CentralAgenda {
  private readonly holdMs: number;
  private readonly newHoldId: () => string;

  constructor(private readonly o: CentralAgendaOptions) {
    this.holdMs = o.holdMs ?? DEFAULT_HOLD_MS;
    this.newHoldId = o.newHoldId ?? randomUUID;
  }

  /** The citizen's open prescriptions, newest first. @throws AgendaRefusal TAX_CODE_INVALID. */
  async prescriptions(taxCodeText: string): Promise<PrescriptionView[]> {
    const all = await this.o.store.prescriptionsOf(citizenTaxCode(taxCodeText));
    return all.filter((p) => p.status === 'open').map(prescriptionView);
  }

  /**
   * Free slots of the prescription's first service from now to its deadline, earliest first.
   * @throws AgendaRefusal BAD_NRE, TAX_CODE_INVALID, PRESCRIPTION_UNKNOWN, PRESCRIPTION_NOT_YOURS, PRESCRIPTION_NOT_OPEN.
   */
  async search(nre: string, taxCode: string, limit = DEFAULT_SEARCH_LIMIT): Promise<SlotSearchResponse> {
    const p = await this.openPrescription(nre, taxCode);
    const now = this.o.now();
    const deadline = this.deadline(p, now);
    const slots = await this.o.store.freeSlots({ serviceCode: p.services[0]!.code, from: now.toISOString(), to: deadline.toISOString(), now: now.toISOString(), limit });
    return { prescription: prescriptionView(p), deadline: deadline.toISOString(), slots };
  }

  /**
   * Holds a slot of the prescription's service for the terminal, with the booking code issued for it.
   * @throws AgendaRefusal as `search`, and SLOT_UNKNOWN, SLOT_OUT_OF_DEADLINE, SLOT_TAKEN.
   */
  async hold(slotId: string, nre: string, taxCode: string, terminalId: string): Promise<SlotHoldResponse> {
    const p = await this.openPrescription(nre, taxCode);
    const state = await this.o.store.getSlot(slotId);
    if (!state || state.slot.serviceCode !== p.services[0]!.code) throw new AgendaRefusal('SLOT_UNKNOWN', `no slot ${slotId} for ${p.services[0]!.code}`, { slotId });
    const now = this.o.now();
    const startsAt = romeWallTimeToInstant(state.slot.startsAt);
    const deadline = this.deadline(p, now);
    if (startsAt < now || startsAt > deadline) {
      throw new AgendaRefusal('SLOT_OUT_OF_DEADLINE', `the slot starts at ${state.slot.startsAt}, outside now to ${deadline.toISOString()}`, { slotId, deadline: deadline.toISOString() });
    }
    const outcome = await this.o.store.holdSlot({ slotId, nre: p.nre, terminalId, holdId: this.newHoldId(), now: now.toISOString(), until: new Date(now.getTime() + this.holdMs).toISOString() });
    if (!outcome.held) throw new AgendaRefusal(outcome.reason, outcome.reason === 'SLOT_TAKEN' ? 'another terminal holds or booked this slot' : `no slot ${slotId}`, { slotId });
    const { hold } = outcome;
    return { holdId: hold.holdId, slotId, heldUntil: hold.heldUntil, booking: heldBooking(p, state.slot, hold.bookingCode) };
  }

  /** Ends the terminal's hold; false when it had lapsed, was booked or is not the terminal's. */
  release(holdId: string, terminalId: string): Promise<boolean> {
    return this.o.store.releaseHold(holdId, terminalId, this.o.now().toISOString());
  }

  waitingList(status?: WaitingListEntry['status']): Promise<WaitingListEntry[]> {
    return this.o.store.waitingList(status);
  }

  private deadline(p: PrescriptionRecord, now: Date): Date {
    return prescriptionDeadline(p, now, this.o.deadlines);
  }

  private async openPrescription(nreText: string, taxCodeText: string): Promise<PrescriptionState> {
    let nre: string;
    try {
      nre = parseNre(nreText).nre;
    } catch (e) {
      if (e instanceof NreError) throw new AgendaRefusal('BAD_NRE', e.message, e.details);
      throw e;
    }
    const taxCode = citizenTaxCode(taxCodeText);
    const p = await this.o.store.getPrescription(nre);
    if (!p) throw new AgendaRefusal('PRESCRIPTION_UNKNOWN', `no prescription ${nre} at this central`, { nre });
    if (p.taxCode !== taxCode) throw new AgendaRefusal('PRESCRIPTION_NOT_YOURS', 'this prescription is made out to another citizen', { nre });
    if (p.status !== 'open') throw new AgendaRefusal('PRESCRIPTION_NOT_OPEN', 'this prescription is booked already', { nre, bookingCode: p.bookingCode });
    return p;
  }
}

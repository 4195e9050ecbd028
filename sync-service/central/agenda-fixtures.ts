import { demoPrescriptions, demoSlotId, DEMO_PROVIDERS, DEMO_PLACES, type AgendaSlot, type Booking } from '../domain/index.ts';
import type { SlotHoldResponse, SyncItem } from '../protocol/index.ts';

/**
 * A small agenda for the agenda tests, around a clock of Monday 1 June 2026, 08:00 in Rome:
 * the demo prescriptions issued by then, and slots placed to tell the search's rules apart
 * (a tie broken by provider id, one already past, one right at a deadline, one just after).
 */

export const AGENDA_NOW = Date.parse('2026-06-01T06:00:00.000Z');
export const AGENDA_TODAY = '2026-06-01';
export const AGENDA_PRESCRIPTIONS = demoPrescriptions(AGENDA_TODAY);

export const ROSSI = 'RSSMRA85T10A562S';
export const BIANCHI = 'BNCGLI90E50H501O';
/** Rossi's prescriptions: cardiology visit (B, deadline 11 June 08:00), ultrasound (D), neurology (U, nothing in time). */
export const NRE = { visitB: '0701B2000417411', ultrasoundD: '0701B2000417428', neurologyU: '0701B2000417442', bianchiB: '0701B2000588320' } as const;

const { sanMartino, asl3, galliera } = DEMO_PROVIDERS;
const slot = (provider: AgendaSlot['provider'], serviceCode: string, startsAt: string, intramoenia = false): AgendaSlot => ({
  slotId: demoSlotId(provider.id, serviceCode, startsAt),
  provider: { ...provider },
  place: intramoenia ? DEMO_PLACES.sanMartinoIntramoenia : DEMO_PLACES.sanMartinoCardio,
  serviceCode,
  startsAt,
  durationMinutes: 30,
  intramoenia,
});

export const AGENDA_SLOTS: readonly AgendaSlot[] = [
  slot(galliera, '89.7A.3', '2026-06-02T09:00'),
  slot(sanMartino, '89.7A.3', '2026-06-01T07:30'),
  slot(sanMartino, '89.7A.3', '2026-06-11T08:30'),
  slot(asl3, '89.7A.3', '2026-06-02T09:00'),
  slot(sanMartino, '89.7A.3', '2026-06-04T15:00', true),
  slot(sanMartino, '89.7A.3', '2026-06-03T10:00'),
  slot(sanMartino, '89.7A.3', '2026-06-11T08:00'),
  slot(sanMartino, '89.13', '2026-06-05T09:00'),
  slot(asl3, '88.76.1', '2026-06-20T09:00'),
  slot(asl3, '89.7A.6', '2026-06-03T11:00'),
];

/** The B visit's free slots in search order: starts from now to the deadline, ties by provider id. */
export const VISIT_B_ORDER = [
  'asl3-genovese:89.7A.3:2026-06-02T09:00',
  'eo-galliera:89.7A.3:2026-06-02T09:00',
  'osp-san-martino:89.7A.3:2026-06-03T10:00',
  'osp-san-martino:89.7A.3:2026-06-04T15:00',
  'osp-san-martino:89.7A.3:2026-06-11T08:00',
];
export const PAST_SLOT = 'osp-san-martino:89.7A.3:2026-06-01T07:30';
export const LATE_SLOT = 'osp-san-martino:89.7A.3:2026-06-11T08:30';

/** The `booking` sync item a terminal sends to confirm a hold. */
export function bookingItem(terminalId: string, key: string, seq: number, held: SlotHoldResponse, over: { booking?: Partial<Booking>; payAt?: 'now' | 'appointment' } = {}): SyncItem {
  return {
    key,
    seq,
    kind: 'booking',
    createdAt: '2026-06-01T06:02:00.000Z',
    payload: {
      terminalId,
      holdId: held.holdId,
      slotId: held.slotId,
      nre: held.booking.prescriptions[0]!.nre!,
      booking: { ...held.booking, ...over.booking },
      payAt: over.payAt ?? 'now',
      bookedAt: '2026-06-01T06:02:00.000Z',
    },
  };
}

/** The `payment` sync item that pays a booking in cash, exactly. */
export function paymentItem(terminalId: string, key: string, seq: number, bookingCode: string, taxCode: string, amountCents: number): SyncItem {
  return {
    key,
    seq,
    kind: 'payment',
    createdAt: '2026-06-01T06:03:00.000Z',
    payload: {
      paymentId: `pay-${key}`,
      transactionId: `T-${key}`,
      bookingCode,
      taxCode,
      amountCents,
      paidCents: amountCents,
      changeCents: 0,
      cashRoundingCents: 0,
      method: 'card',
      cardCents: amountCents,
      ruleVersion: 'demo-4',
      paidAt: '2026-06-01T06:03:00.000Z',
      terminalId,
    },
  };
}

/** A `waiting-list` sync item for one of Rossi's prescriptions. */
export function waitingItem(terminalId: string, key: string, seq: number, nre: string, phone: string, serviceCode = '89.13', priority: 'U' | 'B' | 'D' | 'P' = 'U'): SyncItem {
  return {
    key,
    seq,
    kind: 'waiting-list',
    createdAt: '2026-06-01T06:04:00.000Z',
    payload: {
      requestId: `wl-${key}`,
      terminalId,
      taxCode: ROSSI,
      nre,
      serviceCode,
      priority,
      phone,
      deadline: '2026-06-04T06:00:00.000Z',
      requestedAt: '2026-06-01T06:04:00.000Z',
    },
  };
}

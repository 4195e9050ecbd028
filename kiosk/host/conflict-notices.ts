import type { OutboxItem } from '@cup-kiosk/sync-service/outbox';
import { itemSubject } from '@cup-kiosk/sync-service/protocol';
import type { ConflictNotice } from '../bridge/campaign-api.ts';

/** What a conflicted item's payload says of the services and the money; who and which booking: `itemSubject`. */
interface Said {
  paidCents?: unknown;
  changeCents?: unknown;
  booking?: { startsAt?: unknown; prescriptions?: { services?: { description?: unknown }[] }[] };
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const cents = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) ? v : 0);

/** Whose transaction it was: the payer or the booked citizen. */
export function conflictTaxCode(item: Pick<OutboxItem, 'payload'>): string | null {
  return itemSubject(item.payload).taxCode;
}

/**
 * A conflict as the citizen is told it: the booking it was about, the service, the appointment,
 * and the money they handed over in it (paid less change), which is owed back.
 */
export function conflictNotice(item: OutboxItem): ConflictNotice {
  const p = item.payload as Said;
  const services = (p.booking?.prescriptions ?? []).flatMap((x) => x.services ?? []).map((s) => text(s.description));
  const paid = item.kind === 'payment' ? cents(p.paidCents) - cents(p.changeCents) : 0;
  return {
    key: item.key,
    kind: item.kind,
    reason: item.conflictReason ?? 'CONFLICT',
    bookingCode: itemSubject(item.payload).bookingCode,
    what: services.filter((s): s is string => s !== null).join(', ') || null,
    startsAt: text(p.booking?.startsAt),
    paidCents: paid > 0 ? paid : null,
    at: item.createdAt,
  };
}

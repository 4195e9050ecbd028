import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '@cup-kiosk/sync-service/outbox';
import { conflictNotice, conflictTaxCode } from './conflict-notices.ts';

const item = (kind: string, payload: Record<string, unknown>, reason: string | null): OutboxItem => ({
  seq: 1,
  key: `${kind}:k1`,
  kind: kind as OutboxItem['kind'],
  payload,
  createdAt: '2026-12-01T09:00:00.000Z',
  status: 'conflict',
  ackedAt: '2026-12-01T09:00:05.000Z',
  conflictReason: reason,
});

describe('a conflict as the citizen is told it', () => {
  it('names the booking, its service and appointment for a booking refused', () => {
    const booking = { code: '200000000113', taxCode: 'VRDGPP50H22D96VF', startsAt: '2026-12-14T09:30', prescriptions: [{ services: [{ description: 'Vaccinazione antinfluenzale' }] }] };
    const c = item('campaign-booking', { booking, invitationId: 'VAC-FLU-VRDGPP50H22D96VF' }, 'SLOT_TAKEN');
    expect(conflictTaxCode(c)).toBe('VRDGPP50H22D96VF');
    expect(conflictNotice(c)).toEqual({ key: c.key, kind: 'campaign-booking', reason: 'SLOT_TAKEN', bookingCode: '200000000113', what: 'Vaccinazione antinfluenzale', startsAt: '2026-12-14T09:30', paidCents: null, at: c.createdAt });
  });

  it('says what the citizen handed over (paid less change) for a payment refused, owed back', () => {
    const c = item('payment', { taxCode: 'RSSMRA85T10A562S', bookingCode: '100000000190', paidCents: 3000, changeCents: 545 }, 'NOTICE_ALREADY_PAID');
    expect(conflictTaxCode(c)).toBe('RSSMRA85T10A562S');
    expect(conflictNotice(c)).toMatchObject({ reason: 'NOTICE_ALREADY_PAID', bookingCode: '100000000190', paidCents: 2455, what: null, startsAt: null });
  });

  it('keeps to what it knows of a payload it does not recognise', () => {
    const c = item('cash-ledger', { valueCents: 'x' }, null);
    expect(conflictTaxCode(c)).toBeNull();
    expect(conflictNotice(c)).toMatchObject({ reason: 'CONFLICT', bookingCode: null, paidCents: null });
  });
});

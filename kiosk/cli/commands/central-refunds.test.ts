import { describe, expect, it } from 'vitest';
import type { RefundRequest } from '@cup-kiosk/sync-service/protocol';
import { refundTable } from './central-refunds.ts';

const refund: RefundRequest = {
  refundId: 'RF-1A2B3C4D',
  bookingCode: '200000000113',
  taxCode: 'RSSMRA85T10A562S',
  amountCents: 2066,
  paymentId: 'pay-1',
  terminalId: 'kiosk-1',
  requestedAt: '2026-06-01T06:04:00.000Z',
  receivedAt: '2026-06-01T06:05:00.000Z',
  transactionKey: 'booking-cancel:200000000113',
};

describe('cupk central refunds output', () => {
  it('lines the columns up, marks an amount the central does not know, and says so when there is none', () => {
    expect(refundTable([refund, { ...refund, refundId: 'RF-2', amountCents: null, paymentId: null }]).split('\n')).toEqual([
      'REQUESTED                 REFUND       BOOKING       TAX CODE          AMOUNT   PAYMENT  TERMINAL',
      '2026-06-01T06:04:00.000Z  RF-1A2B3C4D  200000000113  RSSMRA85T10A562S  20,66\u00a0€  pay-1    kiosk-1',
      '2026-06-01T06:04:00.000Z  RF-2         200000000113  RSSMRA85T10A562S  ?        ?        kiosk-1',
    ]);
    expect(refundTable([])).toBe('no refund requested');
  });
});

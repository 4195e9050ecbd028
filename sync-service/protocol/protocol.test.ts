import { describe, expect, it } from 'vitest';
import { BookingSchema, jsonSchema, parseBookingCode, PaymentPayloadSchema, SyncBatchRequestSchema } from './index.ts';

const payment = {
  paymentId: 'pay-1',
  transactionId: 'T-0001',
  bookingCode: '100000000190',
  taxCode: 'RSSMRA80A01H501U',
  amountCents: 3615,
  paidCents: 4000,
  changeCents: 385,
  method: 'cash',
  ruleVersion: 'demo-4',
  paidAt: '2026-01-10T09:30:00.000Z',
  terminalId: 'kiosk-1',
};

describe('wire schemas', () => {
  it('accepts a closed payment and refuses one whose amounts do not add up', () => {
    expect(PaymentPayloadSchema.safeParse(payment).success).toBe(true);
    expect(PaymentPayloadSchema.safeParse({ ...payment, changeCents: 0 }).success).toBe(false);
    expect(PaymentPayloadSchema.safeParse({ ...payment, amountCents: 10.5 }).success).toBe(false);
  });

  it('bounds a batch and keeps item kinds open', () => {
    const item = { seq: 1, key: 'k', kind: 'future-kind', payload: {}, createdAt: '2026-01-10T09:30:00.000Z' };
    expect(SyncBatchRequestSchema.safeParse({ terminalId: 'kiosk-1', items: [item] }).success).toBe(true);
    expect(SyncBatchRequestSchema.safeParse({ terminalId: 'kiosk-1', items: [] }).success).toBe(false);
    expect(SyncBatchRequestSchema.safeParse({ terminalId: '../etc', items: [item] }).success).toBe(false);
  });

  it('reads typed booking codes', () => {
    expect(parseBookingCode('1000 0000 0190')).toBe('100000000190');
    expect(parseBookingCode('1000 0000 0191')).toBeUndefined();
    expect(parseBookingCode('1234-5678-901')).toBeUndefined();
    expect(parseBookingCode('12345678901a')).toBeUndefined();
  });

  it('produces JSON Schema without a $schema key for Ajv and OpenAPI', () => {
    const s = jsonSchema(BookingSchema);
    expect(s.$schema).toBeUndefined();
    expect(s.type).toBe('object');
  });
});

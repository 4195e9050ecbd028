import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { additionalResponse, decodeRequest, decodeResponse, encodeMessage, header, paymentRequestMessage, statusRequestMessage } from './nexo-codec.ts';
import { paymentServiceId, reversalServiceId } from './service-id.ts';

const ctx = { saleId: 'KIOSK-01', poiId: 'P400-123' };
const now = new Date('2025-03-04T10:11:12.000Z');

describe('nexo codec', () => {
  it('builds a PaymentRequest with our transaction id and the amount as a decimal', () => {
    const text = paymentRequestMessage(ctx, 'ABC1234567', { transactionId: 'tx-42', amountCents: 3228, currency: 'EUR' }, now);
    expect(JSON.parse(text)).toEqual({
      SaleToPOIRequest: {
        MessageHeader: { ProtocolVersion: '3.0', MessageClass: 'Service', MessageCategory: 'Payment', MessageType: 'Request', ServiceID: 'ABC1234567', SaleID: 'KIOSK-01', POIID: 'P400-123' },
        PaymentRequest: {
          SaleData: { SaleTransactionID: { TransactionID: 'tx-42', TimeStamp: '2025-03-04T10:11:12.000Z' } },
          PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: 32.28 } },
        },
      },
    });
    expect(text).toContain('"RequestedAmount":32.28');
    const back = decodeRequest(text);
    expect(back.ok && back.value.category).toBe('Payment');
  });

  it('names the payment in a status query by the ServiceID derived from our id', () => {
    const sid = paymentServiceId('tx-42');
    expect(sid).toMatch(/^[0-9A-Z]{10}$/);
    expect(paymentServiceId('tx-42')).toBe(sid);
    expect(reversalServiceId('tx-42')).not.toBe(sid);
    const text = statusRequestMessage(ctx, 'Q000000001', 'Payment', sid);
    const back = decodeRequest(text);
    expect(back.ok && back.value.category === 'TransactionStatus' && back.value.body.MessageReference).toEqual({ MessageCategory: 'Payment', ServiceID: sid, SaleID: 'KIOSK-01' });
  });

  it('accepts only the response to the request it sent', () => {
    const h = header(ctx, 'Reconciliation', 'Response', 'S1');
    const text = encodeMessage('SaleToPOIResponse', h, 'ReconciliationResponse', { Response: { Result: 'Success' }, ReconciliationType: 'SaleReconciliation' });
    expect(decodeResponse(text, { category: 'Reconciliation', serviceId: 'S1', saleId: 'KIOSK-01' }).ok).toBe(true);
    const other = decodeResponse(text, { category: 'Reconciliation', serviceId: 'S2', saleId: 'KIOSK-01' });
    expect(!other.ok && other.error.code).toBe('POS_PROTOCOL_ERROR');
    const wrongCategory = decodeResponse(text, { category: 'Payment', serviceId: 'S1', saleId: 'KIOSK-01' });
    expect(!wrongCategory.ok && wrongCategory.error.message).toMatch(/Reconciliation response to a Payment/);
  });

  it('turns malformed messages into POS_PROTOCOL_ERROR with what was wrong', () => {
    const expect1 = { category: 'Payment' as const, serviceId: 'S1', saleId: 'KIOSK-01' };
    for (const text of ['', '{', '[]', 'null', '{"SaleToPOIResponse":1}', '{"SaleToPOIRequest":{}}', '{"SaleToPOIResponse":{"MessageHeader":{}}}']) {
      const r = decodeResponse(text, expect1);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('POS_PROTOCOL_ERROR');
    }
    const h = header(ctx, 'Payment', 'Response', 'S1');
    const bad = decodeResponse(encodeMessage('SaleToPOIResponse', h, 'PaymentResponse', { Response: { Result: 'Maybe' } }), expect1);
    expect(!bad.ok && bad.error.details).toMatchObject({ problems: [expect.stringContaining('$.Response.Result')] });
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ SaleToPOIResponse: v }))), (text) => {
        const r = decodeResponse(text, { category: 'Payment', serviceId: 'S1', saleId: 'K' });
        expect(typeof r.ok).toBe('boolean');
        expect(typeof decodeRequest(text).ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('reads AdditionalResponse pairs', () => {
    expect(additionalResponse('refusalReason=Refused&message=PIN%20entry+timeout')).toEqual({ refusalReason: 'Refused', message: 'PIN entry timeout' });
    expect(additionalResponse('message=%E0%A4%A')).toEqual({ message: '%E0%A4%A' });
    expect(additionalResponse(undefined)).toEqual({});
  });
});

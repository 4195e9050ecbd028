import { describe, expect, it } from 'vitest';
import { NexoPaymentTerminal } from './driver.ts';
import { decodeRequest, encodeMessage, header, type AnyRequest } from './nexo-codec.ts';
import type { PaymentResponseBody } from './nexo-schema.ts';
import type { ExchangeResult, NexoTransport } from './transport.ts';

// The driver's reading of every answer, over a scripted transport: no socket, no timing.

const ctx = { saleId: 'KIOSK-01', poiId: 'P400-123' };
const poi = { TransactionID: 'P400.000001', TimeStamp: '2025-03-04T10:11:12.000Z' };

/** A transport that answers each request with what `reply` makes of it. */
function scripted(reply: (r: AnyRequest) => ExchangeResult | { body: object }): NexoTransport & { sent: AnyRequest[] } {
  const sent: AnyRequest[] = [];
  return {
    sent,
    async exchange(message) {
      const d = decodeRequest(message);
      if (!d.ok) throw d.error;
      sent.push(d.value);
      const out = reply(d.value);
      if ('ok' in out) return out;
      const name = `${d.value.category}Response`;
      return { ok: true, text: encodeMessage('SaleToPOIResponse', header(ctx, d.value.category, 'Response', d.value.header.ServiceID), name, out.body) };
    },
  };
}

const approval = (amount: number): PaymentResponseBody => ({
  Response: { Result: 'Success' },
  SaleData: { SaleTransactionID: { TransactionID: 'tx-1', TimeStamp: poi.TimeStamp } },
  POIData: { POITransactionID: poi },
  PaymentResult: {
    AmountsResp: { Currency: 'EUR', AuthorizedAmount: amount },
    PaymentInstrumentData: { CardData: { MaskedPan: '541333******9999' } },
    PaymentAcquirerData: { AcquirerTransactionID: { TransactionID: 'ACQ1', TimeStamp: poi.TimeStamp }, ApprovalCode: '123456' },
  },
  PaymentReceipt: [{ DocumentQualifier: 'CustomerReceipt', OutputContent: { OutputFormat: 'Text', OutputText: [{ Text: 'COPIA TITOLARE' }] } }],
});

const failure = (ErrorCondition: string, message: string) => ({ Response: { Result: 'Failure', ErrorCondition, AdditionalResponse: `message=${encodeURIComponent(message)}` } });

const pay = (t: NexoPaymentTerminal, amountCents = 1234) => t.pay({ transactionId: 'tx-1', amountCents, currency: 'EUR' });
const terminal = (transport: NexoTransport) => new NexoPaymentTerminal({ ...ctx, transport });
const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: { code: string }) => e.code);

describe('NexoPaymentTerminal reading answers', () => {
  it('an approval carries everything the receipt and the ledger need', async () => {
    const t = terminal(scripted(() => ({ body: approval(12.34) })));
    expect(await pay(t)).toEqual({
      outcome: 'approved', transactionId: 'tx-1', amountCents: 1234, authorisationCode: '123456', maskedPan: '541333******9999',
      acquirerReference: 'ACQ1', poiTransactionId: poi.TransactionID, poiTimeStamp: poi.TimeStamp, cardholderReceipt: ['COPIA TITOLARE'],
    });
  });

  it('maps each ErrorCondition to an outcome or a typed error', async () => {
    const cases: [string, string, string][] = [
      ['Refusal', 'Declined', 'declined'],
      ['WrongPIN', 'Wrong PIN', 'declined'],
      ['Cancel', 'Cancelled by the cardholder', 'cancelled'],
      ['Cancel', 'PIN entry timeout', 'timeout'],
      ['Aborted', 'Aborted', 'cancelled'],
      ['Busy', 'busy', 'POS_BUSY'],
      ['UnreachableHost', 'no acquirer', 'POS_OFFLINE'],
      ['NotAllowed', 'Duplicate transaction', 'POS_DUPLICATE_TRANSACTION'],
      ['MessageFormat', 'bad', 'POS_PROTOCOL_ERROR'],
    ];
    for (const [condition, message, want] of cases) {
      const t = terminal(scripted(() => ({ body: failure(condition, message) })));
      const got = await pay(t).then((o) => o.outcome, (e: { code: string }) => e.code);
      expect(got, condition).toBe(want);
    }
  });

  it('once the request may have arrived, silence or garbage is POS_OUTCOME_UNKNOWN, never a guess', async () => {
    const lost: ExchangeResult[] = [
      { ok: false, sent: true, cause: 'timeout', message: 'no answer' },
      { ok: false, sent: true, cause: 'closed', message: 'reset' },
      { ok: true, text: '{"SaleToPOIResponse":' },
    ];
    for (const r of lost) expect(await codeOf(pay(terminal(scripted(() => r))))).toBe('POS_OUTCOME_UNKNOWN');
    // An approval for another amount, or missing its code, was still an approval: ask status.
    expect(await codeOf(pay(terminal(scripted(() => ({ body: approval(12.35) })))))).toBe('POS_OUTCOME_UNKNOWN');
    const noCode = approval(12.34);
    delete noCode.PaymentResult!.PaymentAcquirerData!.ApprovalCode;
    expect(await codeOf(pay(terminal(scripted(() => ({ body: noCode })))))).toBe('POS_OUTCOME_UNKNOWN');
  });

  it('a connection never made is OFFLINE or UNREACHABLE: nothing was charged', async () => {
    const refused = scripted(() => ({ ok: false, sent: false, cause: 'refused', message: 'ECONNREFUSED' }));
    expect(await codeOf(pay(terminal(refused)))).toBe('POS_OFFLINE');
    const noRoute = scripted(() => ({ ok: false, sent: false, cause: 'unreachable', message: 'EHOSTUNREACH' }));
    expect(await codeOf(pay(terminal(noRoute)))).toBe('POS_UNREACHABLE');
    // A status query has no effect to be unsure about.
    const silent = scripted(() => ({ ok: false, sent: true, cause: 'timeout', message: 'no answer' }));
    expect(await codeOf(terminal(silent).status('tx-1'))).toBe('POS_UNREACHABLE');
  });

  it('refuses bad input before sending anything', async () => {
    const transport = scripted(() => ({ body: approval(1) }));
    const t = terminal(transport);
    for (const amountCents of [0, -5, 1.5, Number.NaN, 1e12]) expect(await codeOf(pay(t, amountCents))).toBe('POS_INVALID_REQUEST');
    expect(await codeOf(t.pay({ transactionId: '', amountCents: 100, currency: 'EUR' }))).toBe('POS_INVALID_REQUEST');
    expect(await codeOf(t.pay({ transactionId: 'a b', amountCents: 100, currency: 'EUR' }))).toBe('POS_INVALID_REQUEST');
    expect(await codeOf(t.pay({ transactionId: 'x', amountCents: 100, currency: 'USD' as 'EUR' }))).toBe('POS_INVALID_REQUEST');
    expect(transport.sent).toHaveLength(0);
  });

  it('status reads the repeated response, and a reversal found makes it reversed', async () => {
    const t = terminal(
      scripted((r) => {
        if (r.category !== 'TransactionStatus') throw new Error(`unexpected ${r.category}`);
        const ref = r.body.MessageReference;
        const h = header(ctx, ref.MessageCategory, 'Response', ref.ServiceID);
        const RepeatedResponseMessageBody =
          ref.MessageCategory === 'Payment' ? { PaymentResponse: approval(12.34) } : { ReversalResponse: { Response: { Result: 'Success' }, POIData: { POITransactionID: { ...poi, TransactionID: 'REV1' } } } };
        return { body: { Response: { Result: 'Success' }, RepeatedMessageResponse: { MessageHeader: h, RepeatedResponseMessageBody } } };
      }),
    );
    expect(await t.status('tx-1')).toMatchObject({ outcome: 'reversed', reversalPoiTransactionId: 'REV1', amountCents: 1234 });
    expect(await t.reverse('tx-1')).toEqual({ outcome: 'reversed', transactionId: 'tx-1', reversalPoiTransactionId: 'REV1', reversedCents: 1234 });
  });

  it('close nets reversals out of the day totals', async () => {
    const t = terminal(
      scripted(() => ({
        body: {
          Response: { Result: 'Success' },
          ReconciliationType: 'SaleReconciliation',
          POIReconciliationID: 7,
          TransactionTotals: [{ PaymentInstrumentType: 'Card', PaymentCurrency: 'EUR', PaymentTotals: [
            { TransactionType: 'Debit', TransactionCount: 3, TransactionAmount: 40.1 },
            { TransactionType: 'ReverseDebit', TransactionCount: 1, TransactionAmount: 0.1 },
          ] }],
        },
      })),
    );
    expect(await t.close()).toEqual({ count: 2, totalCents: 4000, reversed: { count: 1, totalCents: 10 }, reconciliationId: '7' });
  });
});

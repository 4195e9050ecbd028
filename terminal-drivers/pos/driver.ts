/**
 * `PaymentTerminal` over nexo Sale-to-POI (Adyen Terminal API JSON). See contract.ts for the
 * guarantees; this file is how they are kept:
 * - The driver is handed its transport and keeps no state between calls, so a host that
 *   restarts builds a new one with the same SaleID and finds its payments by transaction id.
 * - The payment's ServiceID is derived from our transaction id (service-id.ts): the status query
 *   and the abort name it without anything else stored, and a repeat is refused by the terminal.
 * - After a payment or reversal request has gone out, a timeout, a dropped connection or a reply
 *   we cannot read is POS_OUTCOME_UNKNOWN, never a guess.
 * - Requests are not serialised: an abort or a status query must be able to go while a payment
 *   waits for the cardholder.
 */
import type { CupError } from '@cup-kiosk/sync-service/domain';
import { isPayableCents, MAX_AMOUNT_CENTS } from './amount.ts';
import type { DayTotals, PaymentOutcome, PaymentRequest, PaymentTerminal, ReversalOutcome, TransactionStatus } from './contract.ts';
import { PosBusyError, PosInvalidRequestError, PosOfflineError, PosOutcomeUnknownError, PosProtocolError, PosReversalRefusedError, PosUnreachableError } from './errors.ts';
import {
  abortRequestMessage,
  decodeResponse,
  paymentRequestMessage,
  reconciliationRequestMessage,
  reversalRequestMessage,
  statusRequestMessage,
  type SaleContext,
} from './nexo-codec.ts';
import type { ResponseBodies } from './nexo-schema.ts';
import { dayTotals, isUnusableApproval, paymentOutcome, reasonOf, serviceFailure } from './outcome.ts';
import { freshServiceId, paymentServiceId, reversalServiceId } from './service-id.ts';
import { HttpNexoTransport, type ExchangeFailure, type NexoTransport } from './transport.ts';

/** nexo's TransactionID is free text; we bound ours so it fits every terminal's journal and receipt. */
const MAX_TRANSACTION_ID_LENGTH = 64;

export interface NexoTerminalOptions extends SaleContext {
  transport: NexoTransport;
  /**
   * Wait for a payment's answer, ms, counted from the connection. Default 150000: the cardholder
   * reads the amount, finds the card, types the PIN, and the acquirer answers; terminals give up
   * on the cardholder sooner (about two minutes), so their own answer normally comes first.
   */
  paymentTimeoutMs?: number;
  /** Wait for the answer to status, reversal, abort and close, ms. Default 15000 (a reversal goes to the acquirer). */
  requestTimeoutMs?: number;
  /** The clock for the timestamps we send. Default `() => new Date()`. */
  now?: () => Date;
}

type Category = keyof ResponseBodies;

export class NexoPaymentTerminal implements PaymentTerminal {
  private readonly ctx: SaleContext;
  private readonly transport: NexoTransport;
  private readonly paymentTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly now: () => Date;

  constructor(options: NexoTerminalOptions) {
    this.ctx = { saleId: options.saleId, poiId: options.poiId };
    this.transport = options.transport;
    this.paymentTimeoutMs = options.paymentTimeoutMs ?? 150_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.now = options.now ?? (() => new Date());
  }

  async pay(req: PaymentRequest): Promise<PaymentOutcome> {
    checkTransactionId(req.transactionId);
    if (req.currency !== 'EUR') throw new PosInvalidRequestError(`currency ${String(req.currency)}: only EUR is taken`, { currency: req.currency });
    if (!isPayableCents(req.amountCents)) {
      throw new PosInvalidRequestError(`amount ${String(req.amountCents)} is not a whole number of cents from 1 to ${MAX_AMOUNT_CENTS}`, { amountCents: req.amountCents });
    }
    const serviceId = paymentServiceId(req.transactionId);
    const body = await this.exchange('Payment', serviceId, paymentRequestMessage(this.ctx, serviceId, req, this.now()), this.paymentTimeoutMs, req.transactionId, true);
    return orThrow(paymentOutcome(body, req.transactionId, req.amountCents), (e) => unknownIfGarbled(e, req.transactionId));
  }

  async status(transactionId: string): Promise<TransactionStatus> {
    checkTransactionId(transactionId);
    const payment = await this.repeated('Payment', paymentServiceId(transactionId), transactionId);
    if (payment.state !== 'found') return { outcome: payment.state, transactionId };
    const paid = orThrow(paymentOutcome(payment.body.PaymentResponse!, transactionId, null));
    if (paid.outcome !== 'approved') return paid;
    const reversal = await this.repeated('Reversal', reversalServiceId(transactionId), transactionId);
    if (reversal.state !== 'found') return paid;
    const rev = reversal.body.ReversalResponse!;
    if (rev.Response.Result !== 'Success') return paid;
    const id = rev.POIData?.POITransactionID.TransactionID;
    if (!id) throw new PosProtocolError('a reversal without its POITransactionID', { transactionId });
    return { ...paid, outcome: 'reversed', reversalPoiTransactionId: id };
  }

  async reverse(transactionId: string): Promise<ReversalOutcome> {
    const s = await this.status(transactionId);
    switch (s.outcome) {
      case 'reversed':
        return { outcome: 'reversed', transactionId, reversalPoiTransactionId: s.reversalPoiTransactionId, reversedCents: s.amountCents };
      case 'in-progress':
        throw new PosBusyError(`the payment ${transactionId} is still in progress; abort it first`, { transactionId });
      case 'declined':
      case 'cancelled':
      case 'timeout':
      case 'not-found':
        return { outcome: 'nothing-to-reverse', transactionId, status: s.outcome };
      case 'approved':
        break;
    }
    const serviceId = reversalServiceId(transactionId);
    const original = { TransactionID: s.poiTransactionId, TimeStamp: s.poiTimeStamp };
    const body = await this.exchange('Reversal', serviceId, reversalRequestMessage(this.ctx, serviceId, original, transactionId, this.now()), this.requestTimeoutMs, transactionId, true);
    if (body.Response.Result !== 'Success') {
      throw serviceFailure(body.Response, transactionId) ?? new PosReversalRefusedError(transactionId, reasonOf(body.Response));
    }
    const id = body.POIData?.POITransactionID.TransactionID;
    if (!id) throw new PosOutcomeUnknownError(transactionId, 'POS_PROTOCOL_ERROR', 'a reversal answer without its POITransactionID');
    return { outcome: 'reversed', transactionId, reversalPoiTransactionId: id, reversedCents: s.amountCents };
  }

  async abort(transactionId: string): Promise<void> {
    checkTransactionId(transactionId);
    const serviceId = freshServiceId();
    const r = await this.transport.exchange(abortRequestMessage(this.ctx, serviceId, paymentServiceId(transactionId)), this.requestTimeoutMs);
    if (!r.ok) throw transportError(r, transactionId, false);
    // nexo answers an Abort with nothing: the aborted payment's own response tells the result.
  }

  async close(): Promise<DayTotals> {
    const serviceId = freshServiceId();
    const body = await this.exchange('Reconciliation', serviceId, reconciliationRequestMessage(this.ctx, serviceId), this.requestTimeoutMs, null, false);
    return orThrow(dayTotals(body));
  }

  async dispose(): Promise<void> {
    // Each exchange owns its connection; there is nothing pooled to release.
  }

  /** Last response of the terminal to our request `(category, serviceId)`: found, in progress, or never seen. */
  private async repeated(
    category: 'Payment' | 'Reversal',
    refServiceId: string,
    transactionId: string,
  ): Promise<{ state: 'found'; body: NonNullable<ResponseBodies['TransactionStatus']['RepeatedMessageResponse']>['RepeatedResponseMessageBody'] } | { state: 'in-progress' | 'not-found' }> {
    const serviceId = freshServiceId();
    const body = await this.exchange('TransactionStatus', serviceId, statusRequestMessage(this.ctx, serviceId, category, refServiceId), this.requestTimeoutMs, transactionId, false);
    const r = body.Response;
    if (r.Result !== 'Success') {
      if (r.ErrorCondition === 'NotFound') return { state: 'not-found' };
      if (r.ErrorCondition === 'InProgress') return { state: 'in-progress' };
      throw serviceFailure(r, transactionId) ?? new PosProtocolError(`the status query failed: ${reasonOf(r)}`, { transactionId });
    }
    const rep = body.RepeatedMessageResponse;
    const inner = category === 'Payment' ? rep?.RepeatedResponseMessageBody.PaymentResponse : rep?.RepeatedResponseMessageBody.ReversalResponse;
    if (!rep || !inner) throw new PosProtocolError(`a status answer without the repeated ${category} response`, { transactionId });
    if (rep.MessageHeader.ServiceID !== refServiceId || rep.MessageHeader.MessageCategory !== category) {
      throw new PosProtocolError('the status answer repeats another request', { transactionId, expected: refServiceId, got: rep.MessageHeader.ServiceID });
    }
    return { state: 'found', body: rep.RepeatedResponseMessageBody };
  }

  /**
   * One request and its decoded response. With `effects` (payment, reversal), anything short of
   * a readable answer once the request may have arrived is POS_OUTCOME_UNKNOWN.
   */
  private async exchange<C extends Category>(category: C, serviceId: string, message: string, timeoutMs: number, transactionId: string | null, effects: boolean): Promise<ResponseBodies[C]> {
    const r = await this.transport.exchange(message, timeoutMs);
    if (!r.ok) throw transportError(r, transactionId ?? '(close)', effects);
    const decoded = decodeResponse(r.text, { category, serviceId, saleId: this.ctx.saleId });
    if (decoded.ok) return decoded.value.body;
    if (effects && transactionId) throw new PosOutcomeUnknownError(transactionId, decoded.error.code, `unreadable answer: ${decoded.error.message}`);
    throw decoded.error;
  }
}

function checkTransactionId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_TRANSACTION_ID_LENGTH || !/^[\x21-\x7e]+$/.test(id)) {
    throw new PosInvalidRequestError(`transaction id must be 1 to ${MAX_TRANSACTION_ID_LENGTH} printable ASCII characters without spaces`, { transactionId: String(id) });
  }
}

/** A transport failure as the typed error the contract promises for it. */
function transportError(f: ExchangeFailure, transactionId: string, effects: boolean): CupError {
  if (!f.sent) {
    return f.cause === 'refused'
      ? new PosOfflineError(`the payment terminal refused the connection: ${f.message}`, { transactionId, cause: f.cause })
      : new PosUnreachableError(`the payment terminal cannot be reached: ${f.message}`, { transactionId, cause: f.cause });
  }
  if (effects) return new PosOutcomeUnknownError(transactionId, f.cause, f.message);
  return new PosUnreachableError(`no answer from the payment terminal: ${f.message}`, { transactionId, cause: f.cause });
}

/** A payment's approval that does not hold together was still sent to the terminal: its outcome is unknown. */
function unknownIfGarbled(e: CupError, transactionId: string): CupError {
  return isUnusableApproval(e) ? new PosOutcomeUnknownError(transactionId, e.code, e.message) : e;
}

function orThrow<T extends object>(v: T | CupError, map: (e: CupError) => CupError = (e) => e): T {
  if (isError(v)) throw map(v);
  return v;
}

function isError(v: object): v is CupError {
  return v instanceof Error;
}

export interface ConnectNexoOptions extends Omit<NexoTerminalOptions, 'transport'> {
  host: string;
  port: number;
  connectTimeoutMs?: number;
}

/** The driver over HTTP to a terminal (or the simulator) at `host:port`. */
export function nexoTerminal(options: ConnectNexoOptions): NexoPaymentTerminal {
  const { host, port, connectTimeoutMs, ...rest } = options;
  return new NexoPaymentTerminal({ ...rest, transport: new HttpNexoTransport({ host, port, connectTimeoutMs }) });
}

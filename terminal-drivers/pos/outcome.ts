/**
 * What a nexo response means for the kiosk: the terminal's Result and ErrorCondition mapped to
 * our outcomes and typed errors, in one table so every request reads them the same way. Pure.
 */
import type { CupError } from '@cup-kiosk/sync-service/domain';
import { amountToCents } from './amount.ts';
import type { ApprovedPayment, DayTotals, PaymentOutcome, UnpaidPayment } from './contract.ts';
import { PosBusyError, PosDuplicateTransactionError, PosOfflineError, PosProtocolError } from './errors.ts';
import { additionalResponse } from './nexo-codec.ts';
import type { ErrorCondition, PaymentResponseBody, Response, ResponseBodies } from './nexo-schema.ts';

/** The receipt the cardholder takes away; the CashierReceipt stays with the merchant. */
const CARDHOLDER_RECEIPT = 'CustomerReceipt';

/** The terminal's words for a failure: its AdditionalResponse message, else the condition's name. */
export function reasonOf(r: Response): string {
  const extra = additionalResponse(r.AdditionalResponse);
  return extra.message ?? extra.refusalReason ?? r.ErrorCondition ?? 'no reason given';
}

/**
 * A Failure that means the terminal did not take the payment because it could not serve us: the
 * typed error to reject with, or null when the condition is an outcome of the payment itself.
 */
export function serviceFailure(r: Response, transactionId: string): CupError | null {
  const reason = reasonOf(r);
  switch (r.ErrorCondition) {
    case 'Busy':
    case 'InProgress':
      return new PosBusyError(`the payment terminal is busy: ${reason}`, { transactionId, condition: r.ErrorCondition });
    case 'UnreachableHost':
    case 'DeviceOut':
    case 'UnavailableService':
    case 'UnavailableDevice':
    case 'LoggedOut':
      return new PosOfflineError(`the payment terminal cannot take payments now: ${reason}`, { transactionId, condition: r.ErrorCondition });
    case 'NotAllowed':
      // A repeated ServiceID or transaction id is how a terminal refuses a second charge.
      return /duplicate/i.test(reason) ? new PosDuplicateTransactionError(transactionId) : null;
    case 'MessageFormat':
    case 'NotFound':
    case undefined:
      return new PosProtocolError(`the terminal refused the request: ${reason}`, { transactionId, condition: r.ErrorCondition ?? null });
    default:
      return null;
  }
}

/**
 * The terminal said Success (or Partial) but the approval cannot be recorded as asked: money may
 * have moved. `pay` turns this into POS_OUTCOME_UNKNOWN so the caller asks `status` and reverses.
 */
export function unusableApproval(message: string, details: Record<string, unknown>): PosProtocolError {
  return new PosProtocolError(message, { ...details, approvalUnusable: true });
}

export function isUnusableApproval(e: CupError): boolean {
  return e.details?.approvalUnusable === true;
}

const DECLINES: ReadonlySet<ErrorCondition> = new Set(['Refusal', 'WrongPIN', 'InvalidCard', 'PaymentRestriction', 'InsertedCard', 'NotAllowed']);

/** A Failure of the payment itself → declined, cancelled or timeout. */
function unpaid(r: Response, transactionId: string): UnpaidPayment | PosProtocolError {
  const reason = reasonOf(r);
  if (r.ErrorCondition === 'Aborted') return { outcome: 'cancelled', transactionId, reason: `aborted: ${reason}` };
  if (r.ErrorCondition === 'Cancel') {
    // nexo has no condition of its own for a cardholder who walked away; terminals say so in the message.
    return { outcome: /time.?out/i.test(reason) ? 'timeout' : 'cancelled', transactionId, reason };
  }
  if (r.ErrorCondition && DECLINES.has(r.ErrorCondition)) return { outcome: 'declined', transactionId, reason };
  return new PosProtocolError(`unexpected ErrorCondition ${r.ErrorCondition ?? '(none)'} on a payment`, { transactionId });
}

/** The approved payment's data, all of it required: an approval we cannot record is not an approval we can use. */
function approved(body: PaymentResponseBody, transactionId: string, requestedCents: number | null): ApprovedPayment | PosProtocolError {
  const result = body.PaymentResult;
  const poi = body.POIData?.POITransactionID;
  const approvalCode = result?.PaymentAcquirerData?.ApprovalCode;
  const acquirerRef = result?.PaymentAcquirerData?.AcquirerTransactionID?.TransactionID;
  const maskedPan = result?.PaymentInstrumentData?.CardData?.MaskedPan;
  const amount = result?.AmountsResp?.AuthorizedAmount;
  const missing = Object.entries({ POITransactionID: poi, ApprovalCode: approvalCode, AcquirerTransactionID: acquirerRef, MaskedPan: maskedPan, AuthorizedAmount: amount })
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  if (missing.length > 0) return unusableApproval(`an approval without ${missing.join(', ')}`, { transactionId, missing });
  const ours = body.SaleData?.SaleTransactionID.TransactionID;
  if (ours !== undefined && ours !== transactionId) return unusableApproval(`an approval for ${ours}, not ${transactionId}`, { transactionId, got: ours });
  const cents = amountToCents(amount);
  if (typeof cents !== 'number') return unusableApproval(`AuthorizedAmount ${String(amount)} is not an amount in cents (${cents})`, { transactionId });
  if (result?.AmountsResp?.Currency !== 'EUR') return unusableApproval(`approved in ${result?.AmountsResp?.Currency}, not EUR`, { transactionId });
  // We never allow partial approvals; one for another amount is not the payment we asked for.
  if (requestedCents !== null && cents !== requestedCents) {
    return unusableApproval(`approved ${cents} cents, not the ${requestedCents} requested`, { transactionId, approvedCents: cents, requestedCents });
  }
  const receipt = body.PaymentReceipt?.find((r) => r.DocumentQualifier === CARDHOLDER_RECEIPT);
  return {
    outcome: 'approved',
    transactionId,
    amountCents: cents,
    authorisationCode: approvalCode!,
    maskedPan: maskedPan!,
    acquirerReference: acquirerRef!,
    poiTransactionId: poi!.TransactionID,
    poiTimeStamp: poi!.TimeStamp,
    cardholderReceipt: receipt ? receipt.OutputContent.OutputText.map((t) => t.Text) : [],
  };
}

/**
 * A PaymentResponse (direct, or repeated by a TransactionStatus) → the payment's outcome; a
 * typed error when the terminal could not serve us or the response does not hold together.
 * `requestedCents` is null when reading a status, where the amount is the terminal's to tell.
 */
export function paymentOutcome(body: PaymentResponseBody, transactionId: string, requestedCents: number | null): PaymentOutcome | CupError {
  if (body.Response.Result === 'Success') return approved(body, transactionId, requestedCents);
  if (body.Response.Result === 'Partial') return unusableApproval('a partial approval, which we never allow', { transactionId });
  return serviceFailure(body.Response, transactionId) ?? unpaid(body.Response, transactionId);
}

/** Sums the card totals by nexo TransactionType; `Debit` is a payment, `ReverseDebit` its reversal. */
export function dayTotals(body: ResponseBodies['Reconciliation']): DayTotals | PosProtocolError {
  if (body.Response.Result !== 'Success') return new PosProtocolError(`the terminal refused the close: ${reasonOf(body.Response)}`);
  const sums: Record<string, { count: number; cents: number }> = {};
  for (const group of body.TransactionTotals ?? []) {
    if (group.PaymentCurrency !== undefined && group.PaymentCurrency !== 'EUR') return new PosProtocolError(`totals in ${group.PaymentCurrency}, not EUR`);
    for (const t of group.PaymentTotals ?? []) {
      const cents = amountToCents(t.TransactionAmount);
      if (typeof cents !== 'number') return new PosProtocolError(`TransactionAmount ${t.TransactionAmount} is not an amount in cents (${cents})`);
      const s = (sums[t.TransactionType] ??= { count: 0, cents: 0 });
      s.count += t.TransactionCount;
      s.cents += cents;
    }
  }
  const debit = sums.Debit ?? { count: 0, cents: 0 };
  const reverse = sums.ReverseDebit ?? { count: 0, cents: 0 };
  return {
    count: debit.count - reverse.count,
    totalCents: debit.cents - reverse.cents,
    reversed: { count: reverse.count, totalCents: reverse.cents },
    reconciliationId: String(body.POIReconciliationID ?? ''),
  };
}

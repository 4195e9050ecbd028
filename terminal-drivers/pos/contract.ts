/**
 * The card payment terminal as the kiosk sees it, whatever protocol carries it (nexo Sale-to-POI
 * today; ZVT or another could implement the same interface). The card, the PIN and the full card
 * number never reach us: the terminal reads them and returns only what a receipt may show.
 *
 * Guarantees every implementation keeps:
 * - **One transaction id, at most one charge.** `pay` carries our `transactionId` to the terminal,
 *   which keeps it in its journal. A second `pay` with an id the terminal already knows is refused
 *   (POS_DUPLICATE_TRANSACTION), never charged again.
 * - **A resolved `pay` is final.** `approved` means the card was charged; `declined`, `cancelled`
 *   and `timeout` mean it was not.
 * - **A failed `pay` says whether money may have moved.** POS_INVALID_REQUEST, POS_BUSY,
 *   POS_OFFLINE and POS_UNREACHABLE: it did not. POS_OUTCOME_UNKNOWN: the request went out and no
 *   usable answer came; the card may have been charged. The caller then asks `status` (at once,
 *   or after a restart: an implementation keeps no state of its own, so a new instance with the
 *   same configuration finds the transaction) and records what it says.
 * - **`status` never changes anything** on the terminal; it may be called any number of times.
 * - **`reverse` is safe to repeat.** It asks `status` first, reverses only an approval, and
 *   answers `reversed` again for a payment already reversed.
 * - Every failure is a rejected promise with a typed `CupError`; nothing is emitted besides.
 */

/** What `pay` asks for. */
export interface PaymentRequest {
  /** Ours, unique per payment attempt, made before the request and written to the outbox first. */
  transactionId: string;
  /** A positive whole number of cents. */
  amountCents: number;
  /** Italian CUP tickets are paid in euro only. */
  currency: 'EUR';
}

/** What the terminal returns for an approved payment: everything our receipt and ledger need. */
export interface ApprovedPayment {
  outcome: 'approved';
  transactionId: string;
  amountCents: number;
  /** The issuer's authorisation (approval) code. */
  authorisationCode: string;
  /** The card number as the terminal masks it, e.g. `541333******9999`. */
  maskedPan: string;
  /** The acquirer's reference of the transaction, for reconciliation and disputes. */
  acquirerReference: string;
  /** The terminal's own id of the transaction; reversals refer to it. */
  poiTransactionId: string;
  /** When the terminal made the transaction (ISO 8601), which it also needs for a reversal. */
  poiTimeStamp: string;
  /** The cardholder receipt, one printable line each, to print on our receipt as given. */
  cardholderReceipt: string[];
}

/** A payment that was not taken, with the terminal's reason in words for the log. */
export interface UnpaidPayment {
  /** `declined` by the issuer or the card; `cancelled` by the cardholder or by `abort`;
   *  `timeout` when the cardholder did not finish (PIN entry, card presentation) in time. */
  outcome: 'declined' | 'cancelled' | 'timeout';
  transactionId: string;
  reason: string;
}

export type PaymentOutcome = ApprovedPayment | UnpaidPayment;

/** What the terminal knows about an earlier payment. */
export type TransactionStatus =
  | PaymentOutcome
  /** Approved, then reversed: the cardholder is not charged. */
  | (Omit<ApprovedPayment, 'outcome'> & { outcome: 'reversed'; reversalPoiTransactionId: string })
  /** The cardholder is still at the terminal (or the terminal is still waiting for the acquirer). */
  | { outcome: 'in-progress'; transactionId: string }
  /** The terminal never received a payment with this id: nothing was charged. */
  | { outcome: 'not-found'; transactionId: string };

export type ReversalOutcome =
  | { outcome: 'reversed'; transactionId: string; reversalPoiTransactionId: string; reversedCents: number }
  /** There was nothing to reverse: the payment was never approved (or never reached the terminal). */
  | { outcome: 'nothing-to-reverse'; transactionId: string; status: 'declined' | 'cancelled' | 'timeout' | 'not-found' };

/** The terminal's totals for the period that `close` ends. */
export interface DayTotals {
  /** Payments that stand: approved and not reversed. */
  count: number;
  totalCents: number;
  /** Approvals reversed in the period, already left out of `count` and `totalCents`. */
  reversed: { count: number; totalCents: number };
  /** The terminal's id of the period closed, printed on the close report. */
  reconciliationId: string;
}

export interface PaymentTerminal {
  /**
   * Asks the cardholder to pay `amountCents`. Resolves with the final outcome; rejects with
   * POS_INVALID_REQUEST, POS_BUSY, POS_OFFLINE, POS_UNREACHABLE (not charged),
   * POS_DUPLICATE_TRANSACTION (ask `status`) or POS_OUTCOME_UNKNOWN (ask `status`).
   */
  pay(request: PaymentRequest): Promise<PaymentOutcome>;
  /** The outcome of an earlier payment as the terminal knows it. Changes nothing. */
  status(transactionId: string): Promise<TransactionStatus>;
  /**
   * Gives the money of an approved payment back to the card (a late approval we no longer want,
   * a booking that failed after payment). Resolves `nothing-to-reverse` when nothing was charged;
   * rejects POS_BUSY while the payment is still in progress (abort it first), POS_REVERSAL_REFUSED,
   * or POS_OUTCOME_UNKNOWN (ask `status`, then reverse again).
   */
  reverse(transactionId: string): Promise<ReversalOutcome>;
  /**
   * Asks the terminal to stop a payment in progress. Resolves once the terminal has the request;
   * the pending `pay` (or a later `status`) tells how the payment ended, since the cardholder may
   * have finished first. Aborting a payment that is not in progress changes nothing.
   */
  abort(transactionId: string): Promise<void>;
  /** Ends the terminal's period and returns its totals (the daily close). */
  close(): Promise<DayTotals>;
  /** Releases what the driver holds (sockets, agents). The terminal itself keeps running. */
  dispose(): Promise<void>;
}

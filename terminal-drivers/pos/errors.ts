import { CupError } from '@cup-kiosk/sync-service/domain';

/**
 * Typed failures of the card payment terminal. Each has a stable `code` so a machine can branch
 * on it in `onError` and the CLI can print it. What each one says about money matters most:
 * - POS_INVALID_REQUEST, POS_BUSY, POS_OFFLINE, POS_UNREACHABLE: nothing was charged.
 * - POS_OUTCOME_UNKNOWN: the request went out and no usable answer came back; the card may have
 *   been charged. The caller asks `status` (now, or after a restart) before doing anything else.
 * - POS_DUPLICATE_TRANSACTION: the terminal already knows this transaction id; ask `status`.
 */

/** Our own input was wrong (amount not whole cents, empty id, other currency): nothing was sent. */
export class PosInvalidRequestError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('POS_INVALID_REQUEST', message, details);
  }
}

/** The terminal is serving another transaction (or the same one is still in progress). */
export class PosBusyError extends CupError {
  constructor(message = 'the payment terminal is busy with another transaction', details?: Record<string, unknown>) {
    super('POS_BUSY', message, details);
  }
}

/**
 * The terminal refused the connection (it is off, rebooting or its payment application is down),
 * or it answered that it cannot reach its acquirer. Nothing was charged.
 */
export class PosOfflineError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('POS_OFFLINE', message, details);
  }
}

/**
 * No connection could be made (no route, name unknown, connect timeout), or a query that charges
 * nothing (`status`, `abort`) got no answer. Nothing was charged by this call.
 */
export class PosUnreachableError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('POS_UNREACHABLE', message, details);
  }
}

/** A message that is not the nexo message we expected: malformed JSON, wrong shape, wrong pair. */
export class PosProtocolError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('POS_PROTOCOL_ERROR', message, details);
  }
}

/**
 * A payment (or reversal) request reached the terminal and no usable answer came: a timeout, a
 * dropped connection or a garbled reply. The terminal may have approved it. `details.cause` says
 * which; the caller must ask `status(transactionId)` and never simply pay again.
 */
export class PosOutcomeUnknownError extends CupError {
  constructor(transactionId: string, cause: string, message: string) {
    super('POS_OUTCOME_UNKNOWN', `${message}; ask the terminal for the status of ${transactionId}`, { transactionId, cause });
  }
}

/** The terminal refused a payment whose transaction id it has seen before: never a second charge. */
export class PosDuplicateTransactionError extends CupError {
  constructor(transactionId: string) {
    super('POS_DUPLICATE_TRANSACTION', `the terminal already has a payment for ${transactionId}; ask its status`, { transactionId });
  }
}

/** The terminal refused to reverse an approved payment (for example it was already settled). */
export class PosReversalRefusedError extends CupError {
  constructor(transactionId: string, reason: string) {
    super('POS_REVERSAL_REFUSED', `the terminal refused to reverse ${transactionId}: ${reason}`, { transactionId, reason });
  }
}

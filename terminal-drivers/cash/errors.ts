import { CupError } from '@cup-kiosk/sync-service/domain';

/**
 * Typed failures of the cash devices. Each has a stable `code` so a machine can branch on it in
 * `onError` and the CLI can print it; the message is for people.
 */

/** A frame too short, or whose length byte disagrees with the bytes present. */
export class CcTalkBadFrameError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CCTALK_BAD_FRAME', message, details);
  }
}

/** The bytes of a frame do not sum to 0 mod 256: corrupted on the wire. */
export class CcTalkBadChecksumError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CCTALK_BAD_CHECKSUM', message, details);
  }
}

/** A well-formed frame that is not addressed to us, or not from the device we asked. */
export class CcTalkWrongAddressError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CCTALK_WRONG_ADDRESS', message, details);
  }
}

/** No reply within the timeout, after any retries that were safe to make. */
export class CcTalkTimeoutError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CCTALK_TIMEOUT', message, details);
  }
}

/** The device answered NAK (header 5): it understood the frame and refused the command. */
export class CcTalkNakError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CCTALK_NAK', message, details);
  }
}

/** The device answered BUSY (header 6): the command may be sent again later. */
export class CcTalkBusyError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CCTALK_BUSY', message, details);
  }
}

/** The bus was closed while a request was queued or waiting for its reply. */
export class CcTalkClosedError extends CupError {
  constructor(message = 'the ccTalk bus is closed') {
    super('CCTALK_CLOSED', message);
  }
}

/** A coin or bill id string (`EU200A`, `EU0010A`) that does not follow the ccTalk pattern. */
export class CcTalkBadIdError extends CupError {
  constructor(id: string) {
    super('CCTALK_BAD_ID', `not a ccTalk coin or bill id: '${id}'`, { id });
  }
}

/** No combination of the coins in stock makes the amount exactly. */
export class CannotMakeChangeError extends CupError {
  constructor(dueCents: number) {
    super('CANNOT_MAKE_CHANGE', `no exact change for ${dueCents} cents with the coins in stock`, { dueCents });
  }
}

/** An amount or stock that is not a non-negative integer number of cents or coins. */
export class InvalidCashAmountError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('INVALID_CASH_AMOUNT', message, details);
  }
}

/** A hopper could not be told to pay, or never reported the end of a payout. */
export class HopperPayoutError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('HOPPER_PAYOUT_FAILED', message, details);
  }
}

/** A bill in escrow could not be routed (154): the escrow was empty, or the validator failed. */
export class BillRouteError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('BILL_ROUTE_FAILED', message, details);
  }
}

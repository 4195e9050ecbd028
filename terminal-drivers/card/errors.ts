import { CupError, type Citizen } from '@cup-kiosk/sync-service/domain';

/**
 * Typed failures of the health card reader. Each has a stable `code`, so the citizen session
 * machine picks its screen from it and the CLI prints it; the message is for people.
 */

/** The personal-data file was read but does not parse, or a field in it is not plausible. */
export class CardDataCorruptError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CARD_DATA_CORRUPT', message, details);
  }
}

/**
 * The card is a good TS-CNS but past its expiry date. It still carries the citizen, so the
 * screen can say whose card it is ("Mario, your card expired on ...").
 */
export class CardExpiredError extends CupError {
  readonly citizen: Citizen;
  constructor(citizen: Citizen, today: string) {
    super('CARD_EXPIRED', `The health card of ${citizen.name} ${citizen.surname} expired on ${citizen.cardExpiry ?? '?'}`, {
      citizen,
      cardExpiry: citizen.cardExpiry,
      today,
    });
    this.citizen = citizen;
  }
}

/** The chip answers, but has no TS-CNS personal-data file: a bank card, a SIM, another badge. */
export class CardNotTsCnsError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CARD_NOT_TS_CNS', message, details);
  }
}

/** The chip did not answer a command within the timeout, or (no timeout given) gave no ATR at all. */
export class CardMuteError extends CupError {
  constructor(timeoutMs: number | undefined, details?: Record<string, unknown>) {
    super('CARD_MUTE', timeoutMs === undefined ? 'The card gives no answer to reset (ATR)' : `The card did not answer within ${timeoutMs} ms`, {
      timeoutMs,
      ...details,
    });
  }
}

/** The card left the reader before its data was read. */
export class CardRemovedError extends CupError {
  constructor(message = 'The card was removed before it could be read', details?: Record<string, unknown>) {
    super('CARD_REMOVED', message, details);
  }
}

/** No reader (or not the named one) is attached to pcscd. */
export class CardReaderMissingError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CARD_READER_MISSING', message, details);
  }
}

/** A reader is there but holds no card. */
export class CardAbsentError extends CupError {
  constructor(reader: string) {
    super('CARD_ABSENT', `There is no card in '${reader}'`, { reader });
  }
}

/** The chip answered a command with a status word this reader does not expect. */
export class CardIoError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CARD_IO_ERROR', message, details);
  }
}

/** pcscd is not running (its socket is absent), so no PC/SC context can be made. */
export class PcscdUnavailableError extends CupError {
  constructor(socketPath: string) {
    super('PCSCD_UNAVAILABLE', `pcscd is not running (no socket at ${socketPath}); start it with ensurePcscd() or 'pcscd'`, {
      socketPath,
    });
  }
}

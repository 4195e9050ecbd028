import { createRequire } from 'node:module';
import { CupError } from '@cup-kiosk/sync-service/domain';
import { CardMuteError } from './errors.ts';

/**
 * The part of @pokusew/pcsclite the driver uses, as interfaces (so a test can hand in a fake),
 * and promise wrappers with the timeout pcsclite lacks.
 *
 * Two facts about the binding shape this file. Its transmit holds the reader's mutex for the
 * whole SCardTransmit, and its close() and status callbacks take the same mutex on the main
 * thread: so while a transmit to a mute card is stuck, nothing here calls into that reader.
 * And creating the context loops until pcscd answers: so the caller checks pcscd first.
 */

export interface PcscStatus {
  state: number;
  atr?: Buffer;
}

export interface PcscReader {
  readonly name: string;
  readonly connected: boolean;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_LEAVE_CARD: number;
  on(event: 'status', listener: (status: PcscStatus) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  connect(options: { share_mode?: number; protocol?: number }, cb: (err: unknown, protocol: number) => void): void;
  disconnect(disposition: number, cb: (err: unknown) => void): void;
  transmit(data: Buffer, resLen: number, protocol: number, cb: (err: unknown, response: Buffer) => void): void;
  close(): void;
}

export interface PcscContext {
  on(event: 'reader', listener: (reader: PcscReader) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

export type PcscFactory = () => PcscContext;

/** Loads the native binding only when a reader is opened, so codec users never need it built. */
export const loadPcsclite: PcscFactory = () => {
  const require = createRequire(import.meta.url);
  const pcsc = require('@pokusew/pcsclite') as () => PcscContext;
  return pcsc();
};

/** A PC/SC call failed; `scardCode` is the SCARD_* code pcsclite puts in its message, if any. */
export class PcscError extends CupError {
  readonly scardCode: number | undefined;
  constructor(operation: string, cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const m = /\(0x([0-9a-f]{8})\)/i.exec(message);
    const scardCode = m ? Number.parseInt(m[1]!, 16) : undefined;
    super('PCSC_FAILED', `${operation} failed: ${message}`, { operation, scardCode });
    this.scardCode = scardCode;
  }
}

/** SCARD_* codes that mean the card went away (pcsclite.h). */
export const SCARD_W_REMOVED_CARD = 0x80100069;
export const SCARD_E_NO_SMARTCARD = 0x8010000c;
export const SCARD_W_RESET_CARD = 0x80100068;
export const SCARD_E_READER_UNAVAILABLE = 0x80100017;
export const SCARD_W_UNPOWERED_CARD = 0x80100067;
export const SCARD_W_UNRESPONSIVE_CARD = 0x80100066;
export const SCARD_E_PROTO_MISMATCH = 0x8010000f;

export function isRemovalCode(code: number | undefined): boolean {
  return code === SCARD_W_REMOVED_CARD || code === SCARD_E_NO_SMARTCARD || code === SCARD_E_READER_UNAVAILABLE || code === SCARD_W_UNPOWERED_CARD;
}

/** Largest response APDU to a short command: 256 data bytes and SW1 SW2. */
const MAX_RESPONSE = 258;

export function connectT1(reader: PcscReader): Promise<number> {
  return new Promise((resolve, reject) => {
    reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE, protocol: reader.SCARD_PROTOCOL_T1 }, (err, protocol) =>
      err ? reject(new PcscError('SCardConnect', err)) : resolve(protocol),
    );
  });
}

/** Leaves the card powered, so `cupk card read` can read it again without a reset. */
export function disconnect(reader: PcscReader): Promise<void> {
  return new Promise((resolve) => {
    if (!reader.connected) return resolve();
    reader.disconnect(reader.SCARD_LEAVE_CARD, () => resolve());
  });
}

/**
 * One transmit at a time per reader. `inFlight` settles when pcsclite calls back, which for a
 * mute card may be long after the timeout has rejected: the reader is unusable until then.
 */
export class Transmitter {
  private inFlightPromise: Promise<void> = Promise.resolve();

  constructor(
    private readonly reader: PcscReader,
    private readonly protocol: number,
    private readonly timeoutMs: number,
  ) {}

  /** Settles once no transmit is pending in the binding. */
  get inFlight(): Promise<void> {
    return this.inFlightPromise;
  }

  transmit = (command: Uint8Array): Promise<Uint8Array> => {
    let done!: () => void;
    this.inFlightPromise = new Promise((r) => (done = r));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new CardMuteError(this.timeoutMs, { reader: this.reader.name })), this.timeoutMs);
      this.reader.transmit(Buffer.from(command), MAX_RESPONSE, this.protocol, (err, response) => {
        clearTimeout(timer);
        done();
        if (err) reject(new PcscError('SCardTransmit', err));
        else resolve(new Uint8Array(response));
      });
    });
  };
}

/**
 * Real-time status codec (DLE EOT n, n = 1..4, one reply byte each). Pure: the driver sends
 * the requests and hands the four replies here; the simulator encodes its state with the
 * inverse. Bit meanings are in shared/specs/escpos.md.
 */
import { PrinterBadStatusError } from './errors.ts';

export type PaperState = 'ok' | 'near-end' | 'out';

/** Same shape as `PrinterStatus` in kiosk/bridge/terminal-api.ts; the host passes it through. */
export interface PrinterStatus {
  /** Online, paper not out, cover closed and no error: a job can start. */
  ready: boolean;
  online: boolean;
  paper: PaperState;
  coverOpen: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
}

export const STATUS_REQUESTS = [1, 2, 3, 4] as const;
export type StatusRequest = (typeof STATUS_REQUESTS)[number];

/** Fixed bits of every reply: bit0 = 0, bit1 = 1, bit4 = 1, bit7 = 0. */
const FIXED_MASK = 0x93;
const FIXED_BITS = 0x12;

const PRINTER_OFFLINE = 0x08; // n=1 bit3
const OFFLINE_COVER_OPEN = 0x04; // n=2 bit2
const OFFLINE_PAPER_END_STOP = 0x20; // n=2 bit5: printing stopped at paper end
const OFFLINE_ERROR = 0x40; // n=2 bit6
const ERROR_CUTTER = 0x08; // n=3 bit3
const ERROR_UNRECOVERABLE = 0x20; // n=3 bit5
const ERROR_AUTO_RECOVERABLE = 0x40; // n=3 bit6
const ROLL_NEAR_END = 0x0c; // n=4 bits2+3
const ROLL_END = 0x60; // n=4 bits5+6

export function isStatusByte(b: number): boolean {
  return (b & FIXED_MASK) === FIXED_BITS;
}

/**
 * The four replies, in request order, to a `PrinterStatus`. Throws `PrinterBadStatusError`
 * (PRINTER_BAD_STATUS) for a byte whose fixed bits are wrong, and for nothing else.
 */
export function decodeStatus(replies: ArrayLike<number>): PrinterStatus {
  const bytes: number[] = [];
  for (let i = 0; i < 4; i++) {
    const b = replies[i];
    if (b === undefined || !Number.isInteger(b) || b < 0 || b > 0xff || !isStatusByte(b)) throw new PrinterBadStatusError(i + 1, b ?? -1);
    bytes.push(b);
  }
  const [printer, offline, error, roll] = bytes as [number, number, number, number];
  const online = (printer & PRINTER_OFFLINE) === 0;
  const coverOpen = (offline & OFFLINE_COVER_OPEN) !== 0;
  const paper: PaperState =
    (roll & ROLL_END) !== 0 || (offline & OFFLINE_PAPER_END_STOP) !== 0 ? 'out' : (roll & ROLL_NEAR_END) !== 0 ? 'near-end' : 'ok';
  const cutterError = (error & ERROR_CUTTER) !== 0;
  const unrecoverableError = (error & ERROR_UNRECOVERABLE) !== 0;
  const autoRecoverableError = (error & ERROR_AUTO_RECOVERABLE) !== 0;
  const ready = online && paper !== 'out' && !coverOpen && !cutterError && !unrecoverableError && !autoRecoverableError;
  return { ready, online, paper, coverOpen, cutterError, unrecoverableError, autoRecoverableError };
}

/** Decodes one reply for a single request, checking only its fixed bits. */
export function checkStatusByte(request: StatusRequest, b: number): number {
  if (!isStatusByte(b)) throw new PrinterBadStatusError(request, b);
  return b;
}

/** A device's state, as the simulator keeps it. */
export interface DeviceState {
  online: boolean;
  coverOpen: boolean;
  paper: PaperState;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
}

/**
 * The replies a printer in `s` gives to DLE EOT 1..4. A printer with its cover open, out of
 * paper or in error is also offline, as real ones are.
 */
export function encodeStatus(s: DeviceState): [number, number, number, number] {
  const error = s.cutterError || s.unrecoverableError || s.autoRecoverableError;
  const offline = !s.online || s.coverOpen || s.paper === 'out' || error;
  return [
    FIXED_BITS | (offline ? PRINTER_OFFLINE : 0),
    FIXED_BITS | (s.coverOpen ? OFFLINE_COVER_OPEN : 0) | (s.paper === 'out' ? OFFLINE_PAPER_END_STOP : 0) | (error ? OFFLINE_ERROR : 0),
    FIXED_BITS |
      (s.cutterError ? ERROR_CUTTER : 0) |
      (s.unrecoverableError ? ERROR_UNRECOVERABLE : 0) |
      (s.autoRecoverableError ? ERROR_AUTO_RECOVERABLE : 0),
    FIXED_BITS | (s.paper === 'out' ? ROLL_END | ROLL_NEAR_END : s.paper === 'near-end' ? ROLL_NEAR_END : 0),
  ];
}

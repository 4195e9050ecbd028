import type { PosState, PrinterState } from '@cup-kiosk/sync-service/protocol';
import type { PrinterStatus, TerminalEvent } from '../../bridge/terminal-api.ts';
import type { CashDeviceEvent } from '../devices/cash-desk.ts';

/**
 * What the host knows of its devices' health, as one immutable value and a reducer over what
 * the devices and the host report. No I/O: the hoppers' levels come from the cash ledger when a
 * heartbeat is assembled (heartbeat-body.ts).
 */

type Presence = 'ok' | 'offline';

export interface DeviceStates {
  printer: { state: PrinterState; fault?: string };
  coinAcceptor: { state: Presence; fault?: string };
  billValidator: { state: Presence; fault?: string };
  /** Readers pcscd lists now; none is an offline card reader. */
  cardReader: { readers: readonly string[]; fault?: string };
  /** Absent on a terminal without one. */
  scanner?: { state: Presence; fault?: string };
  /** Absent on a terminal without one; as of the last exchange with it. */
  pos?: { state: PosState; fault?: string };
  /** Hoppers that failed their last payout, by ccTalk address. */
  hopperFaults: Readonly<Record<number, string>>;
}

/** What the host hears besides its own events: the device layer's reports. */
export type HealthInput =
  | TerminalEvent
  | ({ type: 'cash.device' } & CashDeviceEvent)
  | { type: 'card.reader'; reader: string; present: boolean }
  | { type: 'scanner.failed'; code?: string }
  /** One hopper's part of a payout: what it was asked, what it paid, and the error when it could not be asked. */
  | { type: 'hopper.payout'; id: number; requested: number; paid: number; error?: string };

export interface DeviceStatesOptions {
  scanner: boolean;
  pos: boolean;
}

/**
 * Before the first report: the cash devices answered at start (the host does not start
 * otherwise), the printer is unknown until its watch answers, a card reader until pcscd lists it.
 */
export function initialDeviceStates(o: DeviceStatesOptions): DeviceStates {
  return {
    printer: { state: 'offline' },
    coinAcceptor: { state: 'ok' },
    billValidator: { state: 'ok' },
    cardReader: { readers: [] },
    ...(o.scanner ? { scanner: { state: 'ok' as const } } : {}),
    ...(o.pos ? { pos: { state: 'ok' as const } } : {}),
    hopperFaults: {},
  };
}

/** A code that fits the wire's fault code, or none. */
const faultCode = (code: string | undefined): string | undefined => (code !== undefined && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : undefined);
const withFault = <T extends object>(value: T, fault: string | undefined): T & { fault?: string } => (fault === undefined ? value : { ...value, fault });

/**
 * The printer's state word: what keeps it from printing first, then what soon will. A printer out
 * of paper or with its cover open also reports itself offline: the cause is the news.
 */
export function printerHealth(s: PrinterStatus): DeviceStates['printer'] {
  const state: PrinterState = s.paper === 'out' ? 'paper-out' : s.coverOpen ? 'cover-open' : !s.online ? 'offline' : s.paper === 'near-end' ? 'paper-low' : 'ok';
  const fault = s.cutterError ? 'PRINTER_CUTTER_ERROR' : s.unrecoverableError ? 'PRINTER_UNRECOVERABLE_ERROR' : s.autoRecoverableError ? 'PRINTER_RECOVERABLE_ERROR' : undefined;
  return withFault({ state }, fault);
}

/** POS answers that say it could not be reached, or could not finish: it is offline for now. */
const POS_GONE: ReadonlySet<string> = new Set(['POS_OFFLINE', 'POS_UNREACHABLE', 'POS_OUTCOME_UNKNOWN']);
/** Card errors that are the reader's or pcscd's, not the card's. */
const READER_FAILURES: ReadonlySet<string> = new Set(['PCSC_FAILED', 'PCSCD_UNAVAILABLE', 'CARD_READER_MISSING']);

function posAfter(code: string | undefined): NonNullable<DeviceStates['pos']> {
  if (code === 'POS_BUSY') return { state: 'busy' };
  if (code !== undefined && POS_GONE.has(code)) return { state: 'offline', fault: code };
  // Any other answer, a decline included, came from a terminal that works.
  return { state: 'ok' };
}

/** A driver's kind as a fault code: `jam` → `COIN_JAM`, `unknown-bill` → `BILL_UNKNOWN`, stacker `full` → `BILL_STACKER_FULL`. */
const upper = (prefix: string, kind: string) => `${prefix}_${kind.replace(/^(coin|bill)-|-(coin|bill)$/g, '').replace(/-/g, '_').toUpperCase()}`;

function cashDeviceAfter(current: DeviceStates['coinAcceptor'], input: Extract<HealthInput, { type: 'cash.device' }>): DeviceStates['coinAcceptor'] {
  const prefix = input.device === 'coin-acceptor' ? 'COIN' : 'BILL';
  switch (input.event) {
    case 'offline':
      return withFault({ state: 'offline' }, faultCode(input.code));
    case 'online':
    case 'credit':
      // Answering again, or taking money: whatever went wrong before is over.
      return { state: 'ok' };
    case 'fault':
      return { state: current.state, fault: upper(prefix, input.kind ?? 'fault') };
    case 'stacker':
      return input.kind === 'ok' || input.kind === 'inserted' ? { state: current.state } : { state: current.state, fault: upper('BILL_STACKER', input.kind ?? 'faulty') };
  }
}

/** The states after `input`; the very same object when nothing changed, so a caller can tell. */
export function applyHealthInput(s: DeviceStates, input: HealthInput): DeviceStates {
  const next = reduce(s, input);
  return next === s || sameStates(next, s) ? s : next;
}

function reduce(s: DeviceStates, input: HealthInput): DeviceStates {
  switch (input.type) {
    case 'printer.status':
      return { ...s, printer: printerHealth(input.status) };
    case 'pos.approved':
      return s.pos ? { ...s, pos: posAfter(undefined) } : s;
    case 'pos.declined':
      return s.pos ? { ...s, pos: posAfter(input.code) } : s;
    case 'card.error':
      return READER_FAILURES.has(input.code) ? { ...s, cardReader: { readers: s.cardReader.readers, fault: input.code } } : s;
    case 'card.inserted':
      return { ...s, cardReader: { readers: s.cardReader.readers } };
    case 'card.reader': {
      const others = s.cardReader.readers.filter((r) => r !== input.reader);
      return { ...s, cardReader: { readers: input.present ? [...others, input.reader].sort() : others } };
    }
    case 'cash.device':
      return input.device === 'coin-acceptor' ? { ...s, coinAcceptor: cashDeviceAfter(s.coinAcceptor, input) } : { ...s, billValidator: cashDeviceAfter(s.billValidator, input) };
    case 'scanner.failed':
      return s.scanner ? { ...s, scanner: withFault({ state: 'offline' as const }, faultCode(input.code)) } : s;
    case 'hopper.payout': {
      // The ledger planned only coins it says are there: a hopper that paid fewer is jammed or
      // miscounted, and a technician must look either way. A full payout clears it.
      const fault = faultCode(input.error) ?? (input.paid < input.requested ? 'HOPPER_SHORT_PAYOUT' : undefined);
      const { [input.id]: _old, ...rest } = s.hopperFaults;
      return { ...s, hopperFaults: fault === undefined ? rest : { ...rest, [input.id]: fault } };
    }
    default:
      return s;
  }
}

function sameStates(a: DeviceStates, b: DeviceStates): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

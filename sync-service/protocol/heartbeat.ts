import { z } from 'zod';
import { TerminalIdSchema } from './sync.ts';

/**
 * Terminal health: what a terminal tells the central about itself about once a minute
 * (POST /v1/terminals/heartbeat), and what the administrator reads back. A heartbeat is a
 * snapshot, not a transaction: it never goes through the outbox, and a lost one is simply
 * replaced by the next.
 */

/** A device's own failure, spelled like every typed error (`PRINTER_CUTTER_ERROR`, `COIN_JAM`). */
export const FaultCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]*$/).max(64);

// `kind` comes first in every device: a body checked against the wrong kind fails on it at once.
const device = <K extends string, S extends readonly [string, ...string[]]>(kind: K, states: S) =>
  z.object({ kind: z.literal(kind), state: z.enum(states), fault: FaultCodeSchema.optional() });

export const PRINTER_STATES = ['ok', 'paper-low', 'paper-out', 'cover-open', 'offline'] as const;
export const HOPPER_STATES = ['ok', 'low', 'empty', 'offline'] as const;
export const POS_STATES = ['ok', 'offline', 'busy'] as const;
/** Devices that are there and answering, or not. */
export const PRESENCE_STATES = ['ok', 'offline'] as const;

export const PrinterHealthSchema = device('printer', PRINTER_STATES);
export const CoinAcceptorHealthSchema = device('coin-acceptor', PRESENCE_STATES);
export const BillValidatorHealthSchema = device('bill-validator', PRESENCE_STATES);
/** One payout hopper: its coin value and how many coins the cash ledger says it holds. */
export const HopperHealthSchema = device('hopper', HOPPER_STATES).extend({
  /** Its ccTalk address: two hoppers may hold the same coin. */
  id: z.int().min(1).max(255),
  valueCents: z.int().min(1),
  count: z.int().min(0),
});
export const CardReaderHealthSchema = device('card-reader', PRESENCE_STATES);
export const ScannerHealthSchema = device('scanner', PRESENCE_STATES);
/** The card terminal as of the last exchange with it: `busy` when it was serving someone else. */
export const PosHealthSchema = device('pos', POS_STATES);

/** One device of the terminal; a kind not listed here is refused. */
export const DeviceHealthSchema = z.discriminatedUnion('kind', [
  PrinterHealthSchema,
  CoinAcceptorHealthSchema,
  BillValidatorHealthSchema,
  HopperHealthSchema,
  CardReaderHealthSchema,
  ScannerHealthSchema,
  PosHealthSchema,
]);
export type DeviceHealth = z.infer<typeof DeviceHealthSchema>;
export type DeviceKind = DeviceHealth['kind'];
export type PrinterState = (typeof PRINTER_STATES)[number];
export type HopperState = (typeof HOPPER_STATES)[number];
export type PosState = (typeof POS_STATES)[number];

/** More devices than any terminal has: a bound, not a configuration. */
export const MAX_HEARTBEAT_DEVICES = 32;

const Instant = z.iso.datetime({ offset: true });
const Millis = z.int().min(0);

/** Body of POST /v1/terminals/heartbeat. */
export const HeartbeatSchema = z.object({
  /** The terminal reporting: with signatures on, the one that signed. */
  terminalId: TerminalIdSchema,
  /** The terminal's clock when it sent this; the central keeps its own receipt time beside it. */
  sentAt: Instant,
  appVersion: z.string().min(1).max(32),
  /** Since the terminal software started. */
  uptimeMs: Millis,
  devices: z.array(DeviceHealthSchema).max(MAX_HEARTBEAT_DEVICES),
  outbox: z.object({
    /** Items not yet answered by the central. */
    pending: z.int().min(0),
    /** Age of the oldest of them; null when there are none. */
    oldestPendingAgeMs: Millis.nullable(),
  }),
  /** When the central last answered an outbox item; null if never. */
  lastAckAt: Instant.nullable(),
  /** How far the central's copy of this terminal's transactions is behind: 0 when the outbox is drained. */
  syncLagMs: Millis,
  /**
   * A citizen pressed "help" and the session they pressed it in has not ended: staff must go to
   * the terminal. Absent when nobody is waiting (and from terminals that predate it).
   */
  assistance: z.object({ requestedAt: Instant }).optional(),
});
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

export const HeartbeatAckSchema = z.object({
  /** The central's clock when it took the heartbeat. */
  receivedAt: z.string(),
});
export type HeartbeatAck = z.infer<typeof HeartbeatAckSchema>;

/**
 * What the administrator reads of a terminal: `silent` when nothing came for a while (or ever),
 * else `assistance` when a citizen there asked for help (someone must go, whatever the devices),
 * `fault` when a device cannot serve, `warning` when one will soon not (or sync is behind),
 * `ok` otherwise.
 */
export const TerminalStatusSchema = z.enum(['ok', 'warning', 'fault', 'assistance', 'silent']);
export type TerminalStatus = z.infer<typeof TerminalStatusSchema>;

export const TerminalHealthSchema = z.object({
  terminalId: z.string(),
  enrolledAt: z.string(),
  status: TerminalStatusSchema,
  /** When the central last took a heartbeat of it (central clock); null if never. */
  lastSeenAt: z.string().nullable(),
  /**
   * Devices not in order in the last heartbeat, `kind[#id]:state` or `kind[#id]:FAULT_CODE`
   * (`printer:paper-out`, `hopper#3:low`, `coin-acceptor:COIN_JAM`); empty when all are.
   */
  faults: z.array(z.string()),
  /** When a citizen there asked for help, as its last heartbeat says; null when nobody is waiting. */
  assistanceRequestedAt: z.string().nullable(),
  heartbeat: HeartbeatSchema.nullable(),
});
export type TerminalHealth = z.infer<typeof TerminalHealthSchema>;

/** GET /v1/admin/terminals/health: every enrolled terminal, by id. */
export const TerminalsHealthResponseSchema = z.object({
  /** The central's clock the statuses were worked out at. */
  asOf: z.string(),
  terminals: z.array(TerminalHealthSchema),
});
export type TerminalsHealthResponse = z.infer<typeof TerminalsHealthResponseSchema>;

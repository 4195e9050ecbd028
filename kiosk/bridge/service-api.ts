/**
 * The technician's service mode as the UI sees it: part of `TerminalApi`, in one block.
 *
 * Guarantees, besides those of `TerminalApi`:
 * - Every command but `serviceOpen` rejects SERVICE_NOT_OPEN unless a service session is open
 *   (opened with the technician PIN, not closed, not idle for longer than the host allows).
 * - Each command is written to the terminal's audit log (who, what, when, how it ended) before
 *   it resolves or rejects; a command whose audit row cannot be written rejects SERVICE_AUDIT_FAILED.
 * - A cash movement (test credit, test payout, emptying, refill) is in the cash ledger before the
 *   command resolves; the printed report follows, and a failed print does not undo the count.
 */
import type { DeviceHealth } from '@cup-kiosk/sync-service/protocol';
import type { Cents } from '@cup-kiosk/sync-service/domain';

export type { DeviceHealth };

export interface ServiceOpenInput {
  /** Digits, as typed on the keypad. */
  pin?: string;
  /**
   * Instead of a PIN: the id of the technician's badge just scanned (`service.badge`). The host
   * kept the badge's secret from the scan; the badge names the technician.
   */
  badgeId?: string;
  /** Who opens the session with a PIN (matricola); default `technician`. */
  technicianId?: string;
}

export interface ServiceSession {
  technicianId: string;
  openedAt: string;
  /** The session closes by itself after this long without a service command. */
  idleLimitMs: number;
}

/** Every device of the terminal with its state in words, and how the terminal stands with the central. */
export interface ServiceStatus {
  /** Printer, coin acceptor, bill validator, hoppers (with their level), card reader, scanner, POS. */
  devices: DeviceHealth[];
  /** Whether the last exchange with the central got an answer. */
  centralOnline: boolean;
  /** Outbox items the central has not answered yet. */
  backlog: number;
  /** When the central last answered an item (ISO 8601); null if never. */
  lastSyncAt: string | null;
  /** Money in the cash box, as the cash ledger says it. */
  cashboxCents: Cents;
  /** Coins and bills in the cash box, by value in cents. */
  cashbox: Record<string, number>;
}

/** A report the printer printed, as plain text; `printError` when the printer could not print it. */
export interface ServicePrinted {
  text: string | null;
  printError?: { code: string; message: string };
}

/** One coin or bill taken during the acceptance test: it went to the cash box, recorded as a test credit. */
export interface ServiceTestCredit {
  device: string;
  valueCents: Cents;
}

export interface ServiceAcceptanceResult {
  credits: ServiceTestCredit[];
  totalCents: Cents;
  /** The cash box after the test: test credits are counted in it and come out at the next emptying. */
  cashboxCents: Cents;
}

export interface ServicePayoutResult {
  hopper: number;
  valueCents: Cents;
  /** Coins the hopper reported paid: 1, or 0 when it is empty or jammed. */
  paid: number;
  /** The hopper's level after, as the ledger says. */
  level: number;
  error?: string;
}

export interface ServiceCountLine {
  valueCents: Cents;
  before: number;
  after: number;
}

export interface ServiceCashEmptied extends ServicePrinted {
  emptiedCents: Cents;
  levels: ServiceCountLine[];
}

export interface ServiceRefillInput {
  /** The hopper's ccTalk address (3 up). */
  hopper: number;
  /** Coins put in, 1 to 5,000. */
  count: number;
}

export interface ServiceHopperRefilled extends ServicePrinted {
  hopper: number;
  valueCents: Cents;
  before: number;
  after: number;
}

export interface ServiceAuditEntry {
  seq: number;
  at: string;
  technicianId: string;
  /** The command (`open`, `test-print`, `empty-cash-box`, ...). */
  action: string;
  outcome: 'ok' | 'failed' | 'refused';
  /** The error code when it failed or was refused. */
  code: string | null;
  /** What it did, in a few words (`2 coins, 3,00 €`). */
  summary: string;
}

export interface ServiceLedgerEntry {
  seq: number;
  at: string;
  kind: string;
  device: string;
  valueCents: Cents;
  count: number;
  amountCents: Cents;
  /** A technician's test or count, not a citizen's money. */
  service: boolean;
}

/** The latest entries, newest first. */
export interface ServiceEventLog {
  audit: ServiceAuditEntry[];
  ledger: ServiceLedgerEntry[];
}

/** How the terminal is set up; read-only here (it is changed in the terminal's start options). */
export interface ServiceConfig {
  terminalId: string;
  centralUrl: string;
  appVersion: string;
  printerProfile: string;
  /** Device lines and the card terminal's address, by device. */
  ports: { device: string; port: string }[];
  hoppers: { address: number; valueCents: Cents }[];
}

export interface ServiceSyncResult {
  ok: boolean;
  /** Why the round failed (CENTRAL_UNREACHABLE ...). */
  code?: string;
  sent: number;
  acked: number;
  backlog: number;
  lastSyncAt: string | null;
}

export interface ServiceApi {
  /**
   * Opens a service session with the technician PIN. Rejects SERVICE_PIN_WRONG (the failures left
   * before the lockout are in the message), SERVICE_LOCKED (five wrong PINs: five minutes, a
   * restart does not end it), SERVICE_BUSY (a citizen's payment is open).
   */
  serviceOpen(input: ServiceOpenInput): Promise<ServiceSession>;
  /** Closes the session; nothing when none is open. */
  serviceClose(): Promise<void>;
  serviceStatus(): Promise<ServiceStatus>;
  /** Prints the printer's test page. */
  serviceTestPrint(): Promise<ServicePrinted>;
  /**
   * Takes coins and bills for up to `seconds` (default 30, at most 120) or until the first one.
   * What is taken goes to the cash box as a test credit, counted at the next emptying.
   */
  serviceAcceptanceTest(input?: { seconds?: number }): Promise<ServiceAcceptanceResult>;
  /** Pays one coin from the hopper at this address (SERVICE_HOPPER_UNKNOWN, SERVICE_HOPPER_EMPTY). */
  servicePayoutTest(hopper: number): Promise<ServicePayoutResult>;
  /** Records the cash box emptied, every coin and bill by value, and prints the report. */
  serviceEmptyCashBox(): Promise<ServiceCashEmptied>;
  /** Records coins put into a hopper and prints the report (SERVICE_HOPPER_UNKNOWN, SERVICE_COUNT_INVALID). */
  serviceRefillHopper(input: ServiceRefillInput): Promise<ServiceHopperRefilled>;
  serviceEventLog(): Promise<ServiceEventLog>;
  serviceConfig(): Promise<ServiceConfig>;
  /** Sends the outbox now; resolves with how it went (a failed round is an answer, not a rejection). */
  serviceSyncNow(): Promise<ServiceSyncResult>;
}

/** The service commands, as carried by a transport. */
export const SERVICE_COMMANDS: readonly (keyof ServiceApi)[] = [
  'serviceOpen',
  'serviceClose',
  'serviceStatus',
  'serviceTestPrint',
  'serviceAcceptanceTest',
  'servicePayoutTest',
  'serviceEmptyCashBox',
  'serviceRefillHopper',
  'serviceEventLog',
  'serviceConfig',
  'serviceSyncNow',
];

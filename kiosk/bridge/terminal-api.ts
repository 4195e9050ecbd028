/**
 * The one seam between the UI and everything else. The UI (Lit screens driven by XState
 * machines) sees only this interface; the host implements it; a transport (Electron IPC or a
 * WebSocket) carries it without logic of its own.
 *
 * Guarantees:
 * - A command resolves with its result or rejects with a `{ code, message }` error whose `code`
 *   is stable UPPER_SNAKE; it never does both, and nothing is reported twice as an event.
 * - An event that says money moved (`cash.credit`, `payment.committed`) is sent only after the
 *   host wrote it durably to the terminal's SQLite.
 * - Events arrive in the order the host produced them.
 */
import type { Cents, Citizen, Classified, IsoDate } from '@cup-kiosk/sync-service/domain';
import type { PaperState, PrinterStatus } from '@cup-kiosk/terminal-drivers/printer';

export interface PayableService {
  code: string;
  description: string;
  tariffCents: Cents;
  exempt: boolean;
}

/** A booking found by its code, with the ticket the citizen owes today. */
export interface PayableBooking {
  bookingCode: string;
  taxCode: string;
  providerName: string;
  placeName: string;
  placeAddress: string;
  startsAt: string;
  services: PayableService[];
  /** Rule set version used for the quote (`demo-4`). */
  ruleVersion: string;
  amountDueCents: Cents;
  /** The amount paid in cash: the total rounded to 5 cents, as the law wants for cash. */
  cashDueCents: Cents;
  status: 'booked' | 'paid' | 'cancelled';
}

export type PaymentMethod = 'cash' | 'card';

export interface BeginPaymentInput {
  bookingCode: string;
  /** The payer, printed on the receipt (the expense is tax-deductible). */
  taxCode: string;
  method: PaymentMethod;
}

export interface PaymentStarted {
  paymentId: string;
  amountDueCents: Cents;
}

export interface ReceiptPrinted {
  transactionId: string;
  /** The receipt as plain text, as printed. */
  text: string;
  /** The same receipt drawn as SVG, for the screen: the citizen sees what the printer printed. */
  svg: string;
  /** Change the hoppers paid out. */
  changePaidCents: Cents;
  /** Change owed on the receipt because no hopper could pay it. */
  voucherCents: Cents;
}

/** The printer's real-time status (DLE EOT 1-4), as the driver decodes it. */
export type { PaperState, PrinterStatus };

export interface SyncStatus {
  backlog: number;
  lastAckAt: string | null;
  online: boolean;
}

/** Events from the host, in the order they happened. Names are `noun.verb`. */
export type TerminalEvent =
  | { type: 'card.inserted'; citizen: Citizen }
  | { type: 'card.removed' }
  | { type: 'card.error'; code: string; message: string }
  | { type: 'cash.credit'; paymentId: string; valueCents: Cents; creditedCents: Cents; amountDueCents: Cents }
  /** A bill given back from escrow (NO_CHANGE: the hoppers could not change it). */
  | { type: 'cash.rejected'; valueCents: Cents; reason: string }
  | {
      type: 'payment.committed';
      paymentId: string;
      transactionId: string;
      paidCents: Cents;
      /** Overpayment the kiosk owes back (change, or a voucher where change cannot be paid). */
      changeDueCents: Cents;
    }
  /** A card payment the POS did not take: declined, cancelled, timed out, or the POS failed. */
  | { type: 'pos.declined'; paymentId: string; outcome: 'declined' | 'cancelled' | 'timeout' | 'failed'; code: string; message: string }
  | { type: 'printer.status'; status: PrinterStatus }
  /** A barcode read by the scanner, already told apart (`classify`): what the citizen showed. */
  | { type: 'scan.read'; text: string; classified: Classified }
  | { type: 'sync.status'; status: SyncStatus };

export type TerminalEventType = TerminalEvent['type'];

export interface TerminalInfo {
  terminalId: string;
  /** Today in Europe/Rome, as the host's clock says. */
  today: IsoDate;
  /** Whether a card terminal (POS) is attached: the card button shows only then. */
  cardPayments: boolean;
  /** Quiet time before "are you still there?", and its countdown, in ms. */
  attention: { quietMs: number; warningMs: number };
}

export interface TerminalApi {
  info(): Promise<TerminalInfo>;
  /** Finds a booking by its 12-digit code (spaces allowed) and quotes what is due today. */
  findBooking(code: string): Promise<PayableBooking>;
  /** Records a payment intent and starts accepting money for it. */
  beginPayment(input: BeginPaymentInput): Promise<PaymentStarted>;
  /** Stops accepting money. Credit already taken stays recorded and is owed to the citizen. */
  cancelPayment(paymentId: string): Promise<{ refundedCents: Cents; voucherCents: Cents }>;
  /** Prints the receipt of a committed payment (again, for a reprint). */
  printReceipt(transactionId: string): Promise<ReceiptPrinted>;
  printerStatus(): Promise<PrinterStatus>;
  /** Subscribes to host events; returns the unsubscribe function. */
  subscribe(listener: (event: TerminalEvent) => void): () => void;
}

/** The commands of `TerminalApi`, as carried by a transport. */
export type TerminalCommand = Exclude<keyof TerminalApi, 'subscribe'>;

export const TERMINAL_COMMANDS: readonly TerminalCommand[] = [
  'info',
  'findBooking',
  'beginPayment',
  'cancelPayment',
  'printReceipt',
  'printerStatus',
];

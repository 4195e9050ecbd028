import type { Booking, Citizen, Classified } from '@cup-kiosk/sync-service/domain';
import type { PaymentReceiptData, VoucherData } from '@cup-kiosk/terminal-drivers/printer';
import type { PrinterStatus } from '../bridge/terminal-api.ts';

/**
 * What the host needs from each device and from the central, as small interfaces. Drivers and
 * simulators are composed into these in `devices.ts`; tests hand in their own.
 */

/** A coin credited by the acceptor, with what makes it unique across restarts of either side. */
export interface CashCredit {
  /** Stable identity of this credit: device serial, power-up epoch and event counter. */
  key: string;
  device: string;
  eventCounter: number;
  valueCents: number;
}

/** The data a payment receipt is laid out from: the printer layout's own. */
export type { PaymentReceiptData };

export interface ReceiptPrinterPort {
  status(): Promise<PrinterStatus>;
  /** Prints the receipt and resolves with its text once the printer reports it cut. */
  printPaymentReceipt(data: PaymentReceiptData): Promise<{ text: string; svg: string }>;
  /** Prints a voucher for money the kiosk owes a citizen. */
  printVoucher(data: VoucherData): Promise<{ text: string; svg: string }>;
}

export interface CentralPort {
  lookupBooking(code: string): Promise<Booking>;
  /** The income band a citizen self-certified, in force on a date; null when none (or offline). */
  incomeBand?(taxCode: string, date: string): Promise<1 | 2 | 3 | 4 | null>;
  /** Asks the sync client to send what is pending now (it also runs on its own). */
  kick(): void;
}

/** Events the device layer pushes into the host. */
export type DeviceInput =
  | { type: 'card.inserted'; citizen: Citizen }
  | { type: 'card.removed' }
  | { type: 'card.error'; code: string; message: string }
  | { type: 'scan.read'; text: string; classified: Classified };

import type { Booking, Citizen, Classified } from '@cup-kiosk/sync-service/domain';
import type { InvitationSlotSearchResponse, InvitationView, MoveSearchResponse, PrescriptionView, SlotHoldResponse, SlotSearchResponse } from '@cup-kiosk/sync-service/protocol';
import type { BookingSlipData, CancellationSlipData, PaymentReceiptData, VoucherData } from '@cup-kiosk/terminal-drivers/printer';
import type { IncomeBandNumber, PrinterStatus } from '../bridge/terminal-api.ts';

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
  /** Prints the slip of a booking made here: where, when, the code as barcode and QR. */
  printBookingSlip(data: BookingSlipData): Promise<{ text: string; svg: string }>;
  /** Prints the receipt of a cancellation: refund requested, nothing due, or ticket still due. A printer without it prints none. */
  printCancellationSlip?(data: CancellationSlipData): Promise<{ text: string; svg: string }>;
}

/** A pagoPA notice as the central answers it. */
export interface NoticeView {
  noticeCode: string;
  creditorFiscalCode: string;
  creditorName: string;
  subject: string;
  /** The booking whose ticket the notice recovers. */
  bookingCode: string;
  /** The debtor. */
  taxCode: string;
  amountCents: number;
  dueDate: string;
  status: 'payable' | 'paid' | 'cancelled';
  /** Until when a payment holds it (ISO instant); null when nobody does. */
  lockedUntil: string | null;
}

/** A self-certified income band with when it was declared: what orders two declarations. */
export interface DeclaredIncomeBand {
  band: IncomeBandNumber;
  /** Europe/Rome date of the declaration; it counts from that day on. */
  declaredOn: string;
  /** ISO 8601 instant of the declaration; orders two declarations of one day. */
  declaredAt: string;
}

/** What a citizen still owes, as the central lists it. */
export interface UnpaidAtCentral {
  bookings: Booking[];
  notices: NoticeView[];
}

/**
 * The central as the host uses it. Notice methods reject CENTRAL_UNREACHABLE when the central
 * cannot be asked, and NOTICE_UNKNOWN, NOTICE_LOCKED, NOTICE_PAID, NOTICE_CANCELLED or
 * BAD_NOTICE when it refuses; a port without them is a central that cannot take notices.
 */
export interface CentralPort {
  lookupBooking(code: string): Promise<Booking>;
  /** The income band a citizen self-certified, in force on a date, as the central holds it; null when none. */
  incomeBand?(taxCode: string, date: string): Promise<DeclaredIncomeBand | null>;
  /** The notice as the central holds it now, whatever its status. */
  verifyNotice?(noticeCode: string): Promise<NoticeView>;
  /**
   * Holds a payable notice for this payment (for some minutes; asking again extends it), so no
   * other channel pays it at the same time.
   */
  lockNotice?(noticeCode: string, paymentId: string): Promise<{ lockedUntil: string }>;
  /** Lets go of a notice this payment held (cancelled, or not taken). */
  releaseNotice?(noticeCode: string, paymentId: string): Promise<void>;
  /** A citizen's booked and unpaid bookings and payable notices. */
  unpaidTickets?(taxCode: string): Promise<UnpaidAtCentral>;
  /**
   * Booking needs the central's agendas: these reject CENTRAL_UNREACHABLE when it cannot be
   * asked, and with the central's own code (AGENDA_ERROR_CODES) when it refuses.
   */
  prescriptions?(taxCode: string): Promise<PrescriptionView[]>;
  searchSlots?(nre: string, taxCode: string): Promise<SlotSearchResponse>;
  holdSlot?(slotId: string, nre: string, taxCode: string): Promise<SlotHoldResponse>;
  releaseHold?(holdId: string): Promise<{ released: boolean }>;
  /** Changing a booking: the citizen's upcoming bookings, slots to move one to, and a hold on one under the booking's code. */
  citizenBookings?(taxCode: string): Promise<Booking[]>;
  moveSlots?(bookingCode: string, taxCode: string): Promise<MoveSearchResponse>;
  holdForMove?(bookingCode: string, slotId: string, taxCode: string): Promise<SlotHoldResponse>;
  /** Campaign invitations, on the same agendas and holds; reject as the agenda methods, and with CAMPAIGN_ERROR_CODES. */
  invitations?(taxCode: string): Promise<InvitationView[]>;
  searchInvitationSlots?(invitationId: string, taxCode: string): Promise<InvitationSlotSearchResponse>;
  holdInvitationSlot?(invitationId: string, slotId: string, taxCode: string): Promise<SlotHoldResponse>;
  /** Asks the sync client to send what is pending now (it also runs on its own). */
  kick(): void;
}

/** Events the device layer pushes into the host. */
export type DeviceInput =
  | { type: 'card.inserted'; citizen: Citizen }
  | { type: 'card.removed' }
  | { type: 'card.error'; code: string; message: string }
  | { type: 'scan.read'; text: string; classified: Classified };

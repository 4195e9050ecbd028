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
import type { IncomeBandNumber } from './income-band-form.ts';
import { SERVICE_COMMANDS, type ServiceApi } from './service-api.ts';
import { COUNTER_COMMANDS, type CounterApi } from './counter-api.ts';
import { CAMPAIGN_COMMANDS, type CampaignApi, type InvitationOffer } from './campaign-api.ts';
import { MANAGE_COMMANDS, type ManageApi } from './manage-api.ts';

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

/**
 * A pagoPA payment notice (avviso) as the central answers it. The central issues one for a
 * ticket left unpaid past its due date; its amount is fixed when issued.
 */
export interface PayableNotice {
  /** 18 digits, aux digit 3. */
  noticeCode: string;
  /** The creditor body's 11-digit fiscal code, as in the QR. */
  creditorFiscalCode: string;
  creditorName: string;
  /** What the notice is for, as the central wrote it. */
  subject: string;
  /** The booking whose ticket the notice recovers. */
  bookingCode: string;
  /** The debtor, printed on the receipt. */
  taxCode: string;
  amountDueCents: Cents;
  /** The amount paid in cash: rounded to 5 cents. */
  cashDueCents: Cents;
  dueDate: IsoDate;
  status: 'payable' | 'paid' | 'cancelled';
}

/** What a citizen identified at the kiosk still owes: tickets of bookings and pagoPA notices. */
export interface UnpaidTickets {
  /** Booked and unpaid, each quoted today; a booking with a notice issued shows as its notice. */
  bookings: PayableBooking[];
  notices: PayableNotice[];
}

export type { IncomeBandNumber };

/** The income band the terminal quotes a citizen with today: their newest self-certification. */
export interface IncomeBandInForce {
  /** Null when the citizen declared none: the rules' default band applies. */
  band: IncomeBandNumber | null;
  /** Europe/Rome date of that declaration; null with no band. */
  declaredOn: IsoDate | null;
}

export interface DeclareIncomeBandInput {
  /** The declaring citizen's codice fiscale (case and spaces around it do not matter). */
  taxCode: string;
  band: IncomeBandNumber;
}

/** A self-certification recorded on this terminal, in force from `declaredOn`. */
export interface IncomeBandDeclared {
  declarationId: string;
  band: IncomeBandNumber;
  declaredOn: IsoDate;
}

/** One of the citizen's prescriptions that can be booked. */
export interface OpenPrescription {
  /** 15 characters. */
  nre: string;
  /** Priority class: U 72 hours, B 10 days, D 30 (visits) or 60 (tests) days, P 120 days. */
  priority: 'U' | 'B' | 'D' | 'P';
  issuedOn: IsoDate;
  prescriber: string;
  services: { code: string; description: string }[];
}

/** A free slot offered for a prescription. */
export interface SlotOffer {
  slotId: string;
  providerName: string;
  placeName: string;
  placeAddress: string;
  /** Local start, `YYYY-MM-DDTHH:mm` Europe/Rome. */
  startsAt: string;
  durationMinutes: number;
  intramoenia: boolean;
}

/** Free slots for a prescription: earliest first, inside its priority deadline. */
export interface SlotSearch {
  /** The prescription booked; absent when a campaign invitation is (`invitation`). */
  prescription?: OpenPrescription;
  invitation?: InvitationOffer;
  /** The last instant a slot may start (ISO 8601). */
  deadline: string;
  /** Empty: nothing in time; the citizen may join the waiting list. */
  slots: SlotOffer[];
  /** True: the central is unreachable and these come from the last agenda snapshot; a booking is provisional. */
  provisional?: boolean;
}

export interface HoldSlotInput {
  taxCode: string;
  nre: string;
  slotId: string;
  /** Set (and `nre` empty) when the slot is booked for a campaign invitation rather than a prescription. */
  invitationId?: string;
}

/** A slot held for the citizen while they confirm, with the booking it makes and its quote. */
export interface HeldSlot {
  holdId: string;
  /** ISO 8601 instant; the UI counts down to it and gives up the hold then. */
  heldUntil: string;
  /** The booking as it will be, quoted today (status `booked`, its code already issued). */
  booking: PayableBooking;
  /** Whether the citizen may pay at the appointment (not intramoenia, and something is due). */
  payAtAppointmentAllowed: boolean;
  /** True: held on this terminal only, offline; the central confirms the booking when it is back. */
  provisional?: boolean;
}

export interface ConfirmBookingInput {
  holdId: string;
  payAt: 'now' | 'appointment';
}

/** A booking recorded on this terminal and queued for the central, with its slip. */
export interface BookingConfirmed {
  booking: PayableBooking;
  /** The slip as printed; null when the printer could not print it (`slipError` says why). */
  slip: { text: string; svg: string } | null;
  slipError?: { code: string; message: string };
  /** True: booked offline, to be confirmed by the central (the slip says so). */
  provisional?: boolean;
}

export interface JoinWaitingListInput {
  taxCode: string;
  nre: string;
  /** As typed: spaces allowed; a national number gets +39. */
  phone: string;
}

/** One thing a payment pays; a payment may pay several in one go. */
export type PaymentItem = { kind: 'booking'; bookingCode: string } | { kind: 'notice'; noticeCode: string };

/** How a payment starts. Cash may be followed by a card for the rest, and a card part by cash. */
export type PaymentMethod = 'cash' | 'card';

export interface BeginPaymentInput {
  /** One to ten items; the total due is their sum. */
  items: PaymentItem[];
  /** The payer, printed on the receipt (the expense is tax-deductible). */
  taxCode: string;
  method: PaymentMethod;
  /**
   * With `method: 'card'`: the part the card pays first, less than the total; the rest is then
   * paid in cash (rounded to 5 cents). Absent: the card pays the whole total.
   */
  cardCents?: Cents;
}

export interface PaymentStarted {
  paymentId: string;
  /** The exact total of the items. */
  amountDueCents: Cents;
  /** What cash must reach now (rounded to 5 cents); 0 while a card is paying the rest. */
  cashDueCents: Cents;
  /** The card part now on the POS; 0 for none. */
  cardCents: Cents;
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
  /**
   * A card payment the POS did not take: declined, cancelled, timed out, or the POS failed.
   * `paymentOpen`: the payment goes on (cash was credited or a card part approved): the citizen
   * may add cash, try another card, or cancel and get their money back. Otherwise it is over.
   */
  | {
      type: 'pos.declined';
      paymentId: string;
      outcome: 'declined' | 'cancelled' | 'timeout' | 'failed';
      code: string;
      message: string;
      paymentOpen: boolean;
    }
  /** A card part was approved and cash is still due for the rest (rounded to 5 cents). */
  | { type: 'pos.approved'; paymentId: string; cardCents: Cents; cashDueCents: Cents }
  | { type: 'printer.status'; status: PrinterStatus }
  /** A barcode read by the scanner, already told apart (`classify`): what the citizen showed. */
  | { type: 'scan.read'; text: string; classified: Classified }
  | { type: 'sync.status'; status: SyncStatus }
  /** A citizen asked for help: staff are called (the heartbeat carries it) until it is cleared. */
  | { type: 'assistance.requested'; requestedAt: string }
  /** The session the help was asked in ended: nobody waits any more. */
  | { type: 'assistance.cleared' }
  /** The cabinet's service switch was turned: the screen asks for the technician PIN. */
  | { type: 'service.requested' }
  /** A technician's badge was scanned (only its id travels): the screen may open service mode with it. */
  | { type: 'service.badge'; badgeId: string };

export type TerminalEventType = TerminalEvent['type'];

export interface TerminalInfo {
  terminalId: string;
  /** Today in Europe/Rome, as the host's clock says. */
  today: IsoDate;
  /** Whether a card terminal (POS) is attached: the card button shows only then. */
  cardPayments: boolean;
  /** Quiet time before "are you still there?", and its countdown, in ms. */
  attention: { quietMs: number; warningMs: number };
  /** A pharmacy counter: an operator signs in and serves citizens (`counter-api.ts`); absent on a kiosk. */
  counter?: boolean;
}

/** The technician's service mode is its own block of commands (`service-api.ts`). */
export interface TerminalApi extends ServiceApi, CounterApi, CampaignApi, ManageApi {
  info(): Promise<TerminalInfo>;
  /** Finds a booking by its 12-digit code (spaces allowed) and quotes what is due today. */
  findBooking(code: string): Promise<PayableBooking>;
  /**
   * Asks the central about a notice: its 18-digit code (spaces allowed) or the QR text.
   * Rejects BAD_NOTICE (malformed), NOTICE_UNKNOWN, NOTICE_OFFLINE (a notice is payable only
   * while the central answers); a paid or cancelled notice resolves with that status.
   */
  findNotice(code: string): Promise<PayableNotice>;
  /** What the citizen still owes, from the central (NOTICE_OFFLINE when it does not answer). */
  unpaidTickets(taxCode: string): Promise<UnpaidTickets>;
  /**
   * The band quotes use for the citizen today: the newest of what this terminal recorded and
   * what the central answers (offline: this terminal's only). Rejects TAX_CODE_* for a bad code.
   */
  incomeBand(taxCode: string): Promise<IncomeBandInForce>;
  /**
   * Records the citizen's self-certified band, dated today, with the statement version of
   * `income-band-form.ts`, and queues it for the central; it resolves once both are on disk,
   * and every later quote for the citizen uses it. Rejects INCOME_BAND_INVALID (not 1-4),
   * TAX_CODE_* (a bad codice fiscale), INCOME_BAND_NOT_TAKEN (a terminal without the record).
   */
  declareIncomeBand(input: DeclareIncomeBandInput): Promise<IncomeBandDeclared>;
  /**
   * The citizen's open prescriptions at the central, newest first. With the central unreachable,
   * those seen here before, for a provisional booking from the last agenda snapshot; rejects
   * BOOKING_OFFLINE when no snapshot is held or it is too old, TAX_CODE_* for a bad code.
   */
  prescriptions(taxCode: string): Promise<OpenPrescription[]>;
  /**
   * Free slots for one of the citizen's prescriptions (NRE typed or scanned). Rejects BAD_NRE,
   * PRESCRIPTION_UNKNOWN, PRESCRIPTION_NOT_OPEN (already booked), PRESCRIPTION_NOT_YOURS,
   * BOOKING_OFFLINE.
   */
  findSlots(input: { taxCode: string; nre: string; invitationId?: string }): Promise<SlotSearch>;
  /** Holds a slot (SLOT_TAKEN when another terminal was quicker, SLOT_OUT_OF_DEADLINE, BOOKING_OFFLINE). */
  holdSlot(input: HoldSlotInput): Promise<HeldSlot>;
  /** Gives a held slot back (the citizen went back or gave up); nothing when it had lapsed. */
  releaseHold(holdId: string): Promise<void>;
  /**
   * Books the held slot: the booking is on this terminal's disk and queued for the central when
   * this resolves, then the slip prints. A booking to pay now is then paid with `beginPayment`.
   * Rejects HOLD_UNKNOWN (not held here, or lapsed).
   */
  confirmBooking(input: ConfirmBookingInput): Promise<BookingConfirmed>;
  /**
   * Puts the citizen on the waiting list for a prescription with no slot in time, to be called
   * back on `phone`; queued for the central. Rejects PHONE_INVALID, BAD_NRE, TAX_CODE_*.
   */
  joinWaitingList(input: JoinWaitingListInput): Promise<{ requestId: string }>;
  /**
   * Records a payment intent and starts taking money for it. Notices are locked at the central
   * first (NOTICE_LOCKED: being paid elsewhere now; NOTICE_PAID; NOTICE_OFFLINE).
   */
  beginPayment(input: BeginPaymentInput): Promise<PaymentStarted>;
  /**
   * Pays what is still due of an open payment by card: after some cash, or another card after
   * a decline. Cash acceptance stops while the card runs.
   */
  payRestByCard(paymentId: string): Promise<{ cardCents: Cents }>;
  /**
   * Stops the payment. Cash credited goes back (change, or a voucher for what cannot be paid
   * out); an approved card part is reversed on the POS.
   */
  cancelPayment(paymentId: string): Promise<{ refundedCents: Cents; voucherCents: Cents; cardReversedCents: Cents }>;
  /** Prints the receipt of a committed payment (again, for a reprint). */
  printReceipt(transactionId: string): Promise<ReceiptPrinted>;
  printerStatus(): Promise<PrinterStatus>;
  /**
   * Calls staff to the terminal: the request stands until `clearAssistance`, and asking again
   * meanwhile changes nothing and resolves with the time of the standing request (ISO 8601).
   */
  requestAssistance(): Promise<{ requestedAt: string }>;
  /** The session the help was asked in ended (the UI is back to idle); nothing when none stands. */
  clearAssistance(): Promise<void>;
  /** Subscribes to host events; returns the unsubscribe function. */
  subscribe(listener: (event: TerminalEvent) => void): () => void;
}

/** The commands of `TerminalApi`, as carried by a transport. */
export type TerminalCommand = Exclude<keyof TerminalApi, 'subscribe'>;

export const TERMINAL_COMMANDS: readonly TerminalCommand[] = [
  'info',
  'findBooking',
  'findNotice',
  'unpaidTickets',
  'incomeBand',
  'declareIncomeBand',
  'prescriptions',
  'findSlots',
  'holdSlot',
  'releaseHold',
  'confirmBooking',
  'joinWaitingList',
  'beginPayment',
  'payRestByCard',
  'cancelPayment',
  'printReceipt',
  'printerStatus',
  'requestAssistance',
  'clearAssistance',
  ...SERVICE_COMMANDS,
  ...COUNTER_COMMANDS,
  ...CAMPAIGN_COMMANDS,
  ...MANAGE_COMMANDS,
];

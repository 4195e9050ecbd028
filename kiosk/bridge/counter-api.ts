/**
 * The pharmacy counter's commands, part of `TerminalApi` in one block: the operator signs in,
 * serves citizens through the citizen session (booking and payment on their behalf), takes cash
 * by hand and closes the day.
 *
 * Guarantees, besides those of `TerminalApi`:
 * - Every command but `counterLogin` and `counterSession` rejects COUNTER_NOT_SIGNED_IN unless an
 *   operator is signed in; on a terminal not set up as a counter, every one rejects
 *   COUNTER_NOT_AVAILABLE.
 * - A payment begun while an operator is signed in records that operator with it, in the
 *   transaction that opens it.
 * - `counterCash` commits the payment, the amount tendered, the change and its outbox entry in one
 *   transaction before it resolves; `payment.committed` follows, then the receipt prints.
 * - `counterCloseDay` records the close and its outbox entry in one transaction, then prints it.
 */
import type { Cents, IsoDate } from '@cup-kiosk/sync-service/domain';

export interface CounterLoginInput {
  /** The operator's code, as typed (case and spaces around it do not matter). */
  code: string;
  /** Digits, as typed. */
  pin: string;
}

export interface CounterOperator {
  code: string;
  name: string;
}

export interface CounterSession {
  operator: CounterOperator;
  signedInAt: string;
  /** The operator's working day (Europe/Rome) the payments count in. */
  day: IsoDate;
}

export interface CounterCashInput {
  paymentId: string;
  /** What the citizen handed over, in cents, as the operator counted it. */
  tenderedCents: Cents;
}

/** Cash taken at the counter: committed, with the change the operator gives back. */
export interface CounterCashTaken {
  transactionId: string;
  /** What cash had to reach: the cash part rounded to 5 cents. */
  cashDueCents: Cents;
  tenderedCents: Cents;
  /** `tendered - cashDue`: what the operator gives back. */
  changeCents: Cents;
}

/** One line of the close: what the operator took for one kind of item or one provider. */
export interface CounterCloseLine {
  label: string;
  count: number;
  amountCents: Cents;
}

/** What one operator took on one day at this terminal. */
export interface CounterDayTotals {
  operator: CounterOperator;
  day: IsoDate;
  /** Committed payments. */
  payments: number;
  /** Cash the operator took: tendered less change, with the 5-cent rounding. */
  cashCents: Cents;
  /** Card parts the POS approved. */
  cardCents: Cents;
  /** `cash + card`. */
  totalCents: Cents;
  /** The 5-cent rounding of the cash parts (collected − items). */
  roundingCents: Cents;
  /** By kind of item: tickets of bookings, pagoPA notices. */
  items: CounterCloseLine[];
  /** By provider the money is owed to. */
  providers: CounterCloseLine[];
}

export interface CounterDayClosed extends CounterDayTotals {
  closeId: string;
  closedAt: string;
  /** The sheet as printed; null when the printer could not print it (`printError` says why). */
  printed: string | null;
  printError?: { code: string; message: string };
}

export interface CounterApi {
  /**
   * Signs an operator in. Rejects COUNTER_LOGIN_WRONG (unknown code or wrong PIN; the tries left
   * are in the message), COUNTER_LOCKED (five wrong PINs: five minutes, a restart does not end
   * it), COUNTER_OPERATOR_DISABLED, COUNTER_DAY_CLOSED (this operator closed today already).
   */
  counterLogin(input: CounterLoginInput): Promise<CounterSession>;
  /** Signs the operator out; nothing when nobody is signed in. */
  counterLogout(): Promise<void>;
  /** The operator signed in now, or null. */
  counterSession(): Promise<CounterSession | null>;
  /**
   * Takes the cash part of an open payment, counted by the operator. Rejects
   * COUNTER_TENDERED_SHORT (less than due: nothing recorded), PAYMENT_NOT_OPEN,
   * CARD_PART_RUNNING (a card part is on the POS), COUNTER_PAYMENT_NOT_YOURS.
   */
  counterCash(input: CounterCashInput): Promise<CounterCashTaken>;
  /** What the operator signed in took today so far. */
  counterDayTotals(): Promise<CounterDayTotals>;
  /**
   * Closes the operator's day: recorded with its outbox entry (one per operator and day), printed,
   * and the operator signed out. A second close is refused: signing in again that day rejects
   * COUNTER_DAY_CLOSED, so the close holds every payment of the day. Rejects PAYMENT_OPEN while a
   * payment is open.
   */
  counterCloseDay(): Promise<CounterDayClosed>;
}

/** The counter commands, as carried by a transport. */
export const COUNTER_COMMANDS: readonly (keyof CounterApi)[] = [
  'counterLogin',
  'counterLogout',
  'counterSession',
  'counterCash',
  'counterDayTotals',
  'counterCloseDay',
];

import type { Citizen, Classified } from '@cup-kiosk/sync-service/domain';
import type { CitizenNews } from '../bridge/campaign-api.ts';
import type { IncomeBandNumber, PayableBooking, TerminalEvent } from '../bridge/terminal-api.ts';

/** How a card payment ended without being taken, as the POS reported it. */
export type PosOutcome = Extract<TerminalEvent, { type: 'pos.declined' }>['outcome'];

/** Events the citizen session machine understands: from the screen and from the host. */
export type SessionEvent =
  | { type: 'SESSION.START' }
  | { type: 'SESSION.CANCEL' }
  | { type: 'SESSION.FINISH' }
  | { type: 'SESSION.ACTIVITY' }
  /** The citizen did not answer the "are you still there?" warning. */
  | { type: 'SESSION.TIMEOUT' }
  | { type: 'MENU.PAY_BOOKING' }
  | { type: 'MENU.PAY_NOTICE' }
  | { type: 'MENU.UNPAID' }
  /** The self-certification of the family-income band. */
  | { type: 'MENU.INCOME_BAND' }
  /** Book a visit or test: the citizen's open prescriptions. */
  | { type: 'MENU.BOOK' }
  /** Cancel or move a booking: the citizen's upcoming bookings, or one by its code. */
  | { type: 'MENU.MANAGE' }
  /** A booking of the citizen's list picked to change; or one to find by its code instead. */
  | { type: 'MANAGE.CHOOSE'; bookingCode: string }
  | { type: 'MANAGE.BY_CODE' }
  /** On the booking's detail: cancel it (a confirmation follows) or move it to another slot. */
  | { type: 'MANAGE.CANCEL' }
  | { type: 'MANAGE.MOVE' }
  /** The citizen confirms the cancellation as the dialog described it. */
  | { type: 'CANCEL.CONFIRM' }
  /** The citizen confirms the move to the held slot. */
  | { type: 'MOVE.CONFIRM' }
  /** The host answered what an identified citizen is to be told (their invitations and conflicts). */
  | { type: 'NEWS.LOADED'; taxCode: string; news: CitizenNews }
  /** Book a campaign invitation shown on the menu: its slots, as for a prescription. */
  | { type: 'INVITATION.BOOK'; invitationId: string }
  /** "Not interested": recorded, the invitation is not offered again. */
  | { type: 'INVITATION.DECLINE'; invitationId: string }
  /** "Not now": off the menu for this session only; offered again next time. */
  | { type: 'INVITATION.LATER'; invitationId: string }
  /** The citizen read a conflict shown on the menu. */
  | { type: 'CONFLICT.ACKNOWLEDGE'; key: string }
  /** A prescription of the list picked for booking, by its NRE. */
  | { type: 'PRESCRIPTION.CHOOSE'; nre: string }
  /** A free slot picked: it is held while the citizen confirms. */
  | { type: 'SLOT.CHOOSE'; slotId: string }
  /** Look for free slots again (after a hold lapsed). */
  | { type: 'SLOTS.SEARCH' }
  /** The held slot is booked; the ticket paid now or at the appointment. */
  | { type: 'BOOKING.CONFIRM'; payAt: 'now' | 'appointment' }
  /** Pay the booking just made, by the usual ways to pay. */
  | { type: 'BOOKING.PAY' }
  /** No slot in time: ask for the waiting list. */
  | { type: 'WAITING_LIST.JOIN' }
  /** The call-back number for the waiting list, as typed. */
  | { type: 'PHONE.SUBMIT'; phone: string }
  /** A band picked on the self-certification form. */
  | { type: 'INCOME_BAND.CHOOSE'; band: IncomeBandNumber }
  /** The citizen accepts the statement for the band picked. */
  | { type: 'INCOME_BAND.CONFIRM' }
  | { type: 'NAV.BACK' }
  /** On the insert-card screen: identify by typing the codice fiscale instead. */
  | { type: 'TAX_CODE.ENTER' }
  /** The codice fiscale typed on the on-screen keyboard; taken only when `parseTaxCode` accepts it. */
  | { type: 'TAX_CODE.SUBMIT'; taxCode: string }
  /** A code typed on the keypad: a booking's 12 digits or a notice's 18, by the screen it was typed on. */
  | { type: 'CODE.SUBMIT'; code: string }
  /** An item of the unpaid list checked or unchecked, by its key (`unpaidKey`). */
  | { type: 'UNPAID.TOGGLE'; key: string }
  /** Pay the checked items of the unpaid list. */
  | { type: 'PAY.SELECTED' }
  | { type: 'PAY.CASH' }
  | { type: 'PAY.CARD' }
  /** Part by card, the rest in cash: asks for the card part. */
  | { type: 'PAY.SPLIT' }
  /** The card part typed, in cents. */
  | { type: 'CARD_PART.SUBMIT'; cents: number }
  /** While paying in cash, or after a declined card: the rest by (another) card. */
  | { type: 'PAY.REST_BY_CARD' }
  /** After a declined card: back to the coin slot. */
  | { type: 'PAY.MORE_CASH' }
  | { type: 'CASH.REJECTED'; valueCents: number; reason: string }
  | { type: 'POS.DECLINED'; paymentId: string; outcome: PosOutcome; code: string; message: string; paymentOpen: boolean }
  | { type: 'POS.APPROVED'; paymentId: string; cardCents: number; cashDueCents: number }
  | { type: 'CARD.INSERTED'; citizen: Citizen }
  /** What the scanner read (`text`, without its AIM prefix), and what it is. */
  | { type: 'SCAN.READ'; text: string; classified: Classified }
  | { type: 'CARD.REMOVED' }
  | { type: 'CARD.ERROR'; code: string; message: string }
  | { type: 'CASH.CREDIT'; paymentId: string; valueCents: number; creditedCents: number; amountDueCents: number }
  | { type: 'PAYMENT.COMMITTED'; paymentId: string; transactionId: string; paidCents: number; changeDueCents: number };

export type { PayableBooking };

/**
 * Host events become machine events here and nowhere else. Events the session does not act on
 * (printer and sync status, a call for help) return null and are rendered from elsewhere.
 */
export function toSessionEvent(event: TerminalEvent): SessionEvent | null {
  switch (event.type) {
    case 'card.inserted':
      return { type: 'CARD.INSERTED', citizen: event.citizen };
    case 'card.removed':
      return { type: 'CARD.REMOVED' };
    case 'card.error':
      return { type: 'CARD.ERROR', code: event.code, message: event.message };
    case 'cash.credit':
      return {
        type: 'CASH.CREDIT',
        paymentId: event.paymentId,
        valueCents: event.valueCents,
        creditedCents: event.creditedCents,
        amountDueCents: event.amountDueCents,
      };
    case 'payment.committed':
      return {
        type: 'PAYMENT.COMMITTED',
        paymentId: event.paymentId,
        transactionId: event.transactionId,
        paidCents: event.paidCents,
        changeDueCents: event.changeDueCents,
      };
    case 'pos.declined':
      return {
        type: 'POS.DECLINED',
        paymentId: event.paymentId,
        outcome: event.outcome,
        code: event.code,
        message: event.message,
        paymentOpen: event.paymentOpen,
      };
    case 'pos.approved':
      return { type: 'POS.APPROVED', paymentId: event.paymentId, cardCents: event.cardCents, cashDueCents: event.cashDueCents };
    case 'scan.read':
      return { type: 'SCAN.READ', text: event.text, classified: event.classified };
    case 'cash.rejected':
      return { type: 'CASH.REJECTED', valueCents: event.valueCents, reason: event.reason };
    case 'printer.status':
    case 'sync.status':
    case 'assistance.requested':
    case 'assistance.cleared':
    case 'service.requested':
    case 'service.badge':
      return null;
  }
}

import type { Citizen, Classified } from '@cup-kiosk/sync-service/domain';
import type { PayableBooking, TerminalEvent } from '../bridge/terminal-api.ts';

/** Events the citizen session machine understands: from the screen and from the host. */
export type SessionEvent =
  | { type: 'SESSION.START' }
  | { type: 'SESSION.CANCEL' }
  | { type: 'SESSION.FINISH' }
  | { type: 'SESSION.ACTIVITY' }
  /** The citizen did not answer the "are you still there?" warning. */
  | { type: 'SESSION.TIMEOUT' }
  | { type: 'MENU.PAY_BOOKING' }
  | { type: 'NAV.BACK' }
  | { type: 'CODE.SUBMIT'; code: string }
  | { type: 'PAY.CASH' }
  | { type: 'CASH.REJECTED'; valueCents: number; reason: string }
  | { type: 'PAY.CARD' }
  | { type: 'POS.DECLINED'; paymentId: string; outcome: string; code: string; message: string }
  | { type: 'CARD.INSERTED'; citizen: Citizen }
  | { type: 'SCAN.READ'; classified: Classified }
  | { type: 'CARD.REMOVED' }
  | { type: 'CARD.ERROR'; code: string; message: string }
  | { type: 'CASH.CREDIT'; paymentId: string; valueCents: number; creditedCents: number; amountDueCents: number }
  | { type: 'PAYMENT.COMMITTED'; paymentId: string; transactionId: string; paidCents: number; changeDueCents: number };

export type { PayableBooking };

/**
 * Host events become machine events here and nowhere else. Events the session does not act on
 * (printer and sync status) return null and are rendered from elsewhere.
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
      return { type: 'POS.DECLINED', paymentId: event.paymentId, outcome: event.outcome, code: event.code, message: event.message };
    case 'scan.read':
      return { type: 'SCAN.READ', classified: event.classified };
    case 'cash.rejected':
      return { type: 'CASH.REJECTED', valueCents: event.valueCents, reason: event.reason };
    case 'printer.status':
    case 'sync.status':
      return null;
  }
}

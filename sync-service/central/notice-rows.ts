import { numberNotice, type NoticeDraft } from '../domain/notices.ts';
import type { Notice, NoticeStatus } from '../protocol/index.ts';
import type { NoticeIssue, NoticeLockOutcome } from './store.ts';

/** The notices table as both stores hold it: its row, and the rules their statements share. */

export interface NoticeRow {
  notice_code: string;
  iuv: string;
  creditor_fiscal_code: string;
  creditor_name: string;
  booking_code: string;
  tax_code: string;
  amount_cents: number;
  subject: string;
  due_date: string;
  issued_at: string;
  status: NoticeStatus;
  paid_at: string | null;
  paid_by: string | null;
  lock_terminal_id: string | null;
  lock_payment_id: string | null;
  locked_until: string | null;
}

export function toNotice(r: NoticeRow): Notice {
  return {
    noticeCode: r.notice_code,
    iuv: r.iuv,
    creditorFiscalCode: r.creditor_fiscal_code,
    creditorName: r.creditor_name,
    bookingCode: r.booking_code,
    taxCode: r.tax_code,
    amountCents: Number(r.amount_cents),
    subject: r.subject,
    dueDate: r.due_date,
    issuedAt: r.issued_at,
    status: r.status,
    paidAt: r.paid_at,
    paidBy: r.paid_by,
    lock: r.lock_payment_id === null || r.lock_terminal_id === null || r.locked_until === null ? null : { terminalId: r.lock_terminal_id, paymentId: r.lock_payment_id, lockedUntil: r.locked_until },
  };
}

/** A notice just issued: payable, unpaid, unlocked. */
export function issued(draft: NoticeDraft, issue: NoticeIssue, iuvBase: number): Notice {
  return { ...numberNotice(draft, issue.segregationCode, iuvBase), issuedAt: issue.issuedAt, status: 'payable', paidAt: null, paidBy: null, lock: null };
}

/** The reason a conditional lock update changed nothing, from the row as it is now. */
export function lockRefusal(row: Pick<NoticeRow, 'status'> | undefined): Exclude<NoticeLockOutcome, { locked: true }> {
  if (!row) return { locked: false, reason: 'NOTICE_UNKNOWN' };
  if (row.status === 'paid') return { locked: false, reason: 'NOTICE_PAID' };
  if (row.status === 'cancelled') return { locked: false, reason: 'NOTICE_CANCELLED' };
  return { locked: false, reason: 'NOTICE_LOCKED' };
}

/** Free, expired, or already this holder's: then it is (again) the holder's until `until`. */
export const LOCK_WHERE = "status = 'payable' AND (lock_payment_id IS NULL OR locked_until <= ? OR (lock_terminal_id = ? AND lock_payment_id = ?))";

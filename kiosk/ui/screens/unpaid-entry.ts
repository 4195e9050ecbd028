import { entryAmount, type UnpaidEntry } from '../../machines/session-context.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { appointment, groupedCode, longDate } from '../format.ts';

type T = (key: MessageKey, params?: Record<string, string>) => string;

/** What a row of the unpaid list says: a booking by place and date, a notice by creditor and subject. */
export interface EntryLines {
  heading: string;
  details: string[];
  amountCents: number;
}

export function entryLines(e: UnpaidEntry, t: T): EntryLines {
  if (e.kind === 'booking') {
    const b = e.booking;
    return { heading: b.placeName, details: [appointment(b.startsAt), t('unpaid.booking', { code: groupedCode(b.bookingCode) })], amountCents: entryAmount(e) };
  }
  const n = e.notice;
  return {
    heading: n.creditorName,
    details: [n.subject, t('unpaid.notice', { code: groupedCode(n.noticeCode) }), t('unpaid.dueDate', { date: longDate(n.dueDate) })],
    amountCents: entryAmount(e),
  };
}

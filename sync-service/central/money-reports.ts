import { CupError } from '../domain/errors.ts';
import { amountOwed, appointmentDay } from '../domain/notices.ts';
import type { IsoDate } from '../domain/types.ts';
import type { ReconciliationResponse, UnpaidListResponse, UnpaidTicket } from '../protocol/index.ts';
import { buildReconciliation, reconciliationRange } from './reconciliation.ts';
import type { CentralRules } from './rules.ts';
import type { CentralStore } from './store.ts';

/** The money views the admin routes and the dashboard share: reconciliation and unpaid tickets. */

/** Most unpaid tickets one answer lists (the counts cover them all). */
export const MAX_UNPAID_LIMIT = 1000;

/** @throws CupError DATE_INVALID, DATE_RANGE_INVALID. */
export async function reconcile(store: CentralStore, from: string, to?: string): Promise<ReconciliationResponse> {
  const range = reconciliationRange(from, to);
  return buildReconciliation(range.from, range.to, await store.reconciliationRows(range.from, range.to));
}

/**
 * The tickets left unpaid after their appointment day, as of `asOf`: each with its notice's
 * amount, or else quoted now as a credit recovery run would (the rules held, the band declared
 * by the appointment day); `unquoted` when that fails (no rules that day, an unknown exemption).
 */
export async function unpaidList(store: CentralStore, rules: CentralRules, asOf: IsoDate, limit = 100): Promise<UnpaidListResponse> {
  const page = await store.unpaidTickets(asOf, Math.min(Math.max(limit, 1), MAX_UNPAID_LIMIT));
  const ruleSets = page.tickets.some((t) => t.notice === null) ? await rules.ruleSets() : [];
  const tickets: UnpaidTicket[] = [];
  for (const { booking, notice } of page.tickets) {
    let amountCents: number | null = notice?.amountCents ?? null;
    let amountFrom: UnpaidTicket['amountFrom'] = notice ? 'notice' : 'quote';
    if (!notice) {
      try {
        const band = (await store.incomeBandOn(booking.taxCode, appointmentDay(booking)))?.band ?? null;
        amountCents = amountOwed(booking, band, ruleSets);
      } catch (e) {
        if (!(e instanceof CupError)) throw e;
        amountFrom = 'unquoted';
      }
    }
    tickets.push({
      bookingCode: booking.code,
      taxCode: booking.taxCode,
      providerFiscalCode: booking.provider.fiscalCode,
      providerName: booking.provider.name,
      appointmentDay: appointmentDay(booking),
      noticeCode: notice?.noticeCode ?? null,
      noticeDueDate: notice?.dueDate ?? null,
      amountCents,
      amountFrom,
    });
  }
  return { asOf, count: page.count, withNotice: page.withNotice, noticeCents: page.noticeCents, tickets, truncated: page.count > tickets.length };
}

/**
 * `cupk central refunds`: what the back office refunds: paid bookings cancelled in time, with
 * the amount paid and the payment to refund against, oldest first. Uses the administrator token.
 */
import { refundRequests } from '@cup-kiosk/sync-service/client';
import { formatEuro } from '@cup-kiosk/sync-service/domain';
import type { RefundRequest } from '@cup-kiosk/sync-service/protocol';
import type { Command } from '../command.ts';
import { adminConnection } from './notices.ts';

/** The requests as a table, one per line, the widest cell setting each column. */
export function refundTable(refunds: readonly RefundRequest[]): string {
  if (refunds.length === 0) return 'no refund requested';
  const rows = [
    ['REQUESTED', 'REFUND', 'BOOKING', 'TAX CODE', 'AMOUNT', 'PAYMENT', 'TERMINAL'],
    ...refunds.map((r) => [r.requestedAt, r.refundId, r.bookingCode, r.taxCode, r.amountCents === null ? '?' : formatEuro(r.amountCents), r.paymentId ?? '?', r.terminalId]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

export const centralRefunds: Command = {
  path: ['central', 'refunds'],
  usage: 'cupk central refunds --central URL --token T [--json]',
  summary: 'refund requests of paid bookings cancelled in time, oldest first',
  options: { central: { type: 'string' }, token: { type: 'string' } },
  async run(_p, values) {
    // ADMIN_AUTH_INVALID, ADMIN_DISABLED, CENTRAL_UNREACHABLE come from the client as they are.
    return { refunds: await refundRequests(adminConnection(values)) };
  },
  human: (r) => refundTable((r as { refunds: RefundRequest[] }).refunds),
};

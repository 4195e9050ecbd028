/**
 * `cupk central waiting-list`: the citizens the call centre calls back, whose prescription found
 * no slot inside its priority deadline: oldest request first, `waiting` until a booking of the
 * prescription arrives, then `booked`. Uses the central's administrator token.
 */
import { waitingList } from '@cup-kiosk/sync-service/client';
import type { WaitingListEntry } from '@cup-kiosk/sync-service/protocol';
import { stringOption, UsageError, type Command } from '../command.ts';
import { adminConnection } from './notices.ts';

const STATUSES: readonly WaitingListEntry['status'][] = ['waiting', 'booked'];

/** The requests as a table, one per line, the widest cell setting each column. */
export function waitingListTable(requests: readonly WaitingListEntry[]): string {
  if (requests.length === 0) return 'nobody is waiting to be called back';
  const rows = [
    ['REQUESTED', 'STATUS', 'PRIORITY', 'NRE', 'SERVICE', 'TAX CODE', 'PHONE', 'DEADLINE'],
    ...requests.map((r) => [r.requestedAt, r.status, r.priority, r.nre, r.serviceCode, r.taxCode, r.phone, r.deadline]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

export const centralWaitingList: Command = {
  path: ['central', 'waiting-list'],
  usage: 'cupk central waiting-list --central URL --token T [--status waiting|booked] [--json]',
  summary: 'the citizens to call back: prescriptions with no slot in time, oldest first',
  options: { central: { type: 'string' }, token: { type: 'string' }, status: { type: 'string' } },
  async run(_p, values) {
    const status = stringOption(values, 'status');
    if (status !== undefined && !STATUSES.includes(status as WaitingListEntry['status'])) throw new UsageError(`--status takes ${STATUSES.join(' or ')}`);
    // ADMIN_AUTH_INVALID, ADMIN_DISABLED, CENTRAL_UNREACHABLE come from the client as they are.
    const requests = await waitingList({ ...adminConnection(values), ...(status === undefined ? {} : { status: status as WaitingListEntry['status'] }) });
    return { requests };
  },
  human: (r) => waitingListTable((r as { requests: WaitingListEntry[] }).requests),
};

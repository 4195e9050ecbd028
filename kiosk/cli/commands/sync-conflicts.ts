/**
 * `cupk sync conflicts`: the desk's list of this terminal's transactions the central refused (a
 * slot taken while it was offline, a notice paid twice), oldest first, with whether the citizen
 * has read it at the kiosk; `--print` puts the list on the receipt printer for the CUP desk.
 */
import { conflictList, type ConflictLine } from '@cup-kiosk/terminal-drivers/printer';
import { CampaignStore } from '../../host/campaign-store.ts';
import { conflictNotice, conflictTaxCode } from '../../host/conflict-notices.ts';
import { stringOption, UsageError, type Command } from '../command.ts';
import { textTable } from '../text-table.ts';
import { PORT_OPTIONS, withPrinter } from './printer.ts';
import { DEFAULT_TERMINAL_ID, withOutbox } from './sync.ts';

/** The conflicts as a table, one per line. */
export function conflictTable(conflicts: readonly ConflictLine[]): string {
  if (conflicts.length === 0) return 'no conflicts';
  const rows = [
    ['RECORDED', 'REASON', 'KIND', 'TAX CODE', 'BOOKING', 'TO REFUND', 'READ', 'KEY'],
    ...conflicts.map((c) => [c.at, c.reason, c.kind, c.taxCode ?? '-', c.bookingCode ?? '-', c.paidCents === null ? '-' : (c.paidCents / 100).toFixed(2), c.acknowledgedAt ? 'yes' : 'no', c.key]),
  ];
  return textTable(rows);
}

export const syncConflicts: Command = {
  path: ['sync', 'conflicts'],
  usage: 'cupk sync conflicts [--data DIR] [--terminal ID] [--print --port PATH [--baud N] [--profile ID]] [--json]',
  summary: "the terminal's transactions the central refused, for the CUP desk; --print puts them on the receipt printer",
  options: { data: { type: 'string' }, terminal: { type: 'string' }, print: { type: 'boolean' }, ...PORT_OPTIONS },
  async run(_p, values) {
    const print = values.print === true;
    if (!print && stringOption(values, 'port') !== undefined) throw new UsageError('--port goes with --print');
    const conflicts = await withOutbox(values, async (outbox, _dir, db) => {
      const store = await CampaignStore.open(db, outbox);
      return (await store.conflicts()).map((c): ConflictLine => {
        const n = conflictNotice(c);
        return { key: n.key, kind: n.kind, reason: n.reason, taxCode: conflictTaxCode(c), bookingCode: n.bookingCode, paidCents: n.paidCents, at: n.at, acknowledgedAt: c.acknowledgedAt };
      });
    });
    if (!print) return { conflicts };
    const terminalId = stringOption(values, 'terminal') ?? DEFAULT_TERMINAL_ID;
    const printed = await withPrinter(values, async (printer) => {
      const r = await printer.print(conflictList({ terminalId, printedAt: new Date().toISOString(), conflicts }));
      return { profile: printer.profile.id, bytesSent: r.bytesSent, status: r.statusAfter };
    });
    return { conflicts, printed };
  },
  human: (r) => conflictTable((r as { conflicts: ConflictLine[] }).conflicts),
};

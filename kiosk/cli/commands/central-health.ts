/**
 * `cupk central health`: every terminal enrolled at a central, as its heartbeats tell it: ok,
 * warning, fault, assistance or silent, since when a citizen there waits for help, its outbox
 * backlog and sync lag, and the devices not in order.
 * Uses the central's administrator token.
 */
import { terminalsHealth } from '@cup-kiosk/sync-service/client';
import type { TerminalHealth, TerminalStatus } from '@cup-kiosk/sync-service/protocol';
import type { Command } from '../command.ts';
import { adminConnection } from './notices.ts';

/** One terminal as the command answers it; backlog and lag are null until a heartbeat came. */
export interface TerminalHealthLine {
  terminalId: string;
  status: TerminalStatus;
  lastSeenAt: string | null;
  /** When a citizen there asked for help; null when nobody is waiting. */
  assistanceRequestedAt: string | null;
  backlog: number | null;
  lagMs: number | null;
  faults: string[];
}

export function healthLine(t: TerminalHealth): TerminalHealthLine {
  return {
    terminalId: t.terminalId,
    status: t.status,
    lastSeenAt: t.lastSeenAt,
    assistanceRequestedAt: t.assistanceRequestedAt,
    backlog: t.heartbeat?.outbox.pending ?? null,
    lagMs: t.heartbeat?.syncLagMs ?? null,
    faults: t.faults,
  };
}

/** A lag as a technician reads it: `0 s`, `42 s`, `7 min`, `3 h`. */
export function humanLag(ms: number): string {
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min`;
  return `${Math.floor(ms / 3_600_000)} h`;
}

/** The terminals as a table, one per line, the widest cell setting each column. */
export function healthTable(lines: readonly TerminalHealthLine[]): string {
  if (lines.length === 0) return 'no terminal is enrolled at this central';
  const rows = [
    ['TERMINAL', 'STATUS', 'LAST SEEN', 'ASSISTANCE', 'BACKLOG', 'LAG', 'FAULTS'],
    ...lines.map((l) => [l.terminalId, l.status, l.lastSeenAt ?? 'never', l.assistanceRequestedAt ?? '-', l.backlog === null ? '-' : String(l.backlog), l.lagMs === null ? '-' : humanLag(l.lagMs), l.faults.join(', ') || '-']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

export const centralHealth: Command = {
  path: ['central', 'health'],
  usage: 'cupk central health --central URL --token T [--json]',
  summary: "every enrolled terminal's health from its heartbeats: ok, warning, fault, assistance or silent",
  options: { central: { type: 'string' }, token: { type: 'string' } },
  async run(_p, values) {
    // ADMIN_AUTH_INVALID, ADMIN_DISABLED, CENTRAL_UNREACHABLE come from the client as they are.
    const { terminals } = await terminalsHealth(adminConnection(values));
    return { terminals: terminals.map(healthLine) };
  },
  human: (r) => healthTable((r as { terminals: TerminalHealthLine[] }).terminals),
};

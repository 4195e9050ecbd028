import { describe, expect, it } from 'vitest';
import type { TerminalHealth } from '@cup-kiosk/sync-service/protocol';
import { healthLine, healthTable, humanLag } from './central-health.ts';

const silent: TerminalHealth = { terminalId: 'kiosk-3', enrolledAt: '2026-04-01T07:00:00.000Z', status: 'silent', lastSeenAt: null, assistanceRequestedAt: null, faults: [], heartbeat: null };

describe('cupk central health output', () => {
  it('reads backlog and lag from the heartbeat, null before the first', () => {
    expect(healthLine(silent)).toEqual({ terminalId: 'kiosk-3', status: 'silent', lastSeenAt: null, assistanceRequestedAt: null, backlog: null, lagMs: null, faults: [] });
    const seen = { ...silent, status: 'warning' as const, lastSeenAt: '2026-04-01T07:30:00.000Z', heartbeat: { outbox: { pending: 60, oldestPendingAgeMs: 9000 }, syncLagMs: 9000 } as TerminalHealth['heartbeat'] };
    expect(healthLine(seen)).toMatchObject({ backlog: 60, lagMs: 9000 });
  });

  it('says since when a citizen waits for help', () => {
    const waiting = { ...silent, status: 'assistance' as const, assistanceRequestedAt: '2026-04-01T07:29:00.000Z' };
    expect(healthLine(waiting)).toMatchObject({ status: 'assistance', assistanceRequestedAt: '2026-04-01T07:29:00.000Z' });
  });

  it('writes a lag in the unit a technician reads it in', () => {
    expect([humanLag(0), humanLag(59_999), humanLag(60_000), humanLag(3_599_999), humanLag(7_200_000)]).toEqual(['0 s', '59 s', '1 min', '59 min', '2 h']);
  });

  it('lines the columns up, and says so when no terminal is enrolled', () => {
    const table = healthTable([
      { terminalId: 'kiosk-10', status: 'assistance', lastSeenAt: '2026-04-01T07:30:00.000Z', assistanceRequestedAt: '2026-04-01T07:29:00.000Z', backlog: 3, lagMs: 42_000, faults: ['printer:paper-out', 'pos:offline'] },
      healthLine(silent),
    ]);
    expect(table.split('\n')).toEqual([
      'TERMINAL  STATUS      LAST SEEN                 ASSISTANCE                BACKLOG  LAG   FAULTS',
      'kiosk-10  assistance  2026-04-01T07:30:00.000Z  2026-04-01T07:29:00.000Z  3        42 s  printer:paper-out, pos:offline',
      'kiosk-3   silent      never                     -                         -        -     -',
    ]);
    expect(healthTable([])).toBe('no terminal is enrolled at this central');
  });
});

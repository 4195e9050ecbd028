import type { Heartbeat } from '../protocol/index.ts';
import type { HeartbeatRecord } from './store.ts';

/** The heartbeat tables as both stores hold them: their row, and the rules their statements share. */

export interface HeartbeatRow {
  terminal_id: string;
  received_at: string;
  /** JSON text on SQLite, already parsed from JSONB on PostgreSQL. */
  body: string | Heartbeat;
}

export function toHeartbeatRecord(r: HeartbeatRow): HeartbeatRecord {
  return { terminalId: r.terminal_id, receivedAt: r.received_at, heartbeat: typeof r.body === 'string' ? (JSON.parse(r.body) as Heartbeat) : r.body };
}

/** The history key: the UTC minute a heartbeat was taken in, `YYYY-MM-DDTHH:MM`. */
export const minuteOf = (iso: string): string => new Date(iso).toISOString().slice(0, 16);

/** Old history goes at most this often: a week of minutes needs no finer broom. */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * When a store deletes old history: on the first heartbeat it takes, then once an hour of the
 * heartbeats' own clock, so the cost is one indexed DELETE an hour whatever the fleet's size.
 */
export class PruneSchedule {
  private lastMs = Number.NEGATIVE_INFINITY;

  /** True, and remembered, when a prune is due at `atIso`. */
  due(atIso: string): boolean {
    const at = Date.parse(atIso);
    if (at - this.lastMs < PRUNE_EVERY_MS) return false;
    this.lastMs = at;
    return true;
  }
}

import type { Database, Queryable } from '../outbox/sqlite.ts';
import { minuteOf, toHeartbeatRecord, type HeartbeatRow } from './heartbeat-rows.ts';
import type { HeartbeatRecord, TerminalHeartbeat } from './store.ts';

/** The heartbeat tables' statements on SQLite (see store.ts for what each promises). */

/** Latest and minute row in one IMMEDIATE transaction; `pruneBefore` also drops older history. */
export function putHeartbeat(db: Database, r: HeartbeatRecord, pruneBefore?: string): Promise<void> {
  const body = JSON.stringify(r.heartbeat);
  return db.transaction(async (tx) => {
    // A heartbeat that arrives after a later one (a slow request) does not turn the clock back.
    await tx.run(
      `INSERT INTO heartbeats (terminal_id, received_at, body) VALUES (?, ?, ?)
       ON CONFLICT (terminal_id) DO UPDATE SET received_at = excluded.received_at, body = excluded.body WHERE excluded.received_at >= heartbeats.received_at`,
      [r.terminalId, r.receivedAt, body],
    );
    await tx.run(
      `INSERT INTO heartbeat_minutes (terminal_id, minute, received_at, body) VALUES (?, ?, ?, ?)
       ON CONFLICT (terminal_id, minute) DO UPDATE SET received_at = excluded.received_at, body = excluded.body WHERE excluded.received_at >= heartbeat_minutes.received_at`,
      [r.terminalId, minuteOf(r.receivedAt), r.receivedAt, body],
    );
    if (pruneBefore !== undefined) await tx.run('DELETE FROM heartbeat_minutes WHERE minute < ?', [minuteOf(pruneBefore)]);
  });
}

export async function terminalHeartbeats(q: Queryable): Promise<TerminalHeartbeat[]> {
  const rows = await q.all<{ terminal_id: string; enrolled_at: string; received_at: string | null; body: string | null }>(
    `SELECT t.terminal_id, t.enrolled_at, h.received_at, h.body FROM terminals t LEFT JOIN heartbeats h ON h.terminal_id = t.terminal_id
     WHERE t.revoked_at IS NULL ORDER BY t.terminal_id`,
  );
  return rows.map((r) => ({
    terminalId: r.terminal_id,
    enrolledAt: r.enrolled_at,
    latest: r.received_at === null || r.body === null ? null : toHeartbeatRecord({ terminal_id: r.terminal_id, received_at: r.received_at, body: r.body }),
  }));
}

export async function heartbeatHistory(q: Queryable, terminalId: string, since: string): Promise<HeartbeatRecord[]> {
  const rows = await q.all<HeartbeatRow>('SELECT terminal_id, received_at, body FROM heartbeat_minutes WHERE terminal_id = ? AND received_at >= ? ORDER BY minute', [terminalId, since]);
  return rows.map(toHeartbeatRecord);
}

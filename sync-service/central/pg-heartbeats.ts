import type pg from 'pg';
import { minuteOf, toHeartbeatRecord, type HeartbeatRow } from './heartbeat-rows.ts';
import type { HeartbeatRecord, TerminalHeartbeat } from './store.ts';

/**
 * The heartbeat tables' statements on PostgreSQL (see store.ts for what each promises). Several
 * centrals may take heartbeats of one terminal at once: each write is a single statement, and a
 * row only ever moves forward in time.
 */

type Pg = Pick<pg.PoolClient, 'query'>;

/** Latest and minute row in one statement, so neither is written without the other. */
export async function putHeartbeat(q: Pg, r: HeartbeatRecord): Promise<void> {
  await q.query(
    `WITH latest AS (
       INSERT INTO heartbeats (terminal_id, received_at, body) VALUES ($1, $2, $4::jsonb)
       ON CONFLICT (terminal_id) DO UPDATE SET received_at = excluded.received_at, body = excluded.body WHERE excluded.received_at >= heartbeats.received_at
     )
     INSERT INTO heartbeat_minutes (terminal_id, minute, received_at, body) VALUES ($1, $3, $2, $4::jsonb)
     ON CONFLICT (terminal_id, minute) DO UPDATE SET received_at = excluded.received_at, body = excluded.body WHERE excluded.received_at >= heartbeat_minutes.received_at`,
    [r.terminalId, r.receivedAt, minuteOf(r.receivedAt), JSON.stringify(r.heartbeat)],
  );
}

export async function pruneHeartbeats(q: Pg, before: string): Promise<void> {
  await q.query('DELETE FROM heartbeat_minutes WHERE minute < $1', [minuteOf(before)]);
}

export async function terminalHeartbeats(q: Pg): Promise<TerminalHeartbeat[]> {
  // Byte order of ids, as SQLite sorts them, whatever the database's collation.
  const { rows } = await q.query<{ terminal_id: string; enrolled_at: string; received_at: string | null; body: HeartbeatRow['body'] | null }>(
    `SELECT t.terminal_id, t.enrolled_at, h.received_at, h.body FROM terminals t LEFT JOIN heartbeats h ON h.terminal_id = t.terminal_id
     WHERE t.revoked_at IS NULL ORDER BY t.terminal_id COLLATE "C"`,
  );
  return rows.map((r) => ({
    terminalId: r.terminal_id,
    enrolledAt: r.enrolled_at,
    latest: r.received_at === null || r.body === null ? null : toHeartbeatRecord({ terminal_id: r.terminal_id, received_at: r.received_at, body: r.body }),
  }));
}

export async function heartbeatHistory(q: Pg, terminalId: string, since: string): Promise<HeartbeatRecord[]> {
  const { rows } = await q.query<HeartbeatRow>('SELECT terminal_id, received_at, body FROM heartbeat_minutes WHERE terminal_id = $1 AND received_at >= $2 ORDER BY minute', [terminalId, since]);
  return rows.map(toHeartbeatRecord);
}

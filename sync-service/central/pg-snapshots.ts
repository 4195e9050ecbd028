import type pg from 'pg';
import type { AgendaSlot } from '../domain/agenda.ts';
import type { SnapshotKind } from '../protocol/index.ts';
import { FREE_WHERE, toSlot, type SlotRow } from './agenda-rows.ts';
import { migratePg } from './pg-migrations.ts';
import { SNAPSHOT_PG_MIGRATIONS } from './snapshot-migrations.ts';
import { newSnapshotEpoch, snapshotDiff, type SnapshotChange, type SnapshotEntry, type SnapshotState, type SnapshotStore } from './snapshot-store.ts';

/** Names the advisory lock of one kind's commits: 'cups' and the kind's index. */
const lockOf = (kind: SnapshotKind) => 0x63_75_70_73 * 4 + ['catalogue', 'agenda', 'config'].indexOf(kind);

interface ChangeRow {
  id: string;
  /** BIGINT: node-pg hands it over as text. */
  version: string;
  data: Record<string, unknown> | null;
}

const toChange = (r: ChangeRow): SnapshotChange => ({ id: r.id, version: Number(r.version), data: r.data });

async function stateOf(q: Pick<pg.PoolClient, 'query'>, kind: SnapshotKind): Promise<SnapshotState> {
  const { rows } = await q.query<{ version: string; floor: string }>('SELECT version, floor FROM snapshot_kinds WHERE kind = $1', [kind]);
  return rows[0] ? { version: Number(rows[0].version), floor: Number(rows[0].floor) } : { version: 0, floor: 0 };
}

/**
 * The snapshot tables on the regional PostgreSQL. Several centrals may share it: a commit takes
 * its kind's transaction-scoped advisory lock, so two never number the same change twice.
 */
export class PgSnapshotStore implements SnapshotStore {
  private ready: Promise<unknown> | undefined;

  constructor(private readonly pool: pg.Pool) {}

  private migrated(): Promise<unknown> {
    this.ready ??= (async () => {
      const client = await this.pool.connect();
      try {
        await migratePg(client, SNAPSHOT_PG_MIGRATIONS, 'snapshots');
      } finally {
        client.release();
      }
    })();
    return this.ready;
  }

  async freeSlotsBetween(from: string, to: string, now: string, limit: number): Promise<AgendaSlot[]> {
    const { rows } = await this.pool.query<Pick<SlotRow, 'data'>>(`SELECT data FROM slots WHERE starts_utc >= $1 AND starts_utc <= $2 AND ${FREE_WHERE.replace('?', '$3')} ORDER BY starts_utc, provider_id LIMIT $4`, [from, to, now, limit]);
    return rows.map(toSlot);
  }

  async commit(kind: SnapshotKind, current: readonly SnapshotEntry[], at: string, keepVersions: number): Promise<SnapshotState> {
    await this.migrated();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [lockOf(kind)]);
      const state = await stateOf(client, kind);
      const { rows: held } = await client.query<{ id: string; digest: string | null }>('SELECT item_id AS id, digest FROM snapshot_items WHERE kind = $1', [kind]);
      const { upserts, removals } = snapshotDiff(held, current);
      if (upserts.length === 0 && removals.length === 0 && state.version > 0) {
        await client.query('COMMIT');
        return state;
      }
      const version = state.version + 1;
      if (upserts.length > 0) {
        await client.query(
          `INSERT INTO snapshot_items (kind, item_id, version, digest, data)
           SELECT $1, id, $2, digest, data FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS v(id, digest, data)
           ON CONFLICT (kind, item_id) DO UPDATE SET version = excluded.version, digest = excluded.digest, data = excluded.data`,
          [kind, version, upserts.map((e) => e.id), upserts.map((e) => e.digest), upserts.map((e) => JSON.stringify(e.data))],
        );
      }
      if (removals.length > 0) await client.query('UPDATE snapshot_items SET version = $1, digest = NULL, data = NULL WHERE kind = $2 AND item_id = ANY($3)', [version, kind, removals]);
      // Tombstones a terminal can no longer need: older than that, it gets the whole snapshot.
      const floor = Math.max(state.floor, version - keepVersions);
      if (floor > state.floor) await client.query('DELETE FROM snapshot_items WHERE kind = $1 AND digest IS NULL AND version <= $2', [kind, floor]);
      await client.query(
        'INSERT INTO snapshot_kinds (kind, version, floor, taken_at) VALUES ($1, $2, $3, $4) ON CONFLICT (kind) DO UPDATE SET version = excluded.version, floor = excluded.floor, taken_at = excluded.taken_at',
        [kind, version, floor, at],
      );
      await client.query('COMMIT');
      return { version, floor };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async state(kind: SnapshotKind): Promise<SnapshotState> {
    await this.migrated();
    return stateOf(this.pool, kind);
  }

  async epoch(): Promise<string> {
    await this.migrated();
    const { rows } = await this.pool.query<{ epoch: string }>('SELECT epoch FROM snapshot_epoch WHERE id = 1');
    return rows[0]!.epoch;
  }

  async renewEpoch(at: string): Promise<{ epoch: string; previous: string }> {
    const previous = await this.epoch();
    const epoch = newSnapshotEpoch();
    await this.pool.query('UPDATE snapshot_epoch SET epoch = $1, created_at = $2 WHERE id = 1', [epoch, at]);
    return { epoch, previous };
  }

  async changes(kind: SnapshotKind, since?: number): Promise<SnapshotChange[]> {
    await this.migrated();
    const { rows } = since === undefined
      ? await this.pool.query<ChangeRow>('SELECT item_id AS id, version, data FROM snapshot_items WHERE kind = $1 AND digest IS NOT NULL ORDER BY item_id', [kind])
      : await this.pool.query<ChangeRow>('SELECT item_id AS id, version, data FROM snapshot_items WHERE kind = $1 AND version > $2 ORDER BY version, item_id', [kind, since]);
    return rows.map(toChange);
  }
}

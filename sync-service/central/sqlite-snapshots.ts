import type { AgendaSlot } from '../domain/agenda.ts';
import { migrate } from '../outbox/migrate.ts';
import type { Database, Queryable } from '../outbox/sqlite.ts';
import type { SnapshotKind } from '../protocol/index.ts';
import { FREE_WHERE, toSlot } from './agenda-rows.ts';
import { SNAPSHOT_SQLITE_MIGRATIONS } from './snapshot-migrations.ts';
import { newSnapshotEpoch, snapshotDiff, type SnapshotChange, type SnapshotEntry, type SnapshotState, type SnapshotStore } from './snapshot-store.ts';
import { chunks, valueRows } from './sqlite-sql.ts';

async function stateOf(q: Queryable, kind: SnapshotKind): Promise<SnapshotState> {
  const row = await q.get<SnapshotState>('SELECT version, floor FROM snapshot_kinds WHERE kind = ?', [kind]);
  return row ?? { version: 0, floor: 0 };
}

/** The snapshot tables on the central's SQLite file; one connection, so commits never interleave. */
export class SqliteSnapshotStore implements SnapshotStore {
  private ready: Promise<unknown> | undefined;

  constructor(private readonly db: Database) {}

  private migrated(): Promise<unknown> {
    this.ready ??= migrate(this.db, SNAPSHOT_SQLITE_MIGRATIONS, { scope: 'snapshots' });
    return this.ready;
  }

  async freeSlotsBetween(from: string, to: string, now: string, limit: number): Promise<AgendaSlot[]> {
    const rows = await this.db.all<{ data: string }>(`SELECT data FROM slots WHERE starts_utc >= ? AND starts_utc <= ? AND ${FREE_WHERE} ORDER BY starts_utc, provider_id LIMIT ?`, [from, to, now, limit]);
    return rows.map(toSlot);
  }

  async commit(kind: SnapshotKind, current: readonly SnapshotEntry[], at: string, keepVersions: number): Promise<SnapshotState> {
    await this.migrated();
    return this.db.transaction(async (tx) => {
      const state = await stateOf(tx, kind);
      const held = await tx.all<{ id: string; digest: string | null }>('SELECT item_id AS id, digest FROM snapshot_items WHERE kind = ?', [kind]);
      const { upserts, removals } = snapshotDiff(held, current);
      if (upserts.length === 0 && removals.length === 0 && state.version > 0) return state;
      const version = state.version + 1;
      for (const chunk of chunks(upserts)) {
        await tx.run(
          `INSERT INTO snapshot_items (kind, item_id, version, digest, data) VALUES ${valueRows(chunk.length, 5)}
           ON CONFLICT (kind, item_id) DO UPDATE SET version = excluded.version, digest = excluded.digest, data = excluded.data`,
          chunk.flatMap((e) => [kind, e.id, version, e.digest, JSON.stringify(e.data)]),
        );
      }
      for (const chunk of chunks(removals)) {
        await tx.run(`UPDATE snapshot_items SET version = ?, digest = NULL, data = NULL WHERE kind = ? AND item_id IN (${chunk.map(() => '?').join(',')})`, [version, kind, ...chunk]);
      }
      // Tombstones a terminal can no longer need: older than that, it gets the whole snapshot.
      const floor = Math.max(state.floor, version - keepVersions);
      if (floor > state.floor) await tx.run('DELETE FROM snapshot_items WHERE kind = ? AND digest IS NULL AND version <= ?', [kind, floor]);
      await tx.run(
        'INSERT INTO snapshot_kinds (kind, version, floor, taken_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind) DO UPDATE SET version = excluded.version, floor = excluded.floor, taken_at = excluded.taken_at',
        [kind, version, floor, at],
      );
      return { version, floor };
    });
  }

  async state(kind: SnapshotKind): Promise<SnapshotState> {
    await this.migrated();
    return stateOf(this.db, kind);
  }

  async epoch(): Promise<string> {
    await this.migrated();
    const row = await this.db.get<{ epoch: string }>('SELECT epoch FROM snapshot_epoch WHERE id = 1');
    return row!.epoch;
  }

  async renewEpoch(at: string): Promise<{ epoch: string; previous: string }> {
    const previous = await this.epoch();
    const epoch = newSnapshotEpoch();
    await this.db.run('UPDATE snapshot_epoch SET epoch = ?, created_at = ? WHERE id = 1', [epoch, at]);
    return { epoch, previous };
  }

  async changes(kind: SnapshotKind, since?: number): Promise<SnapshotChange[]> {
    await this.migrated();
    const rows = since === undefined
      ? await this.db.all<{ id: string; version: number; data: string | null }>('SELECT item_id AS id, version, data FROM snapshot_items WHERE kind = ? AND digest IS NOT NULL ORDER BY item_id', [kind])
      : await this.db.all<{ id: string; version: number; data: string | null }>('SELECT item_id AS id, version, data FROM snapshot_items WHERE kind = ? AND version > ? ORDER BY version, item_id', [kind, since]);
    return rows.map((r) => ({ id: r.id, version: r.version, data: r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>) }));
  }
}

import type { z } from 'zod';
import { migrate, type Migration } from '../outbox/migrate.ts';
import type { Database, Queryable } from '../outbox/sqlite.ts';
import { CatalogueItemSchema, ConfigItemSchema, SNAPSHOT_KINDS, SlotSchema, type Slot, type SnapshotKind, type SnapshotResponse } from '../protocol/index.ts';
import { refreshLoop, stderrLogger } from './refresh-loop.ts';
import type { RuleBookLogger } from './rule-book.ts';

export const SNAPSHOT_BOOK_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'snapshots held: catalogue, agenda, configuration',
    up: `
      CREATE TABLE snapshot_book_items (
        kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (kind, item_id)
      );
      -- received_at: when the central last said this version is current (what "old" is measured from).
      CREATE TABLE snapshot_book_state (
        kind TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        taken_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'snapshot epoch held with the version',
    // NULL: held from a central before epochs, or before this step; the next answer brings one.
    up: 'ALTER TABLE snapshot_book_state ADD COLUMN epoch TEXT;',
  },
];

/** Where a SnapshotBook gets changes: a SyncClient, or a stand-in in tests. */
export interface SnapshotSource {
  /** The changes after `since` of the central's `epoch`; the book sends the epoch that came with the version it holds. */
  fetchSnapshot(kind: SnapshotKind, since?: number, epoch?: string): Promise<SnapshotResponse>;
}

/** One kind as held: version, when the central last confirmed it, how long ago. */
export interface HeldSnapshot {
  kind: SnapshotKind;
  version: number;
  /** The central's snapshot epoch the version belongs to; null from a central before epochs. */
  epoch: string | null;
  receivedAt: string;
  ageSeconds: number;
  items: number;
}

export interface SnapshotRefresh {
  kind: SnapshotKind;
  version: number;
  full: boolean;
  /** Items added or changed, removed, and refused (not valid here, not kept). */
  changed: number;
  removed: number;
  refused: number;
}

const ITEM_SCHEMAS: Record<SnapshotKind, z.ZodType<unknown>> = { catalogue: CatalogueItemSchema, agenda: SlotSchema, config: ConfigItemSchema };

/** The versions held, for `cupk sync status`: works on a database the book never opened (none held). */
export async function heldSnapshots(db: Queryable, now: Date = new Date()): Promise<HeldSnapshot[]> {
  const exists = await db.get("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'snapshot_book_state'");
  if (!exists) return [];
  // A terminal's database the book has not opened since its epoch step has no epoch column yet.
  const hasEpoch = await db.get("SELECT 1 AS x FROM pragma_table_info('snapshot_book_state') WHERE name = 'epoch'");
  const rows = await db.all<{ kind: SnapshotKind; version: number; epoch: string | null; received_at: string; items: number }>(
    `SELECT s.kind, s.version, ${hasEpoch ? 's.epoch' : 'NULL AS epoch'}, s.received_at, (SELECT COUNT(*) FROM snapshot_book_items i WHERE i.kind = s.kind) AS items FROM snapshot_book_state s ORDER BY s.kind`,
  );
  return rows.map((r) => ({ kind: r.kind, version: r.version, epoch: r.epoch, receivedAt: r.received_at, ageSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(r.received_at)) / 1000)), items: r.items }));
}

/**
 * The catalogue, agenda and configuration snapshots a terminal keeps in its SQLite file, so it
 * can work offline from them (provisional booking from the last agenda). Each refresh asks for
 * the changes after the version held, with the central's epoch it came with (a version of a
 * central database since reset brings the whole snapshot), and applies them in one
 * transaction; a full answer replaces the kind whole.
 */
export class SnapshotBook {
  private refreshing: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly db: Database,
    private readonly logger: RuleBookLogger,
    private readonly now: () => Date,
  ) {}

  static async open(db: Database, options: { logger?: RuleBookLogger; now?: () => Date } = {}): Promise<SnapshotBook> {
    const now = options.now ?? (() => new Date());
    await migrate(db, SNAPSHOT_BOOK_MIGRATIONS, { scope: 'snapshots', now });
    return new SnapshotBook(db, options.logger ?? stderrLogger, now);
  }

  /** Pulls each kind (default all) in turn; rejects with the source's error, keeping what earlier kinds brought. Calls run one after the other. */
  refresh(source: SnapshotSource, kinds: readonly SnapshotKind[] = SNAPSHOT_KINDS): Promise<SnapshotRefresh[]> {
    const next = this.refreshing.then(async () => {
      const out: SnapshotRefresh[] = [];
      for (const kind of kinds) out.push(await this.refreshKind(source, kind));
      return out;
    });
    this.refreshing = next.catch(() => undefined);
    return next;
  }

  /** Refreshes now and every `everyMs` (default 60,000 ms); failures are logged. Returns stop. */
  startRefreshing(source: SnapshotSource, everyMs = 60_000): () => Promise<void> {
    return refreshLoop(() => this.refresh(source), everyMs, this.logger, 'snapshot refresh', () => this.refreshing);
  }

  held(): Promise<HeldSnapshot[]> {
    return heldSnapshots(this.db, this.now());
  }

  /** One kind as held; undefined before its first pull. */
  async state(kind: SnapshotKind): Promise<HeldSnapshot | undefined> {
    return (await this.held()).find((h) => h.kind === kind);
  }

  /** The free slots held for a service, earliest first (`startsAt` is Rome local time, so it sorts within the held window). */
  async slotsOf(serviceCode: string): Promise<Slot[]> {
    const rows = await this.db.all<{ data: string }>("SELECT data FROM snapshot_book_items WHERE kind = 'agenda' AND json_extract(data, '$.serviceCode') = ?", [serviceCode]);
    return rows.map((r) => JSON.parse(r.data) as Slot).sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.provider.id < b.provider.id ? -1 : 1));
  }

  async slot(slotId: string): Promise<Slot | undefined> {
    const row = await this.db.get<{ data: string }>("SELECT data FROM snapshot_book_items WHERE kind = 'agenda' AND item_id = ?", [slotId]);
    return row ? (JSON.parse(row.data) as Slot) : undefined;
  }

  /** The configuration held, entry by entry. */
  async config(): Promise<Record<string, unknown>> {
    const rows = await this.db.all<{ item_id: string; data: string }>("SELECT item_id, data FROM snapshot_book_items WHERE kind = 'config'");
    return Object.fromEntries(rows.map((r) => [r.item_id, (JSON.parse(r.data) as { value: unknown }).value]));
  }

  private async refreshKind(source: SnapshotSource, kind: SnapshotKind): Promise<SnapshotRefresh> {
    const held = await this.db.get<{ version: number; epoch: string | null }>('SELECT version, epoch FROM snapshot_book_state WHERE kind = ?', [kind]);
    // No epoch held (a central before epochs, or a version kept before this terminal knew of
    // them): the version alone, which such a central answers as it always did.
    const answer = await source.fetchSnapshot(kind, held?.version, held?.epoch ?? undefined);
    const schema = ITEM_SCHEMAS[kind];
    const good = answer.items.filter((i) => schema.safeParse(i.data).success);
    const refused = answer.items.length - good.length;
    if (refused > 0) this.logger.warn({ kind, refused, version: answer.version }, 'snapshot items refused: they do not validate on this terminal');
    const at = this.now().toISOString();
    await this.db.transaction(async (tx) => {
      if (answer.full) await tx.run('DELETE FROM snapshot_book_items WHERE kind = ?', [kind]);
      for (const id of answer.removed) await tx.run('DELETE FROM snapshot_book_items WHERE kind = ? AND item_id = ?', [kind, id]);
      for (const i of good) {
        await tx.run('INSERT INTO snapshot_book_items (kind, item_id, data) VALUES (?, ?, ?) ON CONFLICT (kind, item_id) DO UPDATE SET data = excluded.data', [kind, i.id, JSON.stringify(i.data)]);
      }
      await tx.run(
        'INSERT INTO snapshot_book_state (kind, version, epoch, received_at, taken_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind) DO UPDATE SET version = excluded.version, epoch = excluded.epoch, received_at = excluded.received_at, taken_at = excluded.taken_at',
        [kind, answer.version, answer.epoch ?? null, at, answer.takenAt],
      );
    });
    if (answer.items.length + answer.removed.length > 0) this.logger.info({ kind, version: answer.version, full: answer.full, changed: good.length, removed: answer.removed.length }, 'snapshot received');
    return { kind, version: answer.version, full: answer.full, changed: good.length, removed: answer.removed.length, refused };
  }
}

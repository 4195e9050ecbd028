import { randomBytes } from 'node:crypto';
import type { AgendaSlot } from '../domain/agenda.ts';
import type { SnapshotKind } from '../protocol/index.ts';

/** One item of a snapshot as the central computes it now: id, digest of its content, content. */
export interface SnapshotEntry {
  id: string;
  /** sha256 of the canonical item: what tells a changed item from an unchanged one. */
  digest: string;
  data: Record<string, unknown>;
}

/** A held item and the version that last changed it; `data` null is a removal (tombstone). */
export interface SnapshotChange {
  id: string;
  version: number;
  data: Record<string, unknown> | null;
}

/** A kind's position: its version and the newest removal forgotten (a terminal older than that gets everything). */
export interface SnapshotState {
  version: number;
  floor: number;
}

/** The item held under an id and its digest; null digest: removed. */
export interface HeldDigest {
  id: string;
  digest: string | null;
}

/**
 * What the snapshot tables of a central store do, on SQLite and PostgreSQL. The tables live
 * in their own migration scope ('snapshots'), beside the central's schema.
 */
export interface SnapshotStore {
  /** Free slots (unbooked, unheld or hold lapsed at `now`) starting in [from, to], earliest first, at most `limit`. */
  freeSlotsBetween(from: string, to: string, now: string, limit: number): Promise<AgendaSlot[]>;
  /**
   * Compares `current` with the items held for the kind and, when they differ, writes the
   * differences under the next version in one transaction (two centrals on one database take
   * turns per kind); tombstones older than `keepVersions` versions are forgotten and the floor
   * raised. Answers the kind's state after it.
   */
  commit(kind: SnapshotKind, current: readonly SnapshotEntry[], at: string, keepVersions: number): Promise<SnapshotState>;
  state(kind: SnapshotKind): Promise<SnapshotState>;
  /** The store's snapshot epoch: drawn once with its snapshot tables, so a new database has another. */
  epoch(): Promise<string>;
  /**
   * Draws a new epoch, for a database restored from a backup: its versions count again from
   * the backup's, and a terminal's version of the same number may hold other items. With a new
   * epoch every terminal takes the whole snapshot at its next pull. A running central keeps
   * the epoch it read until it restarts.
   */
  renewEpoch(at: string): Promise<{ epoch: string; previous: string }>;
  /** Items changed after `since` (tombstones included); with `since` undefined, every live item. */
  changes(kind: SnapshotKind, since?: number): Promise<SnapshotChange[]>;
}

/** A new snapshot epoch: 128 random bits in lower-case hex, as the migrations draw the first. */
export const newSnapshotEpoch = (): string => randomBytes(16).toString('hex');

/** The rows a commit writes: items new or changed, and ids gone (held live, absent now). */
export function snapshotDiff(held: readonly HeldDigest[], current: readonly SnapshotEntry[]): { upserts: SnapshotEntry[]; removals: string[] } {
  const heldById = new Map(held.map((h) => [h.id, h.digest]));
  const upserts = current.filter((c) => heldById.get(c.id) !== c.digest);
  const now = new Set(current.map((c) => c.id));
  const removals = held.filter((h) => h.digest !== null && !now.has(h.id)).map((h) => h.id);
  return { upserts, removals };
}

import { z } from 'zod';

/**
 * Versioned snapshots the central distributes to terminals besides the rule sets: the service
 * catalogue, the free slots of the agendas for the next days, and the terminal configuration.
 * Each kind has its own version, which moves whenever an item of it changes; a terminal asks
 * with the version it holds and gets the items changed after it (a delta), or everything
 * (`full`) when its version is unknown or older than the removals the central remembers.
 */

export const SNAPSHOT_KINDS = ['catalogue', 'agenda', 'config'] as const;
export const SnapshotKindSchema = z.enum(SNAPSHOT_KINDS);
export type SnapshotKind = z.infer<typeof SnapshotKindSchema>;

/** One item of a snapshot: a catalogue service (by code), a free slot (by slot id), a configuration entry (by key). */
export const SnapshotItemSchema = z.object({
  id: z.string().min(1).max(128),
  /** The item as JSON; the terminal checks it with its kind's schema before keeping it. */
  data: z.record(z.string(), z.unknown()),
});
export type SnapshotItem = z.infer<typeof SnapshotItemSchema>;

/** GET /v1/snapshots/:kind?since=N: what changed after version N, and the version it brings the terminal to. */
export const SnapshotResponseSchema = z.object({
  kind: SnapshotKindSchema,
  /** The central's current version of this kind; ask with it next time. */
  version: z.number().int().min(0),
  /** True: `items` is the whole snapshot and replaces what the terminal holds; false: a delta. */
  full: z.boolean(),
  /** Items added or changed (a delta) or every item (full). */
  items: z.array(SnapshotItemSchema),
  /** Ids of items gone since `since` (a slot taken or held, a service withdrawn); empty when full. */
  removed: z.array(z.string()),
  /** When the central computed this version, ISO 8601 UTC. */
  takenAt: z.string(),
  /**
   * The central store's snapshot epoch, drawn with its database: versions count again from 1
   * on a new one. Ask with it beside `since`; another epoch gets the whole snapshot. Absent
   * from centrals older than epochs.
   */
  epoch: z.string().min(1).max(64).optional(),
});
export type SnapshotResponse = z.infer<typeof SnapshotResponseSchema>;

/** A catalogue service as distributed: code, description, tariff in cents, branch and kind. */
export const CatalogueItemSchema = z.object({
  code: z.string().min(1),
  description: z.string(),
  branch: z.string(),
  kind: z.enum(['visit', 'test']),
  tariffCents: z.number().int().min(0),
});

/** A configuration entry: one value under its key. */
export const ConfigItemSchema = z.object({ value: z.unknown() });

import { DEMO_CATALOGUE, type CatalogueService } from '../domain/catalogue/demo-catalogue.ts';
import type { SnapshotKind, SnapshotResponse } from '../protocol/index.ts';
import { DEFAULT_HOLD_MS } from './agenda.ts';
import { digestOf } from './ingest.ts';
import type { SnapshotEntry, SnapshotStore } from './snapshot-store.ts';

/**
 * Days of free slots the agenda snapshot carries: 30 covers every U, B and D visit deadline
 * (72 hours, 10 days, 30 days), what a terminal may book provisionally while offline.
 */
export const DEFAULT_AGENDA_DAYS = 30;
/** At most this many slots in the agenda snapshot (~250 bytes each): a bounded download for a terminal. */
export const DEFAULT_AGENDA_MAX_SLOTS = 10_000;
/** How long one computation of a kind serves the next requests: terminals poll together, the store is read once. */
export const DEFAULT_SNAPSHOT_REFRESH_MS = 2_000;
/** Removals remembered per kind, in versions: a terminal further behind gets the whole snapshot. */
export const DEFAULT_KEEP_VERSIONS = 5_000;
/** How old an agenda snapshot may be for a terminal to book from it offline, unless configured. */
export const DEFAULT_OFFLINE_BOOKING_MAX_AGE_MINUTES = 24 * 60;

export interface CentralSnapshotsOptions {
  store: SnapshotStore;
  now: () => Date;
  /** The services distributed; default DEMO_CATALOGUE. */
  catalogue?: readonly CatalogueService[];
  /** Default DEFAULT_AGENDA_DAYS (30). */
  agendaDays?: number;
  /** Default DEFAULT_AGENDA_MAX_SLOTS (10,000). */
  agendaMaxSlots?: number;
  /** Default DEFAULT_SNAPSHOT_REFRESH_MS (2 s); 0 computes on every request. */
  refreshMs?: number;
  /** Default DEFAULT_KEEP_VERSIONS. */
  keepVersions?: number;
  /** Terminal configuration entries added to (or replacing) the defaults made here. */
  config?: Record<string, unknown>;
  /** How long a hold lasts (said in the configuration); default DEFAULT_HOLD_MS. */
  holdMs?: number;
}

/**
 * The snapshots terminals keep offline: catalogue, agenda free slots for the next days, and
 * terminal configuration. A kind's items are computed from the central's own tables and
 * compared with the last ones kept; any difference (a slot booked, held, released, a hold
 * lapsed, a slot passed, a tariff changed) moves the kind's version. Computing on read, rather
 * than at every write, catches the changes no write makes (a hold lapsing, time passing).
 */
export class CentralSnapshots {
  private readonly refreshMs: number;
  private readonly computed = new Map<SnapshotKind, { at: number; done: Promise<unknown> }>();
  private epoch: Promise<string> | undefined;

  constructor(private readonly o: CentralSnapshotsOptions) {
    this.refreshMs = o.refreshMs ?? DEFAULT_SNAPSHOT_REFRESH_MS;
  }

  /**
   * What a terminal holding `since` of `epoch` lacks: a delta, or everything when `since` is
   * unknown or older than the removals kept, or `epoch` is not this store's (its version was
   * counted on another database: a new one, after a reset). Without an epoch the version is
   * taken as it always was, so terminals from before epochs keep their deltas; they learn the
   * epoch from this answer and send it from then on.
   */
  async since(kind: SnapshotKind, since?: number, epoch?: string): Promise<SnapshotResponse> {
    await this.refresh(kind);
    const [state, current] = await Promise.all([this.o.store.state(kind), this.storeEpoch()]);
    const otherEpoch = epoch !== undefined && epoch !== current;
    const full = otherEpoch || since === undefined || since === 0 || since > state.version || since < state.floor;
    const changes = await this.o.store.changes(kind, full ? undefined : since);
    const items = changes.flatMap((c) => (c.data === null ? [] : [{ id: c.id, data: c.data }]));
    const removed = full ? [] : changes.flatMap((c) => (c.data === null ? [c.id] : []));
    // A commit between the two reads only adds newer changes: the version must cover them.
    const version = Math.max(state.version, ...changes.map((c) => c.version));
    return { kind, version, full, items, removed, takenAt: this.o.now().toISOString(), epoch: current };
  }

  /** Drawn once with the store's snapshot tables and never changed: read once, not per request. */
  private storeEpoch(): Promise<string> {
    this.epoch ??= this.o.store.epoch().catch((e: unknown) => {
      this.epoch = undefined;
      throw e;
    });
    return this.epoch;
  }

  /** Computes the kind now (whatever `refreshMs`) and keeps its changes; answers the version. */
  async commitNow(kind: SnapshotKind): Promise<number> {
    const state = await this.o.store.commit(kind, await this.current(kind), this.o.now().toISOString(), this.o.keepVersions ?? DEFAULT_KEEP_VERSIONS);
    return state.version;
  }

  private refresh(kind: SnapshotKind): Promise<unknown> {
    const at = this.o.now().getTime();
    const last = this.computed.get(kind);
    if (last && at - last.at < this.refreshMs) return last.done;
    const done = this.commitNow(kind);
    this.computed.set(kind, { at, done: done.catch(() => undefined) });
    // A failed computation is not cached: the next request tries again.
    done.catch(() => this.computed.delete(kind));
    return done;
  }

  private async current(kind: SnapshotKind): Promise<SnapshotEntry[]> {
    switch (kind) {
      case 'catalogue':
        return (this.o.catalogue ?? DEMO_CATALOGUE).map((s) => entry(kind, s.code, { ...s }));
      case 'agenda': {
        const now = this.o.now();
        const to = new Date(now.getTime() + (this.o.agendaDays ?? DEFAULT_AGENDA_DAYS) * 86_400_000);
        const slots = await this.o.store.freeSlotsBetween(now.toISOString(), to.toISOString(), now.toISOString(), this.o.agendaMaxSlots ?? DEFAULT_AGENDA_MAX_SLOTS);
        return slots.map((s) => entry(kind, s.slotId, { ...s }));
      }
      case 'config':
        return Object.entries({ ...this.defaultConfig(), ...this.o.config }).map(([key, value]) => entry(kind, key, { value }));
    }
  }

  private defaultConfig(): Record<string, unknown> {
    return {
      agendaDays: this.o.agendaDays ?? DEFAULT_AGENDA_DAYS,
      holdMinutes: Math.round((this.o.holdMs ?? DEFAULT_HOLD_MS) / 60_000),
      offlineBookingMaxAgeMinutes: DEFAULT_OFFLINE_BOOKING_MAX_AGE_MINUTES,
    };
  }
}

const entry = (kind: SnapshotKind, id: string, data: Record<string, unknown>): SnapshotEntry => ({ id, digest: digestOf(`snapshot-${kind}`, data), data });

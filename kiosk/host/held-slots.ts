import { migrate, type Database, type Migration } from '@cup-kiosk/sync-service/outbox';

export const HELD_SLOT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'slots held at the central',
    up: `
      CREATE TABLE held_slots (
        hold_id TEXT PRIMARY KEY,
        held_until TEXT NOT NULL,
        held_at TEXT NOT NULL
      );
    `,
  },
];

/**
 * The holds this terminal has open at the central, in its SQLite file. The desks keep a hold in
 * memory while the citizen decides; written here too, a hold outlives a host that stopped
 * mid-session (a crash, a power cut, an update), and the restarted host gives it back, so the
 * slot is free for others at once rather than when the hold lapses.
 */
export class HeldSlots {
  private constructor(private readonly db: Database) {}

  static async open(db: Database): Promise<HeldSlots> {
    await migrate(db, HELD_SLOT_MIGRATIONS, { scope: 'held-slots' });
    return new HeldSlots(db);
  }

  async add(holdId: string, heldUntil: string, at: Date): Promise<void> {
    // UTC with milliseconds, as `running` compares it: the central's own spelling may differ.
    await this.db.run('INSERT OR REPLACE INTO held_slots (hold_id, held_until, held_at) VALUES (?, ?, ?)', [holdId, new Date(heldUntil).toISOString(), at.toISOString()]);
  }

  async remove(holdId: string): Promise<void> {
    await this.db.run('DELETE FROM held_slots WHERE hold_id = ?', [holdId]);
  }

  /**
   * Holds taken by `now` and still running then, oldest first; those that lapsed are forgotten
   * (the central freed them).
   */
  async running(now: Date): Promise<string[]> {
    const at = now.toISOString();
    await this.db.run('DELETE FROM held_slots WHERE held_until <= ?', [at]);
    // Not one a citizen took since: the list is read as the host starts, and the UI is up by then.
    const rows = await this.db.all<{ hold_id: string }>('SELECT hold_id FROM held_slots WHERE held_at <= ? ORDER BY held_at, hold_id', [at]);
    return rows.map((r) => r.hold_id);
  }
}

export interface LeftoverHoldPorts {
  /** Whether the hold became a booking or a move here: the central confirms it when that item arrives, so it is not given back. */
  confirmed(holdId: string): Promise<boolean>;
  /** Gives the hold back at the central; rejects when the central cannot be reached. */
  release(holdId: string): Promise<unknown>;
}

/**
 * Gives back the holds a stopped host left open. A hold the central cannot be asked about now
 * stays listed for the next try (and is forgotten once it lapses); the others are done with.
 */
export async function releaseLeftoverHolds(held: HeldSlots, ports: LeftoverHoldPorts, now: Date): Promise<{ released: string[]; kept: string[] }> {
  const out = { released: [] as string[], kept: [] as string[] };
  for (const holdId of await held.running(now)) {
    if (!(await ports.confirmed(holdId))) {
      try {
        await ports.release(holdId);
        out.released.push(holdId);
      } catch {
        out.kept.push(holdId);
        continue;
      }
    }
    await held.remove(holdId);
  }
  return out;
}

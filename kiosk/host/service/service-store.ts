import type { Database, Migration, Transaction } from '@cup-kiosk/sync-service/outbox';
import { migrate } from '@cup-kiosk/sync-service/outbox';
import type { ServiceAuditEntry } from '../../bridge/service-api.ts';
import type { PinLock } from './service-pin.ts';

export const SERVICE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'service audit and PIN lockout',
    up: `
      CREATE TABLE service_audit (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        technician TEXT NOT NULL,
        action TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed', 'refused')),
        code TEXT,
        summary TEXT NOT NULL,
        detail TEXT NOT NULL
      );
      CREATE TABLE service_pin_lock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        failures INTEGER NOT NULL CHECK (failures >= 0),
        locked_until TEXT
      );
    `,
  },
  {
    version: 2,
    name: 'technician badges',
    up: `
      CREATE TABLE service_badges (
        id TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
    `,
  },
];

/** A badge enrolled on this terminal, as the store keeps it (the secret only as its hash). */
export interface BadgeRecord {
  id: string;
  holder: string;
  secretHash: string;
  createdAt: string;
  revokedAt: string | null;
}

/** One action as the audit keeps it. */
export interface AuditRecord {
  technician: string;
  action: string;
  outcome: ServiceAuditEntry['outcome'];
  code?: string | null;
  summary: string;
  detail?: Record<string, unknown>;
}

interface AuditRow {
  seq: number;
  at: string;
  technician: string;
  action: string;
  outcome: ServiceAuditEntry['outcome'];
  code: string | null;
  summary: string;
}

interface BadgeRow {
  id: string;
  holder: string;
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
}

const badgeRecord = (r: BadgeRow): BadgeRecord => ({ id: r.id, holder: r.holder, secretHash: r.secret_hash, createdAt: r.created_at, revokedAt: r.revoked_at });

/**
 * The service mode's own tables in the terminal's SQLite: the audit log, append-only, and the
 * PIN lockout, kept on disk so a restart does not give a guesser five more tries.
 */
export class ServiceStore {
  private constructor(
    readonly db: Database,
    private readonly now: () => Date,
  ) {}

  static async open(db: Database, now: () => Date = () => new Date()): Promise<ServiceStore> {
    await migrate(db, SERVICE_MIGRATIONS, { scope: 'service' });
    return new ServiceStore(db, now);
  }

  async record(r: AuditRecord, tx?: Transaction): Promise<void> {
    await (tx ?? this.db).run(`INSERT INTO service_audit (at, technician, action, outcome, code, summary, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      this.now().toISOString(),
      r.technician,
      r.action,
      r.outcome,
      r.code ?? null,
      r.summary,
      JSON.stringify(r.detail ?? {}),
    ]);
  }

  /** The latest entries, newest first. */
  async latest(limit: number): Promise<ServiceAuditEntry[]> {
    const rows = await this.db.all<AuditRow>(`SELECT seq, at, technician, action, outcome, code, summary FROM service_audit ORDER BY seq DESC LIMIT ?`, [limit]);
    return rows.map((r) => ({ seq: r.seq, at: r.at, technicianId: r.technician, action: r.action, outcome: r.outcome, code: r.code, summary: r.summary }));
  }

  async badge(id: string): Promise<BadgeRecord | null> {
    const r = await this.db.get<BadgeRow>(`SELECT id, holder, secret_hash, created_at, revoked_at FROM service_badges WHERE id = ?`, [id]);
    return r ? badgeRecord(r) : null;
  }

  async badges(): Promise<BadgeRecord[]> {
    return (await this.db.all<BadgeRow>(`SELECT id, holder, secret_hash, created_at, revoked_at FROM service_badges ORDER BY created_at, id`)).map(badgeRecord);
  }

  /** Enrols a badge, audited in the same transaction. */
  async addBadge(b: { id: string; holder: string; secretHash: string }, by: string): Promise<BadgeRecord> {
    const createdAt = this.now().toISOString();
    await this.db.transaction(async (tx) => {
      await tx.run(`INSERT INTO service_badges (id, holder, secret_hash, created_at) VALUES (?, ?, ?, ?)`, [b.id, b.holder, b.secretHash, createdAt]);
      await this.record({ technician: by, action: 'badge-add', outcome: 'ok', summary: `badge ${b.id} di ${b.holder}` }, tx);
    });
    return { ...b, createdAt, revokedAt: null };
  }

  /** Revokes a badge (it stays listed); false when there is no such badge or it was revoked already. */
  async revokeBadge(id: string, by: string): Promise<boolean> {
    let changed = false;
    await this.db.transaction(async (tx) => {
      const r = await tx.run(`UPDATE service_badges SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, [this.now().toISOString(), id]);
      changed = r.changes === 1;
      if (changed) await this.record({ technician: by, action: 'badge-revoke', outcome: 'ok', summary: `badge ${id} revocato` }, tx);
    });
    return changed;
  }

  async pinLock(): Promise<PinLock> {
    const r = await this.db.get<{ failures: number; locked_until: string | null }>(`SELECT failures, locked_until FROM service_pin_lock WHERE id = 1`);
    return r ? { failures: r.failures, lockedUntil: r.locked_until } : { failures: 0, lockedUntil: null };
  }

  /** Saves the lockout with the audit row of the try that changed it, in one transaction. */
  async savePinLock(lock: PinLock, audit: AuditRecord): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO service_pin_lock (id, failures, locked_until) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
        [lock.failures, lock.lockedUntil],
      );
      await this.record(audit, tx);
    });
  }
}

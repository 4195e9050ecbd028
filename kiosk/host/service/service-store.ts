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
];

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

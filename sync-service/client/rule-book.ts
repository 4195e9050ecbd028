import { DEMO_RULE_SETS } from '../domain/rules/demo-rules.ts';
import { ruleSetInForce, validateRuleSet, type RuleSet } from '../domain/rules/rule-set.ts';
import type { IsoDate } from '../domain/types.ts';
import { migrate, type Migration } from '../outbox/migrate.ts';
import type { Database } from '../outbox/sqlite.ts';
import type { RuleSnapshotResponse } from '../protocol/index.ts';
import { refreshLoop, stderrLogger } from './refresh-loop.ts';

export const RULE_BOOK_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'rule book',
    // snapshot 0 marks a set shipped with the software; a set from the central carries the
    // central's snapshot number, which also orders two sets with the same date.
    up: `
      CREATE TABLE rule_book_sets (
        version TEXT PRIMARY KEY,
        effective_from TEXT NOT NULL,
        document TEXT NOT NULL,
        snapshot INTEGER NOT NULL,
        received_at TEXT NOT NULL
      );
      CREATE TABLE rule_book_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        snapshot INTEGER NOT NULL
      );
    `,
  },
];

/** Where a RuleBook gets new sets: a SyncClient, or a stand-in in tests. */
export interface RuleSource {
  fetchRuleSnapshot(since: number): Promise<RuleSnapshotResponse>;
}

/** pino's shape, so the host can pass its logger; default JSON lines on stderr. */
export interface RuleBookLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface RuleBookOptions {
  /** Sets held from the first open, before the central was ever reached; default DEMO_RULE_SETS. */
  seed?: readonly RuleSet[];
  logger?: RuleBookLogger;
  /** Clock for `received_at`; default `() => new Date()`. */
  now?: () => Date;
}

export interface RefusedRuleSet {
  version: string;
  snapshot: number;
  problems: string[];
}

export interface RuleRefresh {
  /** Snapshot held after the refresh. */
  snapshot: number;
  /** Versions taken in this refresh. */
  received: string[];
  /** Sets that did not validate here; none of them is held. */
  refused: RefusedRuleSet[];
}

interface Held {
  ruleSet: RuleSet;
  snapshot: number;
}

/**
 * The ticket rule sets a terminal holds, kept in its SQLite file so that it quotes offline with
 * the newest set whose date has come: a set received on Thursday for Monday is used from Monday
 * 00:00 Rome time even if the central is unreachable then.
 */
export class RuleBook {
  private sets: Held[] = [];
  private heldSnapshot = 0;
  private refreshing: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly db: Database,
    private readonly logger: RuleBookLogger,
    private readonly now: () => Date,
  ) {}

  /** Migrates scope 'rules' of the terminal database, seeds it on first open, loads what is held. */
  static async open(db: Database, options: RuleBookOptions = {}): Promise<RuleBook> {
    const now = options.now ?? (() => new Date());
    await migrate(db, RULE_BOOK_MIGRATIONS, { scope: 'rules', now });
    const book = new RuleBook(db, options.logger ?? stderrLogger, now);
    await db.transaction(async (tx) => {
      if (await tx.get('SELECT 1 FROM rule_book_state WHERE id = 1')) return;
      for (const set of options.seed ?? DEMO_RULE_SETS) {
        await tx.run('INSERT OR IGNORE INTO rule_book_sets (version, effective_from, document, snapshot, received_at) VALUES (?, ?, ?, 0, ?)', [set.version, set.effectiveFrom, JSON.stringify(set), now().toISOString()]);
      }
      await tx.run('INSERT INTO rule_book_state (id, snapshot) VALUES (1, 0)');
    });
    await book.load();
    return book;
  }

  /** Every set held, by date and then in the order they were published. */
  held(): RuleSet[] {
    return this.sets.map((h) => h.ruleSet);
  }

  /** The newest held set whose date has come on that Europe/Rome date; undefined before the first. */
  inForce(date: IsoDate): RuleSet | undefined {
    return ruleSetInForce(this.held(), date);
  }

  /** The central snapshot held: the next refresh asks for what came after it. */
  snapshot(): number {
    return this.heldSnapshot;
  }

  /**
   * Asks the central for the sets published after the held snapshot, validates each one again,
   * and keeps those that pass, durably, in one transaction. A set that does not validate is
   * logged and never held; the held snapshot stops before it so it is asked for again (a
   * software update may make it readable). Rejects with the source's error when the central
   * cannot answer; nothing changes then. Concurrent calls run one after the other.
   */
  refresh(source: RuleSource): Promise<RuleRefresh> {
    const next = this.refreshing.then(() => this.refreshOnce(source));
    this.refreshing = next.catch(() => undefined);
    return next;
  }

  /** Refreshes now and every `everyMs` (default 60,000 ms); failures are logged. Returns stop. */
  startRefreshing(source: RuleSource, everyMs = 60_000): () => Promise<void> {
    return refreshLoop(() => this.refresh(source), everyMs, this.logger, 'rules refresh', () => this.refreshing);
  }

  private async refreshOnce(source: RuleSource): Promise<RuleRefresh> {
    const answer = await source.fetchRuleSnapshot(this.heldSnapshot);
    const accepted: Held[] = [];
    const refused: RefusedRuleSet[] = [];
    for (const published of [...answer.ruleSets].sort((a, b) => a.snapshot - b.snapshot)) {
      if (published.snapshot <= this.heldSnapshot) continue;
      const checked = validateRuleSet(published.ruleSet);
      const problems = checked.ok ? [] : checked.problems;
      // The envelope must say what the document says, or the set would be filed under a lie.
      if (checked.ok && (checked.ruleSet.version !== published.version || checked.ruleSet.effectiveFrom !== published.effectiveFrom)) {
        problems.push(`$: the central announced ${published.version} from ${published.effectiveFrom}, the document is ${checked.ruleSet.version} from ${checked.ruleSet.effectiveFrom}`);
      }
      if (checked.ok && problems.length === 0) accepted.push({ ruleSet: checked.ruleSet, snapshot: published.snapshot });
      else {
        refused.push({ version: published.version, snapshot: published.snapshot, problems });
        this.logger.warn({ version: published.version, snapshot: published.snapshot, problems }, 'rule set refused: it does not validate on this terminal');
      }
    }
    const firstRefused = Math.min(...refused.map((r) => r.snapshot));
    const snapshot = Number.isFinite(firstRefused) ? Math.max(this.heldSnapshot, firstRefused - 1) : Math.max(this.heldSnapshot, answer.snapshot);
    const at = this.now().toISOString();
    await this.db.transaction(async (tx) => {
      // The central is the authority: its document replaces a shipped set of the same version.
      for (const h of accepted) {
        await tx.run(
          `INSERT INTO rule_book_sets (version, effective_from, document, snapshot, received_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (version) DO UPDATE SET effective_from = excluded.effective_from, document = excluded.document, snapshot = excluded.snapshot, received_at = excluded.received_at`,
          [h.ruleSet.version, h.ruleSet.effectiveFrom, JSON.stringify(h.ruleSet), h.snapshot, at],
        );
      }
      await tx.run('UPDATE rule_book_state SET snapshot = ? WHERE id = 1', [snapshot]);
    });
    await this.load();
    if (accepted.length > 0) this.logger.info({ versions: accepted.map((h) => h.ruleSet.version), snapshot }, 'rule sets received');
    return { snapshot, received: accepted.map((h) => h.ruleSet.version), refused };
  }

  private async load(): Promise<void> {
    const rows = await this.db.all<{ document: string; snapshot: number }>('SELECT document, snapshot FROM rule_book_sets ORDER BY effective_from, snapshot, version');
    const sets: Held[] = [];
    for (const row of rows) {
      // Held sets were validated on the way in; checking again guards against a hand-edited file.
      const checked = validateRuleSet(JSON.parse(row.document));
      if (checked.ok) sets.push({ ruleSet: checked.ruleSet, snapshot: row.snapshot });
      else this.logger.warn({ problems: checked.problems }, 'a held rule set no longer validates; it is ignored');
    }
    this.sets = sets;
    this.heldSnapshot = (await this.db.get<{ snapshot: number }>('SELECT snapshot FROM rule_book_state WHERE id = 1'))?.snapshot ?? 0;
  }
}

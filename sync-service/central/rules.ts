import { CupError } from '../domain/errors.ts';
import { validateRuleSet, type RuleSet } from '../domain/rules/rule-set.ts';
import type { RulePublishResponse, RuleSnapshotResponse } from '../protocol/index.ts';
import { canonicalJson, digestOf } from './ingest.ts';
import type { CentralStore } from './store.ts';

export type RulesErrorCode = 'RULES_INVALID' | 'RULES_VERSION_EXISTS';

/** A publication the central refuses; the set in force is untouched. `details.problems` lists every problem. */
export class RulesError extends CupError {
  declare readonly code: RulesErrorCode;
  constructor(code: RulesErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/**
 * The rule sets the central distributes: publication (validated, versioned, idempotent), the
 * snapshot a terminal asks for, and the versions payments may be quoted under.
 */
export class CentralRules {
  // Versions are never removed, so a cache can only miss, never lie; a miss reloads once,
  // which also picks up sets published by another central instance on the same store.
  private versions: Set<string> | undefined;
  private parsed: { snapshot: number; sets: RuleSet[] } | undefined;

  constructor(private readonly store: CentralStore, private readonly now: () => Date = () => new Date()) {}

  /**
   * Validates and keeps a rule set document. Rejects RULES_INVALID (every problem in
   * `details.problems`) or RULES_VERSION_EXISTS (that version is held with other content).
   * Publishing the identical set again answers its existing snapshot with `created: false`.
   */
  async publish(json: unknown): Promise<RulePublishResponse> {
    const checked = validateRuleSet(json);
    if (!checked.ok) {
      throw new RulesError('RULES_INVALID', `rule set refused, ${checked.problems.length} problem(s): ${checked.problems.join('; ')}`, { problems: checked.problems });
    }
    return this.keep(checked.ruleSet);
  }

  /** Inserts the sets whose version is not held yet (a fresh central's demo rules); returns how many. */
  async seed(sets: readonly RuleSet[]): Promise<number> {
    let added = 0;
    for (const set of sets) {
      try {
        if ((await this.keep(set)).created) added++;
      } catch (e) {
        // A region that published its own set under a demo version keeps its own.
        if (!(e instanceof RulesError)) throw e;
      }
    }
    return added;
  }

  /** What a terminal holding snapshot `since` lacks. */
  async since(since: number): Promise<RuleSnapshotResponse> {
    const [records, snapshot] = await Promise.all([this.store.listRuleSets(since), this.store.ruleSnapshot()]);
    return {
      snapshot: Math.max(snapshot, ...records.map((r) => r.snapshot)),
      ruleSets: records.map((r) => ({ snapshot: r.snapshot, version: r.version, effectiveFrom: r.effectiveFrom, publishedAt: r.publishedAt, ruleSet: JSON.parse(r.document) as Record<string, unknown> })),
    };
  }

  /**
   * Every rule set held, as the domain reads them, oldest publication first: what the central
   * quotes with (credit recovery). Reloaded when a publication changed the snapshot.
   */
  async ruleSets(): Promise<RuleSet[]> {
    const snapshot = await this.store.ruleSnapshot();
    if (this.parsed?.snapshot !== snapshot) {
      const sets: RuleSet[] = [];
      for (const record of await this.store.listRuleSets(0)) {
        // Checked when published; a set that no longer reads (older code) is left out, not guessed at.
        const checked = validateRuleSet(JSON.parse(record.document));
        if (checked.ok) sets.push(checked.ruleSet);
      }
      this.parsed = { snapshot, sets };
    }
    return this.parsed.sets;
  }

  /** Every version held, for the ingest check of payments. */
  async heldVersions(): Promise<ReadonlySet<string>> {
    this.versions ??= new Set((await this.store.listRuleSets(0)).map((r) => r.version));
    return this.versions;
  }

  /** Whether all of `versions` are held, reloading once from the store on a miss. */
  async knowsAll(versions: Iterable<string>): Promise<ReadonlySet<string>> {
    const held = await this.heldVersions();
    for (const v of versions) {
      if (!held.has(v)) {
        this.versions = undefined;
        return this.heldVersions();
      }
    }
    return held;
  }

  private async keep(set: RuleSet): Promise<RulePublishResponse> {
    // `$schema` points an editor at the schema; it is not part of the rules.
    const { $schema: _schema, ...rules } = set;
    const document = canonicalJson(rules);
    const digest = digestOf('rule-set', rules);
    const { record, created } = await this.store.putRuleSet({ version: set.version, effectiveFrom: set.effectiveFrom, document, digest, publishedAt: this.now().toISOString() });
    if (!created && record.digest !== digest) {
      throw new RulesError('RULES_VERSION_EXISTS', `version ${set.version} is already published with other content; publish under a new version`, { version: set.version, snapshot: record.snapshot });
    }
    this.versions?.add(record.version);
    return { version: record.version, effectiveFrom: record.effectiveFrom, snapshot: record.snapshot, created };
  }
}

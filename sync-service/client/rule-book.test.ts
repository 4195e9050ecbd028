import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_RULE_SETS, type RuleSet } from '../domain/index.ts';
import { openDatabase, type Database } from '../outbox/index.ts';
import type { PublishedRuleSet, RuleSnapshotResponse } from '../protocol/index.ts';
import { RuleBook, type RuleBookLogger, type RuleSource } from './rule-book.ts';

let dir: string;
let db: Database;
const warnings: object[] = [];
const logger: RuleBookLogger = { info: () => undefined, warn: (fields) => void warnings.push(fields) };

const demo5: RuleSet = { ...DEMO_RULE_SETS[3]!, version: 'demo-5', effectiveFrom: '2031-03-03', fixedQuotaCents: 200 };
const published = (snapshot: number, set: Record<string, unknown>): PublishedRuleSet => ({
  snapshot,
  version: String(set.version),
  effectiveFrom: String(set.effectiveFrom),
  publishedAt: '2031-02-27T10:00:00.000Z',
  ruleSet: set,
});

/** A central that answers what it was given after `since`, and records what it was asked. */
function source(all: PublishedRuleSet[]): RuleSource & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    async fetchRuleSnapshot(since): Promise<RuleSnapshotResponse> {
      asked.push(since);
      return { snapshot: Math.max(0, ...all.map((s) => s.snapshot)), ruleSets: all.filter((s) => s.snapshot > since) };
    },
  };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-rulebook-'));
  db = await openDatabase(join(dir, 'terminal.sqlite'));
  warnings.length = 0;
});

afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('RuleBook', () => {
  it('holds the demo sets from the first open, at snapshot 0', async () => {
    const book = await RuleBook.open(db, { logger });
    expect(book.held().map((s) => s.version)).toEqual(['demo-1', 'demo-2', 'demo-3', 'demo-4']);
    expect(book.snapshot()).toBe(0);
    expect(book.inForce('2020-08-31')?.version).toBe('demo-3');
    expect(book.inForce('2020-09-01')?.version).toBe('demo-4');
    expect(book.inForce('2010-12-31')).toBeUndefined();
  });

  it('takes a future set, keeps it across a reopen, and uses it from its date', async () => {
    const central = source([...DEMO_RULE_SETS.map((s, i) => published(i + 1, s)), published(5, demo5)]);
    const book = await RuleBook.open(db, { logger });
    expect(await book.refresh(central)).toEqual({ snapshot: 5, received: ['demo-1', 'demo-2', 'demo-3', 'demo-4', 'demo-5'], refused: [] });
    expect(await book.refresh(central)).toEqual({ snapshot: 5, received: [], refused: [] });
    expect(central.asked).toEqual([0, 5]);
    const reopened = await RuleBook.open(db, { logger });
    expect(reopened.snapshot()).toBe(5);
    expect(reopened.inForce('2031-03-02')?.version).toBe('demo-4');
    expect(reopened.inForce('2031-03-03')?.version).toBe('demo-5');
  });

  it('refuses a set that does not validate, logs it, and asks for it again next time', async () => {
    const broken = { ...demo5, version: 'demo-6', effectiveFrom: '2031-04-01', capCents: -5 };
    const later = { ...demo5, version: 'demo-7', effectiveFrom: '2031-05-01' };
    const central = source([published(5, demo5), published(6, broken), published(7, later)]);
    const book = await RuleBook.open(db, { logger });
    const result = await book.refresh(central);
    expect(result.received).toEqual(['demo-5', 'demo-7']);
    expect(result.refused).toEqual([{ version: 'demo-6', snapshot: 6, problems: [expect.stringContaining('$.capCents')] }]);
    expect(result.snapshot).toBe(5);
    expect(warnings).toHaveLength(1);
    expect(book.held().map((s) => s.version)).not.toContain('demo-6');
    expect(book.inForce('2031-04-15')?.version).toBe('demo-5');
    await book.refresh(central);
    expect(central.asked).toEqual([0, 5]);
  });

  it('refuses a set whose envelope does not match its document', async () => {
    const book = await RuleBook.open(db, { logger });
    const lying = { ...published(5, demo5), effectiveFrom: '2030-01-01' };
    expect((await book.refresh(source([lying]))).refused[0]?.problems[0]).toMatch(/announced demo-5 from 2030-01-01/);
    expect(book.held()).toHaveLength(4);
  });

  it('changes nothing when the central cannot answer', async () => {
    const book = await RuleBook.open(db, { logger });
    const down: RuleSource = { fetchRuleSnapshot: () => Promise.reject(Object.assign(new Error('unreachable'), { code: 'CENTRAL_UNREACHABLE' })) };
    await expect(book.refresh(down)).rejects.toMatchObject({ code: 'CENTRAL_UNREACHABLE' });
    expect([book.snapshot(), book.held().length]).toEqual([0, 4]);
  });

  it('refreshes on a timer until stopped', async () => {
    const central = source([published(5, demo5)]);
    const book = await RuleBook.open(db, { logger });
    const stop = book.startRefreshing(central, 10);
    await new Promise((r) => setTimeout(r, 60));
    await stop();
    expect(book.snapshot()).toBe(5);
    expect(central.asked.length).toBeGreaterThan(1);
  });
});

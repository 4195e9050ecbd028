/**
 * Rule sets pushed from the centre: published at a central on 127.0.0.1, pulled by an enrolled
 * terminal over signed HTTP into its SQLite file, and used from their date, online or not.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { CentralError, publishRuleSet, RuleBook, SyncClient, type RuleBookLogger } from '../../../sync-service/client/index.ts';
import { DEMO_RULE_SETS, quoteTicket, type QuoteRequest } from '../../../sync-service/domain/index.ts';
import { openDatabase, Outbox, type Database } from '../../../sync-service/outbox/index.ts';
import { enrol, tempDir } from './helpers.ts';

const TOKEN = 'region-admin-token';
// A set pushed on Thursday 27 February 2031 for Monday 3 March.
const MONDAY = '2031-03-03';
const SUNDAY = '2031-03-02';
const demo5 = { ...DEMO_RULE_SETS[3]!, version: 'demo-5', effectiveFrom: MONDAY, description: 'demo-4 plus a fixed quota of 250', fixedQuotaCents: 250 };
const request = (date: string): QuoteRequest => ({ date, incomeBand: null, exemptions: [], prescriptions: [{ services: [{ code: '89.7', tariffCents: 2066 }] }] });

let centralDir: ReturnType<typeof tempDir>;
let terminalDir: ReturnType<typeof tempDir>;
let central: RunningCentral | undefined;
let db: Database;
let client: SyncClient;
let book: RuleBook;
const warnings: object[] = [];
const logger: RuleBookLogger = { info: () => undefined, warn: (f) => void warnings.push(f) };

beforeEach(async () => {
  centralDir = tempDir('cupk-central-');
  terminalDir = tempDir('cupk-terminal-');
  central = await startCentral({ dbFile: join(centralDir.path, 'central.db'), adminToken: TOKEN, seedDemo: true });
  const kiosk = await enrol(central, 'kiosk-1');
  db = await openDatabase(join(terminalDir.path, 'terminal.sqlite'));
  client = new SyncClient({ outbox: await Outbox.open(db), centralUrl: central.url, terminalId: 'kiosk-1', sign: kiosk.sign, requestTimeoutMs: 2_000 });
  book = await RuleBook.open(db, { logger });
  warnings.length = 0;
});

afterEach(async () => {
  await client.stop();
  await central?.close();
  await db.close();
  centralDir.remove();
  terminalDir.remove();
});

describe('rule sets from the centre to a terminal', () => {
  it('takes a set published for a future date and quotes with it from that date, offline too', async () => {
    const published = await publishRuleSet({ centralUrl: central!.url, token: TOKEN, document: demo5 });
    expect(published).toEqual({ version: 'demo-5', effectiveFrom: MONDAY, snapshot: 5, created: true });

    const refresh = await book.refresh(client);
    expect(refresh).toMatchObject({ snapshot: 5, refused: [] });
    expect(refresh.received).toContain('demo-5');
    expect(book.inForce(SUNDAY)?.version).toBe('demo-4');
    expect(book.inForce(MONDAY)?.version).toBe('demo-5');
    expect(quoteTicket(request(SUNDAY), book.held())).toMatchObject({ ruleVersion: 'demo-4', totalCents: 2066 });
    expect(quoteTicket(request(MONDAY), book.held())).toMatchObject({ ruleVersion: 'demo-5', totalCents: 2066 + 250 });

    // Monday comes with the central unreachable: the terminal reopens its file and still knows.
    await central!.close();
    central = undefined;
    await expect(book.refresh(client)).rejects.toBeInstanceOf(CentralError);
    const reopened = await RuleBook.open(db, { logger });
    expect(reopened.snapshot()).toBe(5);
    expect(quoteTicket(request(MONDAY), reopened.held())).toMatchObject({ ruleVersion: 'demo-5', totalCents: 2316 });
    expect(quoteTicket(request('2031-03-10'), reopened.held()).ruleVersion).toBe('demo-5');
  });

  it('refuses an invalid set at the central with every problem listed; the terminal never sees it', async () => {
    await book.refresh(client);
    const invalid = { ...demo5, version: 'demo-6', capCents: -1, incomeBands: { bands: [{ band: 2, upToCents: 100, quotaCents: 0 }], defaultBand: 3 }, colour: 'red' };
    const refusal = await publishRuleSet({ centralUrl: central!.url, token: TOKEN, document: invalid }).catch((e: unknown) => e as CentralError);
    expect(refusal).toMatchObject({ code: 'RULES_INVALID' });
    const problems = (refusal as CentralError).details?.problems as string[];
    expect(problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual(
      expect.arrayContaining(['$.capCents', '$.incomeBands.bands[0].band', '$.incomeBands.bands[0].upToCents', '$.incomeBands.defaultBand', '$']),
    );
    expect(problems.join('\n')).toMatch(/colour/);

    expect(await book.refresh(client)).toEqual({ snapshot: 4, received: [], refused: [] });
    expect(book.held().map((s) => s.version)).not.toContain('demo-6');
    expect(book.inForce('2031-12-31')?.version).toBe('demo-4');
  });

  it('refuses another document under a published version, and the wrong token', async () => {
    const conflict = await publishRuleSet({ centralUrl: central!.url, token: TOKEN, document: { ...DEMO_RULE_SETS[3], capCents: 9999 } }).catch((e: unknown) => e);
    expect(conflict).toMatchObject({ code: 'RULES_VERSION_EXISTS' });
    await expect(publishRuleSet({ centralUrl: central!.url, token: 'guess', document: demo5 })).rejects.toMatchObject({ code: 'ADMIN_AUTH_INVALID' });
    expect((await central!.ruleSnapshot()).snapshot).toBe(4);
  });

  it('publishes in-process too, and the central then accepts payments quoted under it', async () => {
    await expect(central!.publishRuleSet({ ...demo5, capCents: -3 })).rejects.toMatchObject({ code: 'RULES_INVALID' });
    expect(await central!.publishRuleSet(demo5)).toMatchObject({ snapshot: 5, created: true });
    expect((await central!.ruleSnapshot(4)).ruleSets.map((s) => s.version)).toEqual(['demo-5']);
    const stop = book.startRefreshing(client, 20);
    await expect.poll(() => book.snapshot(), { timeout: 5_000 }).toBe(5);
    await stop();
  });

  it('answers the snapshot only to a signed terminal', async () => {
    const res = await fetch(`${central!.url}/v1/snapshots/rules?since=0`);
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([401, 'AUTH_MISSING']);
  });
});

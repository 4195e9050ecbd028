import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startCentral, type RunningCentral } from '@cup-kiosk/sync-service/central';
import { RuleBook, SyncClient } from '@cup-kiosk/sync-service/client';
import { DEMO_RULE_SETS } from '@cup-kiosk/sync-service/domain';
import { openTerminalDb, type TerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { TerminalHost } from '../../../kiosk/host/terminal-host.ts';
import type { CashService } from '../../../kiosk/host/cash/cash-service.ts';
import { enrol, tempDir } from '../sync/helpers.ts';

// A rule set published at the central on a Thursday for a Monday reaches the running terminal,
// which quotes with it from that Monday, also when it is offline by then.

let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let tdb: TerminalDb;
let client: SyncClient;

beforeEach(async () => {
  dir = tempDir('cupk-rules-');
  central = await startCentral({ dbFile: join(dir.path, 'central.db'), seedDemo: true });
  tdb = await openTerminalDb(join(dir.path, 'terminal.sqlite'), 'K-1');
  const kiosk = await enrol(central, 'K-1');
  client = new SyncClient({ outbox: tdb.outbox, centralUrl: central.url, terminalId: 'K-1', sign: kiosk.sign });
});

afterEach(async () => {
  await client.stop();
  await central.close();
  await tdb.db.close();
  dir.remove();
});

describe('rule sets pushed from the central', () => {
  it('a set published for a future date is used from that date, online or not', async () => {
    const rules = await RuleBook.open(tdb.db);
    let now = new Date('2026-12-03T10:00:00+01:00'); // Thursday
    const host = new TerminalHost({
      terminalId: 'K-1',
      store: tdb.payments,
      cash: {} as CashService,
      printer: { status: async () => ({}) as never, printPaymentReceipt: async () => ({}) as never, printVoucher: async () => ({}) as never, printBookingSlip: async () => ({}) as never },
      central: { lookupBooking: (code) => client.lookupBooking(code), kick: () => {} },
      verifyBaseUrl: 'http://x/',
      ruleSets: () => rules.held(),
      now: () => now,
    });
    const demo4 = DEMO_RULE_SETS.find((r) => r.version === 'demo-4')!;
    // A region reintroduces a fixed quota of 5 € per prescription from Monday 7 December.
    await central.publishRuleSet({ ...demo4, version: 'region-2026-12', effectiveFrom: '2026-12-07', fixedQuotaCents: 500 });
    expect((await rules.refresh(client)).received).toContain('region-2026-12');

    expect(await host.findBooking('123456789092')).toMatchObject({ ruleVersion: 'demo-4', amountDueCents: 3228 });
    now = new Date('2026-12-06T23:59:00+01:00');
    expect((await host.findBooking('123456789092')).ruleVersion).toBe('demo-4');
    now = new Date('2026-12-07T00:00:00+01:00');
    expect(await host.findBooking('123456789092')).toMatchObject({ ruleVersion: 'region-2026-12', amountDueCents: 3728 });

    // Offline from now on: the set held keeps being used, and nothing is lost from the book.
    await client.stop();
    const again = await RuleBook.open(tdb.db);
    expect(again.inForce('2026-12-08')?.version).toBe('region-2026-12');
  });

  it('a set that does not validate is refused at the central and never reaches the terminal', async () => {
    const rules = await RuleBook.open(tdb.db);
    await expect(central.publishRuleSet({ version: 'bad', effectiveFrom: '2026-13-01', capCents: -1 })).rejects.toMatchObject({ code: 'RULES_INVALID' });
    await rules.refresh(client);
    expect(rules.held().map((r) => r.version)).toEqual(DEMO_RULE_SETS.map((r) => r.version));
  });
});

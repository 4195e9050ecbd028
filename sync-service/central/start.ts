import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_BOOKINGS, DEMO_NOTICES_AS_OF, DEMO_RULE_SETS, demoAgenda, demoPrescriptions, todayInRome, type Booking, type IsoDate, type RuleSet } from '../domain/index.ts';
import type { Notice, RulePublishResponse, RuleSnapshotResponse } from '../protocol/index.ts';
import { buildCentralApp } from './app.ts';
import { seedDemoCampaigns } from './campaign-seed.ts';
import { issueEnrolmentCode, type EnrolmentCode } from './auth.ts';
import { CentralNotices } from './notices.ts';
import { addStaffAccount } from './staff-auth.ts';
import { CentralRules } from './rules.ts';
import { PgCentralStore } from './pg-store.ts';
import { SqliteCentralStore } from './sqlite-store.ts';
import type { CentralStore, StaffRole } from './store.ts';

export interface StartCentralOptions {
  /**
   * PostgreSQL connection URL (`postgres://user@host:port/db`): the regional store, which
   * several centrals may share. Default none: the SQLite file below. `dataDir` and `dbFile`
   * are ignored when it is given.
   */
  pg?: string;
  /** Folder for `central.db`; default `./data/central`. Ignored when `dbFile` is given. */
  dataDir?: string;
  /** SQLite file of the central; default `<dataDir>/central.db`. */
  dbFile?: string;
  /** TCP port; 0 (the default) picks a free one, read it back from `url`. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1 (loopback only unless asked). */
  host?: string;
  /**
   * Insert the domain's DEMO_BOOKINGS (missing ones only) and run the demo's credit recovery
   * over them as of DEMO_NOTICES_AS_OF, so a fresh central holds DEMO_NOTICES; also the demo
   * citizens' open prescriptions and the demo agendas from today for DEMO_AGENDA_DAYS (missing
   * ones only, so a restart adds the days since). Default false.
   */
  seedDemo?: boolean;
  /** Extra bookings to insert at start (missing ones only), e.g. a test's fixtures. */
  seedBookings?: readonly Booking[];
  /** JSON logs on stdout with pino; default false. */
  logger?: boolean;
  /** Largest request body in bytes; default 1 MiB. */
  bodyLimit?: number;
  /** Terminal routes accept only signed requests of enrolled terminals; default true. */
  requireSignatures?: boolean;
  /** Largest accepted clock difference of a signed request; default 5 minutes. */
  maxSkewMs?: number;
  /** Ticket rule set versions payments may be quoted under; default the versions the central holds. */
  ruleVersions?: readonly string[];
  /** Rule sets held from the first start (missing versions only); default DEMO_RULE_SETS. */
  seedRuleSets?: readonly RuleSet[];
  /** Bearer token for the /v1/admin routes (rule sets, notices); default none, and then they answer 404. */
  adminToken?: string;
  /** Segregation code of the notices this central issues; default '02'. */
  noticeSegregationCode?: string;
  /** How long a lock holds a notice for a payment; default 10 minutes. */
  noticeLockMs?: number;
  /** Deflate the notice PDFs; default true. */
  compressPdf?: boolean;
  /** How long a hold keeps a slot for the terminal that took it; default 10 minutes. */
  holdMs?: number;
  /** The central's clock (signature freshness, notice locks, holds, runs); default `() => new Date()`. */
  now?: () => Date;
  /**
   * Dashboard staff accounts made (or reset: password and role set afresh) at start. Default
   * none; with `seedDemo`, the account `demo` (role staff) when the environment holds
   * CUPK_STAFF_PASSWORD (12 characters at least), so `npm start` opens /dashboard.
   */
  staffAccounts?: readonly { username: string; password: string; role: StaffRole }[];
}

/** Where the embedded central's demo staff password comes from; never an argument, so never in `ps`. */
export const STAFF_PASSWORD_ENV = 'CUPK_STAFF_PASSWORD';
export const DEMO_STAFF_USER = 'demo';

function demoStaff(): { username: string; password: string; role: StaffRole }[] {
  const password = process.env[STAFF_PASSWORD_ENV];
  return password ? [{ username: DEMO_STAFF_USER, password, role: 'staff' }] : [];
}

export interface RunningCentral {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  store: CentralStore;
  /** A one-time code a technician types at the terminal to enrol it (default TTL 24 h). */
  issueEnrolmentCode(terminalId: string, options?: { ttlMs?: number }): Promise<EnrolmentCode>;
  /**
   * Validates and keeps a rule set document under the next snapshot number, as
   * POST /v1/admin/rule-sets does. Rejects RulesError RULES_INVALID (every problem in
   * `details.problems`) or RULES_VERSION_EXISTS; the sets held are untouched then.
   */
  publishRuleSet(json: unknown): Promise<RulePublishResponse>;
  /** The rule sets published after snapshot `since` (default 0: all), as terminals get them. */
  ruleSnapshot(since?: number): Promise<RuleSnapshotResponse>;
  /** A credit recovery run as POST /v1/admin/notices/issue makes it (default: as of today). */
  issueNotices(asOf?: IsoDate): Promise<Notice[]>;
  /** Refuses every later request of the terminal until it is enrolled again. */
  revokeTerminal(terminalId: string): Promise<boolean>;
  /** Stops listening, waits for in-flight requests, closes the store. */
  close(): Promise<void>;
}

/** Days of demo agenda a demo central holds ahead of today. */
export const DEMO_AGENDA_DAYS = 130;

export async function startCentral(options: StartCentralOptions = {}): Promise<RunningCentral> {
  const store = await openStore(options);
  try {
    const now = options.now ?? (() => new Date());
    if (options.seedDemo) {
      await store.addBookings(DEMO_BOOKINGS);
      const today = todayInRome(now());
      await store.addPrescriptions(demoPrescriptions(today));
      await store.addSlots(demoAgenda(today, DEMO_AGENDA_DAYS));
      await seedDemoCampaigns(store, today, DEMO_AGENDA_DAYS);
    }
    if (options.seedBookings) await store.addBookings(options.seedBookings);
    const rules = new CentralRules(store, now);
    await rules.seed(options.seedRuleSets ?? DEMO_RULE_SETS);
    const notices = new CentralNotices({ store, rules, now, segregationCode: options.noticeSegregationCode, lockMs: options.noticeLockMs });
    // The demo's own bookings only: a test's bookings of past days are left as they are.
    if (options.seedDemo) await notices.issue(DEMO_NOTICES_AS_OF, DEMO_BOOKINGS.map((b) => b.code));
    for (const account of options.staffAccounts ?? (options.seedDemo ? demoStaff() : [])) await addStaffAccount(store, account, now(), true);
    const app = buildCentralApp(store, {
      logger: options.logger ?? false,
      bodyLimit: options.bodyLimit,
      requireSignatures: options.requireSignatures,
      maxSkewMs: options.maxSkewMs,
      ruleVersions: options.ruleVersions ?? 'held',
      adminToken: options.adminToken,
      rules,
      notices,
      compressPdf: options.compressPdf,
      holdMs: options.holdMs,
      now,
    });
    const host = options.host ?? '127.0.0.1';
    await app.listen({ port: options.port ?? 0, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    let closing: Promise<void> | undefined;
    return {
      url,
      store,
      issueEnrolmentCode: (terminalId, o) => issueEnrolmentCode(store, terminalId, o),
      publishRuleSet: (json) => rules.publish(json),
      ruleSnapshot: (since = 0) => rules.since(since),
      issueNotices: async (asOf) => (await notices.issue(asOf)).issued,
      revokeTerminal: (terminalId) => store.revokeTerminal(terminalId, new Date().toISOString()),
      close: () => (closing ??= app.close().then(() => store.close())),
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}


function openStore(options: StartCentralOptions): Promise<CentralStore> {
  if (options.pg !== undefined) return PgCentralStore.open(options.pg);
  const dataDir = options.dataDir ?? join('data', 'central');
  const dbFile = options.dbFile ?? join(dataDir, 'central.db');
  if (!options.dbFile) mkdirSync(dataDir, { recursive: true });
  return SqliteCentralStore.open(dbFile);
}

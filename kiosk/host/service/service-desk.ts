import { CupError } from '@cup-kiosk/sync-service/domain';
import type { Database } from '@cup-kiosk/sync-service/outbox';
import type {
  ServiceAcceptanceResult,
  ServiceApi,
  ServiceCashEmptied,
  ServiceConfig,
  ServiceEventLog,
  ServiceHopperRefilled,
  ServiceOpenInput,
  ServicePayoutResult,
  ServicePrinted,
  ServiceRefillInput,
  ServiceSession,
  ServiceStatus,
  ServiceSyncResult,
} from '../../bridge/service-api.ts';
import type { TerminalEvent } from '../../bridge/terminal-api.ts';
import { emptyCashBox, refillHopper } from '../cash/cash-counts.ts';
import type { CashLedger } from '../cash/cash-ledger.ts';
import type { CashCredit } from '../ports.ts';
import type { ServiceCash } from './service-cash.ts';
import { badgeSecretMatches, parseBadge, type BadgeParts } from './service-badge.ts';
import { afterWrongPin, isLocked, MAX_PIN_FAILURES, pinMatches, UNLOCKED } from './service-pin.ts';
import type { ServicePaper } from './service-printer.ts';
import { latestLedger, serviceStatus, type DeviceSource, type ServiceSyncPort } from './service-status.ts';
import type { AuditRecord, ServiceStore } from './service-store.ts';

export interface ServiceDeskOptions {
  store: ServiceStore;
  db: Database;
  ledger: CashLedger;
  /** Whether a citizen's payment is open: service mode does not start under it. */
  paymentOpen(): Promise<boolean>;
  cash: ServiceCash;
  paper: ServicePaper;
  sync: ServiceSyncPort;
  devices: DeviceSource;
  hoppers: readonly { address: number; valueCents: number }[];
  config: ServiceConfig;
  /** The technician PIN's scrypt hash (`hashPin`). */
  pinHash: string;
  /** A session closes after this long without a command; default 10 minutes. */
  idleLimitMs?: number;
  /** Entries of each kind the event log shows; default 40. */
  logEntries?: number;
  /** Called once a refill is in the ledger (see `ServiceWiring.onRefill`). */
  onRefill?: (hopper: number, count: number) => void;
  /** Where `service.requested` goes out to the UI. */
  publish(e: TerminalEvent): void;
  now?: () => Date;
}

interface OpenSession {
  technicianId: string;
  openedAt: string;
  lastUsed: number;
}

/** How long a scanned badge waits for the screen to ask for it. */
const BADGE_FRESH_MS = 60_000;

const codeOf = (e: unknown) => (typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'HOST_FAILURE');
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const euro = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;
const printed = (p: ServicePrinted) => (p.printError ? `; stampa non riuscita: ${p.printError.code}` : '; stampato');

/**
 * The technician's service mode on the host: the PIN with its lockout, one service session at
 * a time, and every action audited in the terminal's SQLite before its answer goes back.
 * Actions run one after another: two cash tests never share the devices.
 */
export class ServiceDesk implements ServiceApi {
  private session: OpenSession | null = null;
  /** The badge last scanned, until `serviceOpen` uses it or it goes stale. */
  private presented: (BadgeParts & { at: number }) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;
  private readonly idleLimitMs: number;

  constructor(private readonly o: ServiceDeskOptions) {
    this.now = o.now ?? (() => new Date());
    this.idleLimitMs = o.idleLimitMs ?? 10 * 60_000;
  }

  /** The cabinet's service switch: the UI shows the PIN pad. */
  requestService(): void {
    this.o.publish({ type: 'service.requested' });
  }

  /** Whether credits now belong to the acceptance test, not to a citizen. */
  takesCredits(): boolean {
    return this.o.cash.takesCredits();
  }

  recordTestCredit(credit: CashCredit): Promise<void> {
    return this.o.cash.recordTestCredit(credit);
  }

  /**
   * A scan that is a technician's badge: kept for a minute for `serviceOpen`, and the UI told
   * (by id only: the secret stays in the host). False for any other scan.
   */
  badgeScanned(text: string): boolean {
    const badge = parseBadge(text);
    if (!badge) return false;
    this.presented = { ...badge, at: this.now().getTime() };
    this.o.publish({ type: 'service.badge', badgeId: badge.id });
    return true;
  }

  serviceOpen(input: ServiceOpenInput): Promise<ServiceSession> {
    return this.serial(async () => {
      const byBadge = typeof input?.badgeId === 'string';
      let technician = (input?.technicianId ?? '').trim().slice(0, 40) || 'technician';
      const lock = await this.o.store.pinLock();
      const now = this.now();
      if (isLocked(lock, now)) {
        await this.audit({ technician, action: 'open', outcome: 'refused', code: 'SERVICE_LOCKED', summary: `bloccato fino a ${lock.lockedUntil}` });
        throw new CupError('SERVICE_LOCKED', `too many wrong PINs or badges: service mode is locked until ${lock.lockedUntil}`);
      }
      const holder = byBadge ? await this.badgeHolder(input.badgeId!, now) : null;
      if (byBadge ? holder === null : typeof input?.pin !== 'string' || !pinMatches(input.pin, this.o.pinHash)) {
        const what = byBadge ? `badge ${String(input.badgeId).slice(0, 8)} rifiutato` : 'PIN errato';
        const next = afterWrongPin(lock, now);
        const code = next.lockedUntil ? 'SERVICE_LOCKED' : byBadge ? 'SERVICE_BADGE_REFUSED' : 'SERVICE_PIN_WRONG';
        await this.o.store.savePinLock(next, { technician, action: 'open', outcome: 'refused', code, summary: next.lockedUntil ? `${what}, bloccato fino a ${next.lockedUntil}` : `${what} (${next.failures} di ${MAX_PIN_FAILURES})` });
        if (next.lockedUntil) throw new CupError('SERVICE_LOCKED', `${MAX_PIN_FAILURES} wrong tries: service mode is locked until ${next.lockedUntil}`);
        if (byBadge) throw new CupError('SERVICE_BADGE_REFUSED', `the badge is unknown, revoked or was not just scanned; ${MAX_PIN_FAILURES - next.failures} tries left before the lockout`);
        throw new CupError('SERVICE_PIN_WRONG', `wrong PIN; ${MAX_PIN_FAILURES - next.failures} tries left before the lockout`);
      }
      if (holder) technician = `${holder} (badge ${input.badgeId})`.slice(0, 80);
      if (await this.o.paymentOpen()) {
        await this.audit({ technician, action: 'open', outcome: 'refused', code: 'SERVICE_BUSY', summary: 'pagamento in corso' });
        throw new CupError('SERVICE_BUSY', 'a citizen is paying: service mode opens when the payment is over');
      }
      await this.o.store.savePinLock(UNLOCKED, { technician, action: 'open', outcome: 'ok', summary: byBadge ? 'sessione aperta con il badge' : 'sessione aperta' });
      this.session = { technicianId: technician, openedAt: now.toISOString(), lastUsed: now.getTime() };
      return { technicianId: technician, openedAt: this.session.openedAt, idleLimitMs: this.idleLimitMs };
    });
  }

  /** The holder of the badge just scanned with this id, if it is enrolled and not revoked; the scan is used up. */
  private async badgeHolder(badgeId: string, now: Date): Promise<string | null> {
    const p = this.presented;
    this.presented = null;
    if (!p || p.id !== badgeId || now.getTime() - p.at > BADGE_FRESH_MS) return null;
    const badge = await this.o.store.badge(p.id);
    if (!badge || badge.revokedAt !== null || !badgeSecretMatches(p.secret, badge.secretHash)) return null;
    return badge.holder;
  }

  serviceClose(): Promise<void> {
    return this.serial(async () => {
      const s = this.session;
      if (!s) return;
      this.session = null;
      await this.audit({ technician: s.technicianId, action: 'close', outcome: 'ok', summary: 'sessione chiusa' });
    });
  }

  serviceStatus(): Promise<ServiceStatus> {
    return this.audited('status', () => serviceStatus(this.o.devices, this.o.sync, this.o.ledger), (s) => `${s.devices.length} dispositivi, ${s.backlog} da inviare`);
  }

  serviceTestPrint(): Promise<ServicePrinted> {
    return this.audited('test-print', () => this.o.paper.testPage(this.now()), () => 'pagina di prova stampata');
  }

  serviceAcceptanceTest(input?: { seconds?: number }): Promise<ServiceAcceptanceResult> {
    return this.audited(
      'acceptance-test',
      (tech) => this.o.cash.acceptanceTest(tech, input?.seconds),
      (r) => `${r.credits.length} pezzi, ${euro(r.totalCents)} in cassetta`,
      (r) => ({ credits: r.credits }),
    );
  }

  servicePayoutTest(hopper: number): Promise<ServicePayoutResult> {
    return this.audited('payout-test', (tech) => this.o.cash.payoutTest(tech, hopper), (r) => `hopper ${r.hopper}: ${r.paid} moneta pagata${r.error ? ` (${r.error})` : ''}`);
  }

  serviceEmptyCashBox(): Promise<ServiceCashEmptied> {
    return this.audited(
      'empty-cash-box',
      async (tech) => {
        // The count is on disk before the report prints: paper can fail, the count cannot be lost.
        const e = await emptyCashBox(this.o.db, this.o.ledger, tech);
        const paper = await this.o.paper.cashEmptied(tech, this.now(), e.levels);
        return { emptiedCents: e.emptiedCents, levels: e.levels, ...paper };
      },
      (r) => `prelevati ${euro(r.emptiedCents)}${printed(r)}`,
      (r) => ({ levels: r.levels }),
    );
  }

  serviceRefillHopper(input: ServiceRefillInput): Promise<ServiceHopperRefilled> {
    return this.audited(
      'refill-hopper',
      async (tech) => {
        const r = await refillHopper(this.o.ledger, this.o.hoppers, input?.hopper, input?.count, tech).catch((e: unknown) => {
          throw codeOf(e) === 'HOPPER_UNKNOWN' ? new CupError('SERVICE_HOPPER_UNKNOWN', messageOf(e)) : codeOf(e) === 'REFILL_COUNT_INVALID' ? new CupError('SERVICE_COUNT_INVALID', messageOf(e)) : e;
        });
        this.o.onRefill?.(r.hopper, r.after - r.before);
        const paper = await this.o.paper.hopperRefilled(tech, this.now(), { address: r.hopper, valueCents: r.valueCents, before: r.before, after: r.after });
        return { ...r, ...paper };
      },
      (r) => `hopper ${r.hopper}: ${r.before} -> ${r.after}${printed(r)}`,
    );
  }

  serviceEventLog(): Promise<ServiceEventLog> {
    const n = this.o.logEntries ?? 40;
    // The log shows itself being read: the audit row of this look is written first.
    return this.audited('event-log', async () => null, () => 'registro consultato').then(async () => ({
      audit: await this.o.store.latest(n),
      ledger: await latestLedger(this.o.ledger, n),
    }));
  }

  serviceConfig(): Promise<ServiceConfig> {
    return this.audited('config', async () => this.o.config, () => 'configurazione consultata');
  }

  serviceSyncNow(): Promise<ServiceSyncResult> {
    return this.audited(
      'sync-now',
      async () => {
        const round = await this.o.sync.syncNow().then(
          (r) => ({ ok: true as const, sent: r.sent, acked: r.acked }),
          (e: unknown) => ({ ok: false as const, code: codeOf(e), sent: 0, acked: 0 }),
        );
        const s = await this.o.sync.status();
        return { ...round, backlog: s.backlog, lastSyncAt: s.lastAckAt };
      },
      (r) => (r.ok ? `inviati ${r.acked}, ${r.backlog} da inviare` : `invio non riuscito: ${r.code}, ${r.backlog} da inviare`),
    );
  }

  /** Runs one action of an open session and audits it, whatever its end, before answering. */
  private audited<T>(action: string, run: (technician: string) => Promise<T>, summary: (r: T) => string, detail?: (r: T) => Record<string, unknown>): Promise<T> {
    return this.serial(async () => {
      const technician = this.open(this.now());
      if (technician === null) {
        await this.audit({ technician: '-', action, outcome: 'refused', code: 'SERVICE_NOT_OPEN', summary: 'nessuna sessione di servizio' });
        throw new CupError('SERVICE_NOT_OPEN', 'open service mode with the technician PIN first');
      }
      let result: T;
      try {
        result = await run(technician);
      } catch (e) {
        await this.audit({ technician, action, outcome: 'failed', code: codeOf(e), summary: messageOf(e).slice(0, 200) });
        throw e;
      }
      await this.audit({ technician, action, outcome: 'ok', summary: summary(result), ...(detail ? { detail: detail(result) } : {}) });
      return result;
    });
  }

  /** The technician of the open session, touched; null when none is open or it sat idle too long. */
  private open(now: Date): string | null {
    const s = this.session;
    if (!s) return null;
    if (now.getTime() - s.lastUsed > this.idleLimitMs) {
      this.session = null;
      return null;
    }
    s.lastUsed = now.getTime();
    return s.technicianId;
  }

  private async audit(r: AuditRecord): Promise<void> {
    try {
      await this.o.store.record(r);
    } catch (e) {
      throw new CupError('SERVICE_AUDIT_FAILED', `the service action could not be audited: ${messageOf(e)}`);
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }
}

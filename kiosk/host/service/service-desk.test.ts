import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EPSON_TM_T88, renderText, type ReceiptDocument } from '@cup-kiosk/terminal-drivers/printer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../../bridge/service-api.ts';
import type { TerminalEvent } from '../../bridge/terminal-api.ts';
import { DEFAULT_HOPPERS } from '../cash/cash-config.ts';
import { openTerminalDb, type TerminalDb } from '../terminal-db.ts';
import { openServiceDesk } from './open-service-desk.ts';
import type { ServiceCashPort } from './service-cash.ts';
import { badgeSecretHash, newBadge } from './service-badge.ts';
import { DEMO_SERVICE_PIN, PIN_LOCKOUT_MS } from './service-pin.ts';
import { ServiceStore } from './service-store.ts';

const START = Date.parse('2026-04-01T07:30:00.000Z');
const CONFIG: ServiceConfig = {
  terminalId: 'KIOSK-T',
  centralUrl: 'http://central.test',
  appVersion: '0.1.0',
  printerProfile: EPSON_TM_T88.id,
  ports: [{ device: 'stampante', port: '/dev/pts/9' }],
  hoppers: [...DEFAULT_HOPPERS],
};

/** The cash desk's side the tests drive: `drop` is a coin taken while acceptance is on. */
function fakeDesk() {
  const calls: string[] = [];
  let onAccept: (() => void) | null = null;
  const desk: ServiceCashPort = {
    coinValues: [10, 20, 50, 100, 200],
    billValues: [500, 1000],
    accept: async (v) => {
      calls.push(`accept ${v.coins.length}+${v.bills.length}`);
      onAccept?.();
    },
    disable: async () => void calls.push('disable'),
    settle: async () => void calls.push('settle'),
    payout: async (owed, levels, hooks) => {
      const line = { id: levels[0]!.id, valueCents: levels[0]!.valueCents, count: 1 };
      await hooks.beforeDispense(line, { eventCounter: 7 } as never);
      const step = { ...line, requested: 1, paid: 1, unpaid: 0 };
      await hooks.afterDispense(step);
      return { owedCents: owed, paidCents: line.valueCents, voucherCents: 0, perHopper: [step] };
    },
  };
  return { desk, calls, whenAccepting: (f: () => void) => (onAccept = f) };
}

let dir: string;
let tdb: TerminalDb;
let clock: { now: number };
let printed: ReceiptDocument[];
let events: TerminalEvent[];

async function desk(o: { paymentOpen?: boolean; cash?: ReturnType<typeof fakeDesk>; onRefill?: (hopper: number, count: number) => void } = {}) {
  const cash = o.cash ?? fakeDesk();
  const service = await openServiceDesk({
    db: tdb.db,
    ledger: tdb.ledger,
    paymentOpen: async () => o.paymentOpen ?? false,
    desk: cash.desk,
    printer: { profile: EPSON_TM_T88, print: async (doc) => (printed.push(doc), { text: renderText(doc, EPSON_TM_T88) }) },
    sync: { status: async () => ({ backlog: await tdb.outbox.backlog(), lastAckAt: null, online: false }), syncNow: async () => Promise.reject(Object.assign(new Error('down'), { code: 'CENTRAL_UNREACHABLE' })) },
    devices: async () => [{ kind: 'printer', state: 'ok' }],
    hoppers: DEFAULT_HOPPERS,
    config: CONFIG,
    publish: (e) => events.push(e),
    ...(o.onRefill ? { onRefill: o.onRefill } : {}),
    now: () => new Date(clock.now),
  });
  return { service, cash };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-service-'));
  tdb = await openTerminalDb(join(dir, 'terminal.sqlite'), 'KIOSK-T');
  clock = { now: START };
  printed = [];
  events = [];
});

afterEach(async () => {
  await tdb.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const code = (p: Promise<unknown>) => p.then(() => 'resolved', (e: { code: string }) => e.code);

describe('service desk: the PIN and its lockout', () => {
  it('locks after five wrong PINs for five minutes, across a restart, and opens with the right PIN after', async () => {
    const { service } = await desk();
    for (let i = 0; i < 4; i++) expect(await code(service.serviceOpen({ pin: '000000' }))).toBe('SERVICE_PIN_WRONG');
    expect(await code(service.serviceOpen({ pin: '000000' }))).toBe('SERVICE_LOCKED');
    expect(await code(service.serviceOpen({ pin: DEMO_SERVICE_PIN }))).toBe('SERVICE_LOCKED');
    // A restart reads the lockout back from the terminal's SQLite.
    const { service: restarted } = await desk();
    expect(await code(restarted.serviceOpen({ pin: DEMO_SERVICE_PIN }))).toBe('SERVICE_LOCKED');
    clock.now += PIN_LOCKOUT_MS + 1;
    expect(await restarted.serviceOpen({ pin: DEMO_SERVICE_PIN, technicianId: 'TEC-7' })).toMatchObject({ technicianId: 'TEC-7' });
    const log = await restarted.serviceEventLog();
    expect(log.audit.map((a) => `${a.action}:${a.outcome}:${a.code ?? ''}`)).toEqual([
      'event-log:ok:',
      'open:ok:',
      'open:refused:SERVICE_LOCKED',
      'open:refused:SERVICE_LOCKED',
      'open:refused:SERVICE_LOCKED',
      'open:refused:SERVICE_PIN_WRONG',
      'open:refused:SERVICE_PIN_WRONG',
      'open:refused:SERVICE_PIN_WRONG',
      'open:refused:SERVICE_PIN_WRONG',
    ]);
  });

  it('refuses every command without an open session, and audits the refusal', async () => {
    const { service } = await desk();
    expect(await code(service.serviceStatus())).toBe('SERVICE_NOT_OPEN');
    expect(await code(service.serviceEmptyCashBox())).toBe('SERVICE_NOT_OPEN');
    expect(await tdb.db.get(`SELECT action, outcome, code FROM service_audit ORDER BY seq DESC LIMIT 1`)).toEqual({ action: 'empty-cash-box', outcome: 'refused', code: 'SERVICE_NOT_OPEN' });
  });

  it('closes a session left idle, and does not open under a citizen paying', async () => {
    const { service } = await desk();
    await service.serviceOpen({ pin: DEMO_SERVICE_PIN });
    clock.now += 10 * 60_000 + 1;
    expect(await code(service.serviceConfig())).toBe('SERVICE_NOT_OPEN');
    const busy = await desk({ paymentOpen: true });
    expect(await code(busy.service.serviceOpen({ pin: DEMO_SERVICE_PIN }))).toBe('SERVICE_BUSY');
  });

  it('tells the UI when the service switch is turned', async () => {
    const { service } = await desk();
    service.requestService();
    expect(events).toEqual([{ type: 'service.requested' }]);
  });
});

describe('service desk: the technician badge', () => {
  async function enrolled(holder = 'Luca Ferri') {
    const badge = newBadge();
    const store = await ServiceStore.open(tdb.db, () => new Date(clock.now));
    await store.addBadge({ id: badge.id, holder, secretHash: badgeSecretHash(badge.secret) }, 'TEC-1');
    return { badge, store };
  }

  it('takes a badge scan away from the citizen, tells the UI its id only, and opens for its holder', async () => {
    const { badge } = await enrolled();
    const { service } = await desk();
    expect(service.badgeScanned('RSSMRA85T10A562S')).toBe(false);
    expect(service.badgeScanned(` ${badge.code.toLowerCase()} `)).toBe(true);
    expect(events).toEqual([{ type: 'service.badge', badgeId: badge.id }]);
    expect(JSON.stringify(events)).not.toContain(badge.secret);
    expect(await service.serviceOpen({ badgeId: badge.id })).toMatchObject({ technicianId: `Luca Ferri (badge ${badge.id})` });
    expect(await tdb.db.get(`SELECT technician, action, outcome FROM service_audit ORDER BY seq DESC LIMIT 1`)).toEqual({ technician: `Luca Ferri (badge ${badge.id})`, action: 'open', outcome: 'ok' });
  });

  it('refuses a revoked badge, a forged secret, a stale scan and a scan used once already, each counting towards the lockout', async () => {
    const { badge, store } = await enrolled();
    const { service } = await desk();
    // The scan is used up by the first try.
    service.badgeScanned(badge.code);
    await service.serviceOpen({ badgeId: badge.id });
    await service.serviceClose();
    expect(await code(service.serviceOpen({ badgeId: badge.id }))).toBe('SERVICE_BADGE_REFUSED');
    // Scanned more than a minute before the screen asks.
    service.badgeScanned(badge.code);
    clock.now += 61_000;
    expect(await code(service.serviceOpen({ badgeId: badge.id }))).toBe('SERVICE_BADGE_REFUSED');
    // The right id with another secret.
    service.badgeScanned(`CUPK-TECH-${badge.id}-${'0'.repeat(32)}`);
    expect(await code(service.serviceOpen({ badgeId: badge.id }))).toBe('SERVICE_BADGE_REFUSED');
    expect(await store.revokeBadge(badge.id, 'TEC-1')).toBe(true);
    expect(await store.revokeBadge(badge.id, 'TEC-1')).toBe(false);
    service.badgeScanned(badge.code);
    expect(await code(service.serviceOpen({ badgeId: badge.id }))).toBe('SERVICE_BADGE_REFUSED');
    // Four refusals in a row: the fifth wrong try of any kind locks.
    expect(await code(service.serviceOpen({ pin: '000000' }))).toBe('SERVICE_LOCKED');
  });
});

describe('service desk: actions, recorded before they answer', () => {
  it('prints the test page, refills a hopper and empties the cash box with their counts on paper and in the ledger', async () => {
    const hands: string[] = [];
    const { service } = await desk({ onRefill: (hopper, count) => hands.push(`${hopper}+${count}: ledger ${hands.length}`) });
    await service.serviceOpen({ pin: DEMO_SERVICE_PIN, technicianId: 'TEC-7' });
    expect((await service.serviceTestPrint()).text).toContain('PAGINA DI PROVA');

    const refilled = await service.serviceRefillHopper({ hopper: 4, count: 50 });
    expect(refilled).toMatchObject({ hopper: 4, valueCents: 100, before: 0, after: 50 });
    // The simulator's hopper gets the coins the ledger counted, once, and not for a refused refill.
    expect(hands).toEqual(['4+50: ledger 0']);
    expect(refilled.text).toContain('RICARICA HOPPER');
    expect(await code(service.serviceRefillHopper({ hopper: 99, count: 1 }))).toBe('SERVICE_HOPPER_UNKNOWN');
    expect(await code(service.serviceRefillHopper({ hopper: 4, count: 0 }))).toBe('SERVICE_COUNT_INVALID');
    expect(hands).toHaveLength(1);

    // Two coins put in by citizens with no payment open would be vouchers; these are the cash box's.
    await tdb.ledger.appendNow({ kind: 'credit', key: 'coin:1:1', device: 'coin:1', valueCents: 200, count: 1 });
    await tdb.ledger.appendNow({ kind: 'credit', key: 'coin:1:2', device: 'coin:1', valueCents: 50, count: 1 });
    const emptied = await service.serviceEmptyCashBox();
    expect(emptied).toMatchObject({ emptiedCents: 250, levels: [{ valueCents: 200, before: 1, after: 0 }, { valueCents: 50, before: 1, after: 0 }] });
    expect(emptied.text).toContain('SVUOTAMENTO CASSETTA');
    expect((await tdb.ledger.levels()).cashboxCents).toBe(0);
    expect(printed).toHaveLength(3);

    const log = await service.serviceEventLog();
    expect(log.ledger.slice(0, 2).map((r) => `${r.kind}:${r.valueCents}x${r.count}:${r.service}`)).toEqual(['cashbox-empty:50x1:true', 'cashbox-empty:200x1:true']);
    expect(log.audit.find((a) => a.action === 'empty-cash-box')).toMatchObject({ technicianId: 'TEC-7', outcome: 'ok', summary: 'prelevati 2,50 €; stampato' });
    expect(log.audit.filter((a) => a.action === 'refill-hopper').map((a) => a.outcome)).toEqual(['failed', 'failed', 'ok']);
  });

  it('counts a coin of the acceptance test into the cash box, marked as a test, and stops taking', async () => {
    const cash = fakeDesk();
    const { service } = await desk({ cash });
    await service.serviceOpen({ pin: DEMO_SERVICE_PIN });
    cash.whenAccepting(() => {
      expect(service.takesCredits()).toBe(true);
      void service.recordTestCredit({ key: 'coin:9:0:1', device: 'coin:9', eventCounter: 1, valueCents: 100 });
    });
    const r = await service.serviceAcceptanceTest({ seconds: 5 });
    expect(r).toEqual({ credits: [{ device: 'coin:9', valueCents: 100 }], totalCents: 100, cashboxCents: 100 });
    expect(cash.calls).toEqual(['accept 5+2', 'disable', 'settle']);
    expect(service.takesCredits()).toBe(false);
    const row = (await tdb.ledger.rows()).at(-1)!;
    expect(row).toMatchObject({ kind: 'credit', paymentId: null, valueCents: 100 });
    expect(JSON.parse(row.detail)).toMatchObject({ eventCounter: 1, test: true });
    // The coin acceptor resumes from it after a restart, like any credit.
    expect(await tdb.ledger.lastCounter('coin:9', 0)).toBe(1);
  });

  it('pays one coin from a chosen hopper with an intent and a result in the ledger', async () => {
    const { service } = await desk();
    await service.serviceOpen({ pin: DEMO_SERVICE_PIN });
    expect(await code(service.servicePayoutTest(5))).toBe('SERVICE_HOPPER_EMPTY');
    await service.serviceRefillHopper({ hopper: 5, count: 3 });
    expect(await service.servicePayoutTest(5)).toEqual({ hopper: 5, valueCents: 50, paid: 1, level: 2 });
    const kinds = (await tdb.ledger.rows()).slice(-2).map((r) => r.kind);
    expect(kinds).toEqual(['payout-intent', 'payout-result']);
    expect(await tdb.ledger.unfinishedPayouts()).toEqual([]);
    expect((await tdb.ledger.verify()).ok).toBe(true);
  });

  it('reports a failed sync round as an answer with the backlog, and shows the status', async () => {
    const { service } = await desk();
    await service.serviceOpen({ pin: DEMO_SERVICE_PIN });
    await service.serviceRefillHopper({ hopper: 3, count: 10 });
    const sync = await service.serviceSyncNow();
    expect(sync).toMatchObject({ ok: false, code: 'CENTRAL_UNREACHABLE' });
    expect(sync.backlog).toBeGreaterThan(0);
    expect(await service.serviceStatus()).toMatchObject({ devices: [{ kind: 'printer', state: 'ok' }], centralOnline: false, cashboxCents: 0 });
    expect(await service.serviceConfig()).toEqual(CONFIG);
    await service.serviceClose();
    expect(await code(service.serviceStatus())).toBe('SERVICE_NOT_OPEN');
  });
});

/**
 * The staff dashboard in Chromium: a central (SQLite) with a small fleet of enrolled terminals
 * that send heartbeats and payments through the real sync client, one payment a conflict; a
 * staff member logs in through the form and sees the terminals, the charts, the reconciliation
 * per provider, the unpaid tickets and the conflict.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInRome } from '../../sync-service/domain/index.ts';
import { conflictResolutionsFor } from '../../sync-service/central/conflict-resolutions.ts';
import { startCentral, type RunningCentral } from '../../sync-service/central/index.ts';
import { MONEY_BOOKINGS } from '../../sync-service/central/money-fixtures.ts';
import { SyncClient } from '../../sync-service/client/index.ts';
import type { Booking } from '../../sync-service/domain/index.ts';
import type { Heartbeat, PaymentPayload } from '../../sync-service/protocol/index.ts';
import { enrol, openTerminal, tempDir, type EnrolledTerminal, type TestTerminal } from '../integration/sync/helpers.ts';
import { launchChromium, shoot } from './browser.ts';

const PASSWORD = 'dashboard e2e password';
const MINUTE = 60_000;
let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let browser: Browser;
let page: Page;
const fleet: { terminal: TestTerminal; enrolled: EnrolledTerminal; client: SyncClient }[] = [];

const today = todayInRome(new Date());
// The fixture's bookings, with their appointments today.
const bookings: Booking[] = Object.values(MONEY_BOOKINGS).map((b) => ({ ...b, startsAt: `${today}${b.startsAt.slice(10)}` }));
const [cashAsl, cardGalliera, mixedAsl, mixedGalliera] = bookings;

const beat = (terminalId: string, pending: number, lagMs: number, over: Partial<Heartbeat> = {}): Heartbeat => ({
  terminalId,
  sentAt: new Date().toISOString(),
  appVersion: '0.1.0',
  uptimeMs: 3_600_000,
  devices: [{ kind: 'printer', state: 'ok' }, { kind: 'hopper', state: 'ok', id: 1, valueCents: 100, count: 80 }],
  outbox: { pending, oldestPendingAgeMs: pending === 0 ? null : lagMs },
  lastAckAt: null,
  syncLagMs: lagMs,
  ...over,
});

/** A payment committed with its outbox entry, as the host does, paid now. */
async function pay(t: TestTerminal, key: string, p: Pick<PaymentPayload, 'bookingCode' | 'amountCents' | 'paidCents' | 'changeCents' | 'method' | 'cardCents' | 'cashRoundingCents'> & Partial<PaymentPayload>): Promise<void> {
  const payload: PaymentPayload = { paymentId: `pay-${key}`, transactionId: `${t.id}-${key}`, taxCode: 'RSSMRA80A01D969P', ruleVersion: 'demo-4', paidAt: new Date().toISOString(), terminalId: t.id, ...p };
  await t.db.transaction((tx) => t.outbox.enqueue(tx, { kind: 'payment', key, payload }));
}

beforeAll(async () => {
  dir = tempDir('cupk-dashboard-e2e-');
  central = await startCentral({ dataDir: dir.path, seedBookings: bookings, ruleVersions: ['demo-4'], staffAccounts: [{ username: 'anna', password: PASSWORD, role: 'staff' }] });
  for (const id of ['KIOSK-01', 'KIOSK-02', 'DESK-03']) {
    const terminal = await openTerminal(dir.path, id);
    const enrolled = await enrol(central, id);
    fleet.push({ terminal, enrolled, client: new SyncClient({ outbox: terminal.outbox, centralUrl: central.url, terminalId: id, sign: enrolled.sign }) });
  }
  const [k1, k2, desk] = fleet;
  await pay(k1!.terminal, 'a', { bookingCode: cashAsl!.code, amountCents: 2066, paidCents: 5000, changeCents: 2935, cashRoundingCents: -1, method: 'cash', cardCents: 0 });
  await pay(k1!.terminal, 'b', { bookingCode: cardGalliera!.code, amountCents: 2066, paidCents: 2066, changeCents: 0, cashRoundingCents: 0, method: 'card', cardCents: 2066 });
  await pay(k2!.terminal, 'c', {
    bookingCode: mixedAsl!.code,
    items: [{ bookingCode: mixedAsl!.code, amountCents: 2066 }, { bookingCode: mixedGalliera!.code, amountCents: 2066 }],
    amountCents: 4132, paidCents: 4150, changeCents: 20, cashRoundingCents: -2, method: 'mixed', cardCents: 2000,
  });
  // Paid at the kiosk already: the desk's payment of it is a conflict to resolve.
  await pay(desk!.terminal, 'd', { bookingCode: cashAsl!.code, amountCents: 2066, paidCents: 2066, changeCents: 0, cashRoundingCents: 0, method: 'card', cardCents: 2066 });
  for (const t of fleet) await t.client.syncNow();

  // Six hours of history a minute apart, then each terminal's own heartbeat now.
  const now = Date.now();
  for (let m = 360; m >= 5; m -= 5) {
    const at = new Date(now - m * MINUTE).toISOString();
    for (const [i, t] of fleet.entries()) {
      const pending = i === 1 ? Math.round(30 + 30 * Math.sin(m / 40)) : i;
      await central.store.putHeartbeat({ terminalId: t.enrolled.terminalId, receivedAt: at, heartbeat: beat(t.enrolled.terminalId, pending, pending * 10_000) }, new Date(now - 7 * 24 * 60 * MINUTE).toISOString());
    }
  }
  await k1!.client.heartbeat(beat('KIOSK-01', 0, 0));
  await k2!.client.heartbeat(beat('KIOSK-02', 64, 420_000));
  await desk!.client.heartbeat(beat('DESK-03', 0, 0, { devices: [{ kind: 'printer', state: 'paper-out' }] }));
  await openTerminal(dir.path, 'KIOSK-04').then(async (t) => {
    await enrol(central, 'KIOSK-04');
    fleet.push({ terminal: t, enrolled: { terminalId: 'KIOSK-04' } as EnrolledTerminal, client: undefined as unknown as SyncClient });
  });

  browser = await launchChromium();
  // axe-core is injected as an inline script, which the dashboard's CSP rightly refuses.
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
});

afterAll(async () => {
  await browser?.close();
  for (const t of fleet) await t.terminal.db.close();
  await central?.close();
  dir?.remove();
});

describe('the staff dashboard', () => {
  it('sends a visitor without a session to the login form, and refuses a wrong password', async () => {
    await page.goto(`${central.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    await shoot(page, 'dashboard-login');
    await page.getByLabel('User name').fill('anna');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong user name or password');
    await shoot(page, 'dashboard-login-refused');
  });

  it('after login shows terminals, charts, reconciliation, unpaid tickets and the conflict', async () => {
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForSelector('body[data-loaded="true"]');
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'cupk_staff');
    expect([cookie?.httpOnly, cookie?.sameSite]).toEqual([true, 'Strict']);

    const terminals = await page.locator('#terminals tbody tr').allInnerTexts();
    expect(terminals.map((r) => r.split('\t').slice(0, 2))).toEqual([
      ['DESK-03', 'fault'],
      ['KIOSK-01', 'ok'],
      ['KIOSK-02', 'warning'],
      ['KIOSK-04', 'silent'],
    ]);
    expect(terminals[2]).toContain('64');
    expect(terminals[2]).toContain('7 min');
    // uPlot draws on canvas: one per chart.
    await expect.poll(() => page.locator('#history-chart canvas').count()).toBe(1);
    expect(await page.locator('#payments-chart canvas').count()).toBe(1);
    expect(await page.locator('#history-terminal').inputValue()).toBe('DESK-03');
    // The chart's time is written as the tables write it: Rome's clock, 24 hours, day first.
    const over = page.locator('#history-chart .u-over');
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const time = page.locator('#history-chart .u-legend .u-series').first().locator('.u-value');
    await expect.poll(() => time.textContent()).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}, \d{2}:\d{2}:\d{2}$/);

    const providers = await page.locator('#providers tbody tr').allInnerTexts();
    expect(providers.map((r) => r.split('\t').slice(0, 5))).toEqual([
      ['E.O. Ospedali Galliera', '00557350100', '2', '2', '41,32'],
      ['ASL 3 Genovese', '03399650104', '2', '2', '41,32'],
    ]);
    const money = await page.locator('#terminal-money tbody tr').allInnerTexts();
    expect(money.map((r) => r.split('\t').slice(0, 4))).toEqual([
      ['KIOSK-01', '2', '41,31', '20,65'],
      ['KIOSK-02', '1', '41,30', '21,30'],
    ]);
    const conflicts = await page.locator('#conflicts tbody tr').allInnerTexts();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toContain('DESK-03');
    expect(conflicts[0]).toContain('BOOKING_ALREADY_PAID');
    expect(await page.locator('#unpaid-summary').textContent()).toMatch(/^0 unpaid tickets/);
    await shoot(page, 'dashboard');
    await page.locator('#reconciliation-title').scrollIntoViewIfNeeded();
    await shoot(page, 'dashboard-reconciliation');
  });

  it('marks the conflict resolved with what was done: it leaves the list, and who did it is kept', async () => {
    const row = page.locator('#conflicts tbody tr').first();
    // Nothing written: the browser asks for the note and nothing is sent.
    await row.getByRole('button', { name: 'Mark resolved' }).click();
    expect(await page.locator('#conflicts tbody tr').allInnerTexts()).toHaveLength(1);
    await row.getByRole('textbox').fill('Cittadino chiamato: il secondo pagamento è rimborsato allo sportello');
    await page.locator('#conflicts-title').scrollIntoViewIfNeeded();
    await shoot(page, 'dashboard-conflict-resolving');
    await row.getByRole('button', { name: 'Mark resolved' }).click();
    await expect.poll(() => page.locator('#conflicts tbody').innerText()).toContain('No conflict to resolve.');
    await shoot(page, 'dashboard-conflict-resolved');
    const [conflict] = await central.store.conflicts(5);
    const kept = await conflictResolutionsFor(central.store).of([conflict!.key]);
    expect(kept.get(conflict!.key)).toMatchObject({ resolvedBy: 'anna', note: 'Cittadino chiamato: il secondo pagamento è rimborsato allo sportello' });
  });

  it('logs out: the page and its data need a new login', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/dashboard\/login$/);
    const res = await page.request.get(`${central.url}/dashboard/api/terminals`);
    expect(res.status()).toBe(401);
    await page.goto(`${central.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
  });
});

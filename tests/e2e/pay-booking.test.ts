import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sqlite3 from 'sqlite3';
import { join } from 'node:path';
import { launchChromium, shoot } from './browser.ts';
import { startKioskProcess, type RunningKiosk } from './kiosk-process.ts';
import { kioskPage, openKiosk, pageHtml } from './kiosk-page.ts';

// The walking skeleton, end to end: a real kiosk process (simulated devices on ptys, an
// embedded central over HTTP, SQLite files) driven through Debian's Chromium.

let kiosk: RunningKiosk;
let browser: Browser;
let page: Page;

let k: ReturnType<typeof kioskPage>;
const dev = (path: string, body: unknown) => k.dev(path, body);
const devState = () => k.devState();

function queryTerminalDb<T>(sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(join(kiosk.dataDir, 'terminal.sqlite'), sqlite3.OPEN_READONLY, (e) => {
      if (e) return reject(e);
      db.all(sql, (err, rows) => {
        db.close();
        if (err) reject(err);
        else resolve(rows as T[]);
      });
    });
  });
}

/** A GET to the central signed with the terminal's own key, as the terminal would send it. */
const centralGet = <T,>(path: string): Promise<T> => k.central<T>('GET', path);

const state = () => page.locator('main').getAttribute('data-state');

beforeAll(async () => {
  kiosk = await startKioskProcess('E2E-01');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  k = kioskPage(kiosk, page);
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('a citizen pays a booking in cash', () => {
  it('identifies, finds the booking, pays, prints, syncs and forgets', async () => {
    await openKiosk(page, kiosk.url);
    await expect.poll(state).toBe('idle');
    await expect.poll(() => page.getByText('Benvenuto').count()).toBe(1);
    await shoot(page, '01-idle');

    await page.locator('[data-action="start"]').click();
    await expect.poll(state).toBe('waitingCard');
    await shoot(page, '02-insert-card');

    await dev('card/insert', { id: 'mario-rossi' });
    await expect.poll(state, { timeout: 10_000 }).toBe('menu');
    await expect.poll(() => page.locator('[data-testid="greeting"]').textContent()).toBe('Buongiorno, Mario Rossi');
    await shoot(page, '03-menu');

    await page.locator('[data-action="pay-booking"]').click();
    await expect.poll(state).toBe('enteringCode');
    for (const digit of '123456789092') await page.locator(`cup-keypad button[data-key="${digit}"]`).click();
    await expect.poll(() => page.locator('[data-testid="code"]').textContent()).toBe('1234 5678 9092');
    await shoot(page, '04-code-entry');
    await page.locator('cup-keypad button[data-key="ok"]').click();

    await expect.poll(state).toBe('reviewing');
    // 20,66 € + 11,62 € under the 36,15 € cap of the rules in force (demo-4).
    await expect.poll(() => page.locator('[data-testid="amount-due"]').textContent()).toBe('32,28\u00a0€');
    await expect.poll(() => page.getByText('Elettrocardiogramma').count()).toBe(1);
    // In cash the total is rounded to 5 cents, as the law wants.
    await expect.poll(() => page.locator('[data-testid="cash-due"]').textContent()).toContain('32,30');
    await shoot(page, '05-booking');

    await page.locator('[data-action="pay-cash"]').click();
    await expect.poll(state).toBe('paying');
    await shoot(page, '06-paying-empty');

    // One coin at a time, as a hand drops them: each credit shows before the next coin.
    for (let i = 1; i <= 16; i++) {
      await dev('coin', { cents: 200 });
      const shown = `${2 * i},00\u00a0€`;
      await expect.poll(() => page.locator('[data-testid="credited"]').textContent(), { timeout: 5_000 }).toBe(shown);
    }
    await expect.poll(() => page.locator('[data-testid="remaining"]').textContent()).toBe('0,30\u00a0€');
    await shoot(page, '07-paying-credit');

    // Every credit is on disk before the screen shows it.
    const credits = await queryTerminalDb<{ n: number; total: number }>("SELECT COUNT(*) AS n, SUM(amount_cents) AS total FROM cash_ledger WHERE kind = 'credit'");
    expect(credits[0]).toEqual({ n: 16, total: 3200 });

    await dev('coin', { cents: 50 });
    await expect.poll(state, { timeout: 15_000 }).toBe('done');
    // 32,50 € for 32,30 €: the 20 c hopper pays the change.
    await expect.poll(() => page.locator('[data-testid="change"]').textContent()).toContain('0,20');
    await shoot(page, '08-done');

    const [payment] = await queryTerminalDb<{ status: string; transaction_id: string; paid_cents: number; change_due_cents: number }>(
      'SELECT status, transaction_id, paid_cents, change_due_cents, change_paid_cents, voucher_cents FROM payments',
    );
    expect(payment).toMatchObject({ status: 'committed', paid_cents: 3250, change_due_cents: 20, change_paid_cents: 20, voucher_cents: 0 });
    const ledger = await queryTerminalDb<{ kind: string; device: string; amount_cents: number }>(
      "SELECT kind, device, amount_cents FROM cash_ledger WHERE kind LIKE 'payout%'",
    );
    expect(ledger).toEqual([
      { kind: 'payout-intent', device: 'hopper:6', amount_cents: 20 },
      { kind: 'payout-result', device: 'hopper:6', amount_cents: 20 },
    ]);
    const tx = payment!.transaction_id;

    // The printer simulator decoded the ESC/POS it received over the pty.
    const receipt = (await devState()).receipts.at(-1)?.text ?? '';
    expect(receipt).toContain('RSSMRA85T10A562S');
    expect(receipt).toContain(tx);
    expect(receipt).toContain('32,28');
    expect(receipt).toMatch(/Arrotondamento contanti\s+\+0,02/);
    expect(receipt).toMatch(/Resto erogato\s+0,20/);
    expect(receipt).not.toContain('non erogato');

    // The outbox entry reached the central and was acknowledged.
    await expect
      .poll(async () => (await queryTerminalDb<{ status: string }>(`SELECT status FROM outbox WHERE kind = 'payment'`))[0]?.status, {
        timeout: 15_000,
      })
      .toBe('acked');
    const stored = await centralGet<{ transactions: { key: string; kind: string; payload: { transactionId: string; amountCents: number } }[] }>(
      `/v1/terminals/${kiosk.terminalId}/transactions`,
    );
    const central = stored.transactions.filter((t) => t.kind === 'payment');
    expect(central).toHaveLength(1);
    expect(central[0]!.payload).toMatchObject({ transactionId: tx, amountCents: 3228 });
    const booking = await centralGet<{ status: string }>('/v1/bookings/123456789092');
    expect(booking.status).toBe('paid');

    await page.locator('[data-action="finish"]').click();
    await expect.poll(state).toBe('idle');
    const html = await pageHtml(page);
    for (const personal of ['Rossi', 'RSSMRA85T10A562S', '1234 5678 9092', 'Elettrocardiogramma', tx]) expect(html).not.toContain(personal);
    await shoot(page, '09-back-to-idle');
  });

  it('the developer panel shows the simulators and drives them', async () => {
    const panel = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await panel.goto(`${kiosk.url}/dev.html`);
    await expect.poll(() => panel.locator('[data-receipt]').count()).toBeGreaterThan(0);
    await shoot(panel, '10-dev-panel');
    await panel.close();
  });
});

describe('a printer that cannot print', () => {
  it('is said before any money is taken, and payment comes back when it is fixed', async () => {
    await openKiosk(page, kiosk.url);
    await dev('card/insert', { id: 'giulia-bianchi' });
    await expect.poll(state, { timeout: 10_000 }).toBe('menu');
    await page.locator('[data-action="pay-booking"]').click();
    for (const digit of '070000000143') await page.locator(`cup-keypad button[data-key="${digit}"]`).click();
    await page.locator('cup-keypad button[data-key="ok"]').click();
    await expect.poll(state).toBe('reviewing');
    // Over the cap: 75,90 € of ultrasound costs the citizen 36,15 €.
    await expect.poll(() => page.locator('[data-testid="amount-due"]').textContent()).toBe('36,15\u00a0€');
    await expect.poll(() => page.locator('[data-action="pay-cash"]').count()).toBe(1);

    await dev('printer', { coverOpen: true });
    await expect.poll(() => page.locator('[data-error="PRINTER_NOT_READY"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('[data-action="pay-cash"]').count()).toBe(0);
    await shoot(page, '11-printer-cover-open');

    await dev('printer', { coverOpen: false });
    await expect.poll(() => page.locator('[data-action="pay-cash"]').count(), { timeout: 10_000 }).toBe(1);
    await dev('card/remove', {});
    await expect.poll(state).toBe('idle');
  });
});

describe('languages', () => {
  it('switches on the idle screen, lays Arabic out right to left, and returns to Italian after the session', async () => {
    await openKiosk(page, kiosk.url);
    await expect.poll(state).toBe('idle');
    await page.locator('language-picker button[data-language="de"]').click();
    await expect.poll(() => page.getByText('Willkommen').count()).toBe(1);
    await page.locator('language-picker button[data-language="ar"]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByText('أهلًا وسهلًا').count()).toBe(1);
    await shoot(page, '12-idle-arabic');
    await dev('card/insert', { id: 'olena-kovalenko' });
    await expect.poll(state, { timeout: 10_000 }).toBe('menu');
    await shoot(page, '13-menu-arabic');
    await dev('card/remove', {});
    await expect.poll(state).toBe('idle');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('it-IT');
    await expect.poll(() => page.getByText('Benvenuto').count()).toBe(1);
  });
});

describe('other ways in and out', () => {
  it('a scanned booking code opens the booking; the card terminal declines, then approves', async () => {
    await openKiosk(page, kiosk.url);
    await dev('scan', { text: 'RSSMRA85T10A562S' });
    await expect.poll(state, { timeout: 10_000 }).toBe('menu');
    await expect.poll(() => page.locator('[data-testid="greeting"]').textContent()).toBe('Buongiorno');
    await dev('scan', { text: '0700 0000 0240' });
    await expect.poll(state, { timeout: 10_000 }).toBe('reviewing');
    await shoot(page, '14-booking-scanned');

    await dev('pos', { outcome: 'decline' });
    await page.locator('[data-action="pay-card"]').click();
    await expect.poll(state).toBe('paying');
    await shoot(page, '15-paying-card');
    await expect.poll(state, { timeout: 15_000 }).toBe('reviewing');
    await expect.poll(() => page.locator('[data-error="POS_DECLINED"]').count()).toBe(1);
    await shoot(page, '16-card-declined');

    await page.locator('[data-action="pay-card"]').click();
    await expect.poll(state, { timeout: 15_000 }).toBe('done');
    const receipt = (await devState()).receipts.at(-1)?.text ?? '';
    expect(receipt).toContain('Pagato con carta');
    expect(receipt).not.toContain('Arrotondamento');
    await page.locator('[data-action="finish"]').click();
    await expect.poll(state).toBe('idle');
  });

  it('a prescription memo and a garbled scan each get their own words', async () => {
    await openKiosk(page, kiosk.url);
    await dev('scan', { text: '070A1 2345678901' });
    await expect.poll(state, { timeout: 10_000 }).toBe('codeRead');
    await expect.poll(() => page.locator('[data-testid="code-read"]').getAttribute('data-kind')).toBe('nre');
    await shoot(page, '17-prescription-read');
    await page.locator('[data-action="back"]').click();
    await expect.poll(state).toBe('idle');
    await dev('scan', { text: '123456789093' });
    await expect.poll(() => page.locator('[data-error="SCAN_NOT_RECOGNISED"]').count(), { timeout: 10_000 }).toBe(1);
    await shoot(page, '18-scan-not-recognised');
  });
});

describe('hoppers found empty', () => {
  it('change no hopper could pay becomes a voucher, said on screen and printed on the receipt', async () => {
    // The hoppers run dry behind the ledger's back (a jam, a mis-fill): the payout finds out.
    for (const address of [3, 4, 5, 6, 7]) await dev('fault', { fault: 'hopper-empty', device: `hopper:${address}` });
    await openKiosk(page, kiosk.url);
    await dev('card/insert', { id: 'olena-kovalenko' });
    await expect.poll(state, { timeout: 10_000 }).toBe('menu');
    await page.locator('[data-action="pay-booking"]').click();
    for (const digit of '070000000337') await page.locator(`cup-keypad button[data-key="${digit}"]`).click();
    await page.locator('cup-keypad button[data-key="ok"]').click();
    await expect.poll(state).toBe('reviewing');
    // Intramoenia: the practitioner's full fee, no ticket rules.
    await expect.poll(() => page.locator('[data-testid="amount-due"]').textContent()).toBe('120,00\u00a0€');
    await page.locator('[data-action="pay-cash"]').click();
    await expect.poll(state).toBe('paying');

    // Three 50 € bills for 120 €: 30 € of change the ledger says the hoppers hold, but they are empty.
    for (const shown of ['50,00', '100,00']) {
      await dev('bill', { cents: 5000 });
      await expect.poll(() => page.locator('[data-testid="credited"]').textContent(), { timeout: 10_000 }).toBe(`${shown}\u00a0€`);
    }
    await dev('bill', { cents: 5000 });
    await expect.poll(state, { timeout: 30_000 }).toBe('done');
    await expect.poll(() => page.locator('[data-testid="voucher"]').textContent()).toContain('30,00');
    await shoot(page, '20-change-owed');
    const receipt = (await devState()).receipts.at(-1)?.text ?? '';
    expect(receipt).toMatch(/Resto non erogato \(a credito\)\s+30,00/);
    expect(receipt).toContain('KVLLNO72C55Z138F');
    await dev('card/remove', {});
  });
});

describe('views for low vision', () => {
  it('large text and high contrast apply to every screen and end with the session', async () => {
    await openKiosk(page, kiosk.url);
    await dev('card/insert', { id: 'giuseppe-verdi' });
    await expect.poll(state, { timeout: 10_000 }).toBe('menu');
    const rootSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    const normal = await rootSize();
    await page.locator('[data-action="large-text"]').click();
    await page.locator('[data-action="high-contrast"]').click();
    await expect.poll(rootSize).not.toBe(normal);
    expect(await page.locator('[data-action="high-contrast"]').getAttribute('aria-pressed')).toBe('true');
    await shoot(page, '21-large-high-contrast');
    await dev('card/remove', {});
    await expect.poll(state).toBe('idle');
    await expect.poll(rootSize).toBe(normal);
    expect(await page.evaluate(() => document.documentElement.dataset.contrast)).toBe('normal');
  });
});

describe('speech', () => {
  it('reads each new screen and the focused control aloud, in the chosen language', async () => {
    await openKiosk(page, kiosk.url);
    await dev('card/insert', { id: 'mario-rossi' });
    await expect.poll(state, { timeout: 10_000 }).toBe('menu');
    const spoken = () => page.evaluate(() => (window.kioskSpoken ?? []).map((u) => `${u.lang}: ${u.text}`));
    await page.locator('[data-action="speech"]').click();
    await expect.poll(spoken).toContainEqual(expect.stringMatching(/^it-IT: Buongiorno, Mario Rossi\. Che cosa desidera fare\?/));
    await page.locator('language-picker button[data-language="en"]').click();
    // A language's table loads when first chosen; the screen switches when it is here.
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en-GB');
    await page.locator('[data-action="pay-booking"]').click();
    await expect.poll(state).toBe('enteringCode');
    await expect.poll(spoken).toContainEqual(expect.stringMatching(/^en-GB: .*booking/i));
    await page.locator('cup-keypad button[data-key="5"]').focus();
    await expect.poll(spoken).toContainEqual('en-GB: 5');
    await dev('card/remove', {});
    await expect.poll(state).toBe('idle');
  });
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_NOTICES, type DemoNotice } from '@cup-kiosk/sync-service/domain';
import { shoot } from './browser.ts';
import type { RunningKiosk } from './kiosk-process.ts';
import { useKiosk, type KioskHands } from './kiosk-rig.ts';
import { openKiosk } from './kiosk-page.ts';

// pagoPA notices and a citizen's unpaid tickets, end to end: the embedded central issued the
// demo notices; the kiosk verifies, locks and pays them, and the central marks them paid.

let kiosk: RunningKiosk;
let page: Page;
let k: KioskHands;
useKiosk('E2E-NOTICE', {}, (r) => ({ kiosk, page, k } = r));

const notice = (bookingCode: string): DemoNotice => {
  const n = DEMO_NOTICES.find((d) => d.bookingCode === bookingCode);
  if (!n) throw new Error(`no demo notice for booking ${bookingCode}`);
  return n;
};

/** The notice as the central holds it now, asked as the terminal asks it. */
const centralNotice = (noticeCode: string) => k.central<{ status: string }>('POST', '/v1/notices/verify', { noticeCode });

describe('a pagoPA notice', () => {
  it('scanned by its QR is verified, reviewed, paid, and then known as paid', async () => {
    const giulia = notice('070000000531');
    await openKiosk(page, kiosk.url);
    await expect.poll(k.state).toBe('idle');
    await k.dev('scan', { text: giulia.qrText });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('reviewingNotice');
    expect(await k.text('[data-testid="creditor"]')).toBe(giulia.creditorName);
    expect(await k.text('[data-testid="notice-code"]')).toBe('3020 0000 0000 0002 85');
    expect(await k.text('[data-testid="amount-due"]')).toBe('34,15\u00a0€');
    await shoot(page, 'notice-01-review');

    await k.dev('pos', { outcome: 'approve' });
    await k.click('pay-card');
    await expect.poll(k.state, { timeout: 20_000 }).toBe('done');
    const receipt = (await k.devState()).receipts.at(-1)?.text ?? '';
    expect(receipt).toContain('34,15');
    expect(receipt).toContain(giulia.taxCode);
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
    await expect.poll(async () => (await centralNotice(giulia.noticeCode)).status, { timeout: 15_000 }).toBe('paid');

    // Shown again, the same notice says it is paid, with no way to pay it twice.
    await k.dev('scan', { text: giulia.qrText });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('reviewingNotice');
    await expect.poll(() => page.locator('[data-status="paid"]').count()).toBe(1);
    expect(await page.locator('[data-action="pay-cash"]').count()).toBe(0);
    await shoot(page, 'notice-02-already-paid');
    await k.click('back');
    await expect.poll(k.state).toBe('enteringNotice');
  });

  it('typed on the keypad, 4-4-4-4-2, from the menu', async () => {
    const olena = notice('070000000628');
    await openKiosk(page, kiosk.url);
    await k.dev('card/insert', { id: 'olena-kovalenko' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    await k.click('pay-notice');
    await expect.poll(k.state).toBe('enteringNotice');
    for (const d of olena.noticeCode) await page.locator(`cup-keypad button[data-key="${d}"]`).click();
    expect(await k.text('[data-testid="code"]')).toBe('3020 0000 0000 0003 86');
    await shoot(page, 'notice-03-code-entry');
    await page.locator('cup-keypad button[data-key="ok"]').click();
    await expect.poll(k.state, { timeout: 10_000 }).toBe('reviewingNotice');
    expect(await k.text('[data-testid="amount-due"]')).toBe('6,96\u00a0€');
    await k.dev('card/remove');
    await expect.poll(k.state).toBe('idle');
  });

  it('typed on the physical keypad: digits, Backspace to correct, Enter to look it up', async () => {
    const olena = notice('070000000628');
    await openKiosk(page, kiosk.url);
    await k.dev('card/insert', { id: 'olena-kovalenko' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    await k.click('pay-notice');
    await expect.poll(k.state).toBe('enteringNotice');
    await page.keyboard.type(`${olena.noticeCode.slice(0, -1)}9`);
    await page.keyboard.press('Backspace');
    await page.keyboard.type(olena.noticeCode.slice(-1));
    expect(await k.text('[data-testid="code"]')).toBe('3020 0000 0000 0003 86');
    await page.keyboard.press('Enter');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('reviewingNotice');
    expect(await k.text('[data-testid="amount-due"]')).toBe('6,96\u00a0€');
    await k.dev('card/remove');
    await expect.poll(k.state).toBe('idle');
  });
});

describe('a citizen’s unpaid tickets', () => {
  it('lists bookings and notices for a citizen identified by card, and pays two in one go', async () => {
    const mario = notice('070000000434');
    await openKiosk(page, kiosk.url);
    await k.dev('card/insert', { id: 'mario-rossi' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    await shoot(page, 'unpaid-01-menu');
    await k.click('unpaid');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('unpaidList');
    // The 1234 5678 9092 booking (32,28 €) and the notice for 0700 0000 0434 (24,53 €), both checked.
    await expect.poll(() => page.locator('[data-entry]').count()).toBe(2);
    expect(await page.locator('[data-entry="booking:123456789092"]').count()).toBe(1);
    expect(await page.locator(`[data-entry="notice:${mario.noticeCode}"]`).count()).toBe(1);
    expect(await k.text('[data-testid="selected-total"]')).toContain('56,81');
    await shoot(page, 'unpaid-02-list');

    // One unchecked and checked again: the total follows.
    await page.locator('[data-entry="booking:123456789092"]').click();
    await expect.poll(() => k.text('[data-testid="selected-total"]')).toContain('24,53');
    await page.locator('[data-entry="booking:123456789092"]').click();
    await expect.poll(() => k.text('[data-testid="selected-total"]')).toContain('56,81');

    await k.click('pay-selected');
    await expect.poll(k.state).toBe('choosingMethod');
    expect(await k.text('[data-testid="cash-due"]')).toContain('56,80');
    await shoot(page, 'unpaid-03-method');
    await k.click('pay-cash');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('paying');
    expect(await k.text('[data-testid="due"]')).toBe('56,80\u00a0€');
    await k.dev('bill', { cents: 5000 });
    await expect.poll(() => k.text('[data-testid="credited"]'), { timeout: 10_000 }).toBe('50,00\u00a0€');
    await k.dev('bill', { cents: 1000 });
    await expect.poll(k.state, { timeout: 20_000 }).toBe('done');
    await expect.poll(() => k.text('[data-testid="change"]')).toContain('3,20');
    const receipt = (await k.devState()).receipts.at(-1)?.text ?? '';
    expect(receipt).toContain('56,81');
    await shoot(page, 'unpaid-04-done');

    await expect.poll(async () => (await k.central<{ status: string }>('GET', '/v1/bookings/123456789092')).status, { timeout: 15_000 }).toBe('paid');
    await expect.poll(async () => (await centralNotice(mario.noticeCode)).status, { timeout: 15_000 }).toBe('paid');

    // The session over, nothing of it is left on the page.
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
    const html = await k.html();
    for (const personal of ['Rossi', mario.noticeCode, '3020 0000 0000 0001 84', mario.subject, mario.creditorName, '56,81']) expect(html).not.toContain(personal);
  });

  it('says plainly when there is nothing to pay', async () => {
    await openKiosk(page, kiosk.url);
    await k.dev('card/insert', { id: 'mario-rossi' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    await k.click('unpaid');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('unpaidList');
    await expect.poll(() => page.locator('[data-testid="nothing-unpaid"]').count()).toBe(1);
    expect(await page.locator('[data-action="pay-selected"]').count()).toBe(0);
    await shoot(page, 'unpaid-05-nothing');
    await k.dev('card/remove');
    await expect.poll(k.state).toBe('idle');
  });
});

describe('in Arabic', () => {
  it('the unpaid list, the notice and a card part read right to left', async () => {
    const olena = notice('070000000628');
    await openKiosk(page, kiosk.url);
    await k.dev('card/insert', { id: 'olena-kovalenko' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    await page.locator('language-picker button[data-language="ar"]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await shoot(page, 'ar-01-menu');
    await k.click('unpaid');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('unpaidList');
    await expect.poll(() => page.locator(`[data-entry="notice:${olena.noticeCode}"]`).count()).toBe(1);
    await shoot(page, 'ar-02-unpaid');
    // Only the notice: its booking's ticket stays for another day.
    for (const entry of await page.locator('[data-entry^="booking:"]').all()) await entry.click();
    await expect.poll(() => k.text('[data-testid="selected-total"]')).toContain('6,96');
    await k.click('pay-selected');
    await expect.poll(k.state).toBe('choosingMethod');
    await shoot(page, 'ar-03-method');
    await k.click('pay-split');
    await expect.poll(k.state).toBe('enteringCardPart');
    for (const d of '500') await page.locator(`cup-keypad button[data-key="${d}"]`).click();
    await expect.poll(() => k.text('[data-testid="cash-rest"]')).toContain('1,95');
    await shoot(page, 'ar-04-card-part');
    await k.dev('pos', { outcome: 'approve' });
    await page.locator('cup-keypad button[data-key="ok"]').click();
    await expect.poll(() => page.locator('[data-testid="card-paid"]').count(), { timeout: 20_000 }).toBe(1);
    await shoot(page, 'ar-05-paying-cash-after-card');
    // 1,95 € exactly: no hopper holds 5 cent coins, so a 2 euro coin would be refused.
    for (const cents of [100, 50, 20, 20]) await k.dev('coin', { cents });
    await expect.poll(() => k.text('[data-testid="credited"]'), { timeout: 10_000 }).toContain('1,90');
    await k.dev('coin', { cents: 5 });
    await expect.poll(k.state, { timeout: 20_000 }).toBe('done');
    await shoot(page, 'ar-06-done');
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('it-IT');
    await expect.poll(async () => (await centralNotice(olena.noticeCode)).status, { timeout: 15_000 }).toBe('paid');
  });
});

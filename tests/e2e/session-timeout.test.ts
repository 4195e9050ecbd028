import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shoot } from './browser.ts';
import { startKioskProcess, type RunningKiosk } from './kiosk-process.ts';
import { openKiosk, pageHtml } from './kiosk-page.ts';

// "Are you still there?": a kiosk whose quiet time is 2 s and countdown 3 s, so the test waits
// seconds rather than a minute.

let kiosk: RunningKiosk;
let browser: Browser;
let page: Page;

const state = () => page.locator('main').getAttribute('data-state');
const dev = (path: string, body: unknown) =>
  fetch(`${kiosk.url}/dev/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  kiosk = await startKioskProcess('E2E-T', { CUPK_ATTENTION_MS: '2000,3000' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('session timeout', () => {
  it('warns with a countdown, gives more time on request, and ends the session when nobody answers', async () => {
    await openKiosk(page, kiosk.url);
    await dev('card/insert', { id: 'giulia-bianchi' });
    await expect.poll(state, { timeout: 10_000 }).toBe('menu');
    await expect.poll(() => page.locator('timeout-warning').count(), { timeout: 5_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid="countdown"]').textContent()).toMatch(/tra [1-3] secondi/);
    await shoot(page, '19-still-there');
    await page.locator('[data-action="more-time"]').click();
    expect(await page.locator('timeout-warning').count()).toBe(0);
    expect(await state()).toBe('menu');
    await expect.poll(() => page.locator('timeout-warning').count(), { timeout: 5_000 }).toBe(1);
    await expect.poll(state, { timeout: 6_000 }).toBe('idle');
    expect(await pageHtml(page)).not.toContain('Giulia');
  });
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shoot } from './browser.ts';
import type { RunningKiosk } from './kiosk-process.ts';
import { useKiosk, type KioskHands } from './kiosk-rig.ts';
import { openKiosk } from './kiosk-page.ts';

// Identifying without a card: the citizen types the codice fiscale on the on-screen keyboard,
// sees a mistyped check character caught before anything is sent, corrects it and is identified
// by the code alone, as a scanned card barcode identifies (no name).

const MARIO = 'RSSMRA85T10A562S';

let kiosk: RunningKiosk;
let page: Page;
let k: KioskHands;
useKiosk('E2E-CF', {}, (r) => ({ kiosk, page, k } = r));

const key = (k: string) => page.locator(`screen-tax-code button[data-key="${k}"]`).click();
const status = () => page.locator('screen-tax-code [data-status]').getAttribute('data-status');
const typed = () => page.locator('[data-testid="tax-code"]').textContent();
const confirmDisabled = () => page.locator('[data-action="confirm-tax-code"]').isDisabled();

async function toKeyboard() {
  await openKiosk(page, kiosk.url);
  await k.click('start');
  await expect.poll(k.state).toBe('waitingCard');
}

describe('codice fiscale typed on the on-screen keyboard', () => {
  it('catches a wrong check character, takes the corrected code and identifies the citizen by it', async () => {
    await toKeyboard();
    await shoot(page, 'cf-01-insert-card');
    await k.click('type-tax-code');
    await expect.poll(k.state).toBe('enteringTaxCode');

    // 26 letters, 10 digits and the delete key, each one a finger can hit.
    expect(await page.locator('screen-tax-code .keys button').count()).toBe(37);
    for (const b of await page.locator('screen-tax-code .keys button').all()) {
      const box = (await b.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(48);
    }
    expect(await status()).toBe('incomplete');
    expect(await confirmDisabled()).toBe(true);
    await shoot(page, 'cf-02-keyboard');

    // The first half on the screen's keys, the rest on the physical keyboard, in lower case.
    for (const c of 'RSSMRA85') await key(c);
    await expect.poll(typed).toBe('RSS MRA 85');
    expect(await k.text('screen-tax-code [data-status]')).toContain('8 su 16');
    await page.keyboard.type('t10a562');
    await key('X');
    await expect.poll(typed).toBe('RSS MRA 85T10 A562X');
    await expect.poll(status).toBe('wrongCheck');
    expect(await k.text('screen-tax-code [data-status]')).toContain('carattere, quello di controllo, non corrisponde');
    expect(await confirmDisabled()).toBe(true);
    // Enter does not take a code that is refused.
    await page.keyboard.press('Enter');
    expect(await k.state()).toBe('enteringTaxCode');
    await shoot(page, 'cf-03-wrong-check');

    await key('del');
    await expect.poll(status).toBe('incomplete');
    expect(await k.text('screen-tax-code [data-status]')).toContain('15 su 16');
    await key('S');
    await expect.poll(status).toBe('valid');
    expect(await typed()).toBe('RSS MRA 85T10 A562S');
    expect(await confirmDisabled()).toBe(false);
    await shoot(page, 'cf-04-valid');

    await k.click('confirm-tax-code');
    await expect.poll(k.state).toBe('menu');
    // Identified by the code alone: the greeting has no name, the citizen's own services are there.
    expect((await k.text('[data-testid="greeting"]'))?.trim()).toBe('Buongiorno');
    expect(await page.locator('[data-action="unpaid"]').count()).toBe(1);
    await shoot(page, 'cf-05-menu');

    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
    expect(await k.html()).not.toContain(MARIO);
  });

  it('lets a card inserted while typing win, and goes back to the card prompt', async () => {
    await toKeyboard();
    await k.click('type-tax-code');
    await expect.poll(k.state).toBe('enteringTaxCode');
    await k.click('back');
    await expect.poll(k.state).toBe('waitingCard');
    await k.click('type-tax-code');
    await expect.poll(k.state).toBe('enteringTaxCode');
    for (const c of 'RSS') await key(c);
    await k.dev('card/insert', { id: 'mario-rossi' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    expect(await k.text('[data-testid="greeting"]')).toMatch(/Buongiorno, Mario/i);
    await k.dev('card/remove');
    await expect.poll(k.state).toBe('idle');
  });
});

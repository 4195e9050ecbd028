import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { todayInRome } from '@cup-kiosk/sync-service/domain';
import { INCOME_BAND_STATEMENT } from '../../kiosk/bridge/income-band-form.ts';
import { shoot } from './browser.ts';
import type { RunningKiosk } from './kiosk-process.ts';
import { useKiosk, type KioskHands } from './kiosk-rig.ts';
import { openKiosk } from './kiosk-page.ts';

// The income-band self-certification end to end: a citizen identified by card reads the
// statement, picks a band and confirms; the kiosk records it, the embedded central has it after
// the sync, and the form shows it as the band held when opened again.

const MARIO = 'RSSMRA85T10A562S';
const OLENA = 'KVLLNO72C55Z138F';
const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/;

let kiosk: RunningKiosk;
let page: Page;
let k: KioskHands;
useKiosk('E2E-BAND', {}, (r) => ({ kiosk, page, k } = r));

/** The band the central answers for a citizen today, asked as the terminal asks it. */
const bandAtCentral = async (taxCode: string) => (await k.central<{ band: number | null }>('GET', `/v1/citizens/${taxCode}/income-band?date=${todayInRome(new Date())}`)).band;
const confirmDisabled = () => page.locator('[data-action="confirm-band"]').isDisabled();

describe('income band self-certification', () => {
  it('shows the statement in full and four bands, records the one confirmed, and the central has it', async () => {
    await openKiosk(page, kiosk.url);
    await k.dev('card/insert', { id: 'mario-rossi' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    await k.click('income-band');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingIncomeBand');

    expect(await page.locator('[data-testid="band-held"]').getAttribute('data-band')).toBe('none');
    const statement = (await page.locator(`[data-statement="${INCOME_BAND_STATEMENT}"]`).textContent()) ?? '';
    for (const words of ['artt. 46 e 76', 'articolo 76 del D.P.R. 445/2000', MARIO, 'reddito complessivo del mio nucleo familiare', 'solo per calcolare il ticket']) expect(statement).toContain(words);
    expect(await page.locator('label[data-band]').count()).toBe(4);
    expect(await k.text('[data-band="1"]')).toContain('fino a 36.152\u00a0€');
    expect(await k.text('[data-band="2"]')).toContain('oltre 36.152\u00a0€ e fino a 70.000\u00a0€');
    expect(await k.text('[data-band="4"]')).toContain('oltre 100.000\u00a0€');
    expect(await confirmDisabled()).toBe(true);
    // Every band a finger can hit: 48 px at least, the whole row.
    for (const row of await page.locator('label[data-band]').all()) expect((await row.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await shoot(page, 'band-01-form');

    await page.locator('[data-band="2"]').click();
    await expect.poll(confirmDisabled).toBe(false);
    expect(await page.locator('[data-band="2"] input').isChecked()).toBe(true);
    await shoot(page, 'band-02-picked');
    await k.click('confirm-band');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('incomeBandRecorded');
    expect(await k.text('[data-testid="band-recorded"]')).toContain('Fascia 2');
    await shoot(page, 'band-03-recorded');
    await k.click('menu');
    await expect.poll(k.state).toBe('menu');

    await expect.poll(() => bandAtCentral(MARIO), { timeout: 15_000 }).toBe(2);
    // Opened again, the form shows the band held now.
    await k.click('income-band');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingIncomeBand');
    await expect.poll(() => page.locator('[data-testid="band-held"]').getAttribute('data-band')).toBe('2');
    await k.click('back');
    await expect.poll(k.state).toBe('menu');

    await k.dev('card/remove');
    await expect.poll(k.state).toBe('idle');
    expect(await k.html()).not.toContain(MARIO);
  });

  it('in Arabic reads right to left, with Latin digits, and is read aloud', async () => {
    await openKiosk(page, kiosk.url);
    await k.dev('card/insert', { id: 'olena-kovalenko' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    await page.locator('language-picker button[data-language="ar"]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await k.click('speech');
    await k.click('income-band');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingIncomeBand');

    const spoken = () => page.evaluate(() => (window.kioskSpoken ?? []).map((u) => `${u.lang}: ${u.text}`));
    // The screen read in Arabic: its title, then the statement in full, the citizen's code in it.
    await expect.poll(spoken).toContainEqual(expect.stringMatching(new RegExp(`^ar: شريحة دخل الأسرة\\..*إقرار بديل عن الشهادة.*${OLENA}.*أُقرّ`)));
    const band1 = (await k.text('[data-band="1"]')) ?? '';
    expect(band1).toContain('الشريحة');
    expect(band1).toMatch(/36.152/);
    expect(band1).not.toMatch(ARABIC_DIGITS);
    await page.locator('[data-band="1"] input').focus();
    await expect.poll(spoken).toContainEqual(expect.stringMatching(/^ar: الشريحة 1: حتى .*36.152/));
    await shoot(page, 'band-ar-01-form');

    await page.locator('[data-band="1"]').click();
    await k.click('confirm-band');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('incomeBandRecorded');
    await shoot(page, 'band-ar-02-recorded');
    await expect.poll(() => bandAtCentral(OLENA), { timeout: 15_000 }).toBe(1);
    await k.dev('card/remove');
    await expect.poll(k.state).toBe('idle');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('it-IT');
  });
});

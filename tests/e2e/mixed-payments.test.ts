import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shoot } from './browser.ts';
import type { RunningKiosk } from './kiosk-process.ts';
import { useKiosk, type KioskHands } from './kiosk-rig.ts';
import { openKiosk } from './kiosk-page.ts';

// One amount paid part in cash and part by card, in either order, on a real kiosk process with
// simulated devices, in Debian's Chromium on the portrait screen.

let kiosk: RunningKiosk;
let page: Page;
let k: KioskHands;
useKiosk('E2E-MIX', {}, (r) => ({ kiosk, page, k } = r));

const euro = (text: string) => `${text}\u00a0€`;

/** A citizen at the review of a booking, by card and typed code. */
async function atBooking(citizen: string, code: string) {
  await openKiosk(page, kiosk.url);
  await expect.poll(k.state).toBe('idle');
  await k.dev('card/insert', { id: citizen });
  await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
  await k.click('pay-booking');
  await k.type(code);
  await expect.poll(k.state).toBe('reviewing');
}

/** Coins one at a time, each seen on the screen before the next. */
async function coins(values: number[], startCents = 0) {
  let credited = startCents;
  for (const cents of values) {
    await k.dev('coin', { cents });
    credited += cents;
    const shown = euro((credited / 100).toFixed(2).replace('.', ','));
    await expect.poll(() => k.text('[data-testid="credited"]'), { timeout: 5_000 }).toBe(shown);
  }
}

describe('cash, then the rest by card', () => {
  it('takes coins, then the card for exactly what is left, and commits one payment', async () => {
    await atBooking('mario-rossi', '123456789092');
    await k.click('pay-cash');
    await expect.poll(k.state).toBe('paying');
    await coins([200, 200]);
    // 32,30 € in cash, 4,00 € in: 28,30 € left in cash, 28,28 € exact by card.
    await expect.poll(() => k.text('[data-testid="remaining"]')).toBe(euro('28,30'));
    await shoot(page, 'mix-01-paying-cash-rest-by-card');

    await k.dev('pos', { outcome: 'approve' });
    await k.click('rest-by-card');
    await expect.poll(() => k.text('[data-testid="card-amount"]'), { timeout: 10_000 }).toContain('28,28');
    expect(await k.text('[data-testid="card-amount"]')).toContain('4,00');
    await shoot(page, 'mix-02-paying-rest-on-terminal');

    await expect.poll(k.state, { timeout: 20_000 }).toBe('done');
    const receipt = (await k.devState()).receipts.at(-1)?.text ?? '';
    expect(receipt).toContain('RSSMRA85T10A562S');
    expect(receipt).toContain('32,28');
    await expect
      .poll(async () => (await k.central<{ status: string }>('GET', '/v1/bookings/123456789092')).status, { timeout: 15_000 })
      .toBe('paid');
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
  });
});

describe('a declined card after cash', () => {
  it('offers more cash, another card or the money back, and gives the coins back', async () => {
    await atBooking('giulia-bianchi', '070000000143');
    await k.click('pay-cash');
    await expect.poll(k.state).toBe('paying');
    await coins([200, 200, 100]);
    // A blind citizen hears the choice: the voice reads each new screen and the focused control.
    await k.click('speech');

    await k.dev('pos', { outcome: 'decline' });
    await k.click('rest-by-card');
    await expect.poll(k.state, { timeout: 20_000 }).toBe('cardDeclined');
    await expect.poll(() => page.locator('[data-outcome="declined"]').count()).toBe(1);
    // 36,15 € due: 5,00 € in, 31,15 € left.
    expect(await k.text('[data-testid="paid-so-far"]')).toContain('5,00');
    expect(await k.text('[data-testid="left-to-pay"]')).toContain('31,15');
    await shoot(page, 'mix-03-card-declined-choice');
    const spoken = () => page.evaluate(() => (window.kioskSpoken ?? []).map((u) => u.text));
    await expect.poll(spoken).toContainEqual(expect.stringMatching(/^La carta non è stata accettata\. Il pagamento con carta è stato rifiutato\..*Ancora da pagare: 31,15/));
    await page.locator('[data-action="another-card"]').focus();
    await expect.poll(spoken).toContainEqual('Provo un’altra carta');

    // More cash first: the coin screen comes back with what is in.
    await k.click('more-cash');
    await expect.poll(k.state).toBe('paying');
    expect(await k.text('[data-testid="credited"]')).toBe(euro('5,00'));
    await coins([100], 500);

    // Then another card, declined again, and the money back.
    await k.dev('pos', { outcome: 'decline' });
    await k.click('rest-by-card');
    await expect.poll(k.state, { timeout: 20_000 }).toBe('cardDeclined');
    await k.click('refund');
    await expect.poll(k.state, { timeout: 20_000 }).toBe('cancelled');
    await expect.poll(() => k.text('[data-testid="refunded"]')).toContain('6,00');
    expect(await page.locator('[data-testid="card-reversed"]').count()).toBe(0);
    await shoot(page, 'mix-04-cancelled-coins-back');
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
  });
});

describe('part by card, the rest in cash', () => {
  it('asks the card part on the keypad, then takes cash for the rest (large text)', async () => {
    await atBooking('olena-kovalenko', '070000000337');
    await k.click('large-text');
    await k.click('pay-split');
    await expect.poll(k.state).toBe('enteringCardPart');
    // Nothing, then the whole 120,00 €, are not a part.
    expect(await page.locator('cup-keypad button[data-key="ok"]').isDisabled()).toBe(true);
    for (const d of '12000') await page.locator(`cup-keypad button[data-key="${d}"]`).click();
    expect(await page.locator('[data-error="CARD_PART_TOO_MUCH"]').count()).toBe(1);
    for (let i = 0; i < 5; i++) await page.locator('cup-keypad button[data-key="del"]').click();
    for (const d of '10000') await page.locator(`cup-keypad button[data-key="${d}"]`).click();
    await expect.poll(() => k.text('[data-testid="card-part"]')).toBe(euro('100,00'));
    expect(await k.text('[data-testid="cash-rest"]')).toContain('20,00');
    await shoot(page, 'mix-05-card-part-large');

    await k.dev('pos', { outcome: 'approve' });
    await page.locator('cup-keypad button[data-key="ok"]').click();
    await expect.poll(k.state).toBe('paying');
    await expect.poll(() => k.text('[data-testid="card-amount"]')).toContain('100,00');
    await shoot(page, 'mix-06-paying-card-part-large');

    // Approved: the same screen turns to cash for the 20,00 € left.
    await expect.poll(() => page.locator('[data-testid="card-paid"]').count(), { timeout: 20_000 }).toBe(1);
    expect(await k.text('[data-testid="due"]')).toBe(euro('20,00'));
    await shoot(page, 'mix-07-paying-cash-after-card-large');
    await k.dev('bill', { cents: 1000 });
    await expect.poll(() => k.text('[data-testid="credited"]'), { timeout: 10_000 }).toBe(euro('10,00'));
    await k.dev('bill', { cents: 1000 });
    await expect.poll(k.state, { timeout: 20_000 }).toBe('done');
    const receipt = (await k.devState()).receipts.at(-1)?.text ?? '';
    expect(receipt).toContain('KVLLNO72C55Z138F');
    expect(receipt).toContain('120,00');
    await shoot(page, 'mix-08-done-large');
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
  });
});

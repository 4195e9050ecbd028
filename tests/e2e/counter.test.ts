import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shoot } from './browser.ts';
import type { RunningKiosk } from './kiosk-process.ts';
import { useKiosk, type KioskHands } from './kiosk-rig.ts';
import { openKiosk } from './kiosk-page.ts';

// A pharmacist at a counter terminal: a wrong PIN, then signed in; a citizen identified by the
// codice fiscale typed for them pays a booking in cash counted by the operator (less than due
// refused, then the change shown), signing out and in again, another booking paid by card on
// the POS, and the day closed: totals, the sheet printed and the close at the central.

const MARIO = 'RSSMRA85T10A562S';
const DEMO = { code: 'DEMO', pin: '135790' };

let kiosk: RunningKiosk;
let page: Page;
let k: KioskHands;
useKiosk('E2E-COUNTER', { CUPK_MODE: 'counter' }, (r) => ({ kiosk, page, k } = r));

const state = (s: string, timeout = 15_000) => expect.poll(k.state, { timeout }).toBe(s);

async function signIn(pin: string) {
  await page.locator('counter-app input#code').fill(DEMO.code.toLowerCase());
  await page.locator('counter-app input#pin').fill(pin);
  await k.click('sign-in');
}

/** The operator types the citizen's codice fiscale on the screen's keyboard and opens a booking by its code. */
async function serveBooking(bookingCode: string) {
  await k.click('start');
  await state('waitingCard');
  await k.click('type-tax-code');
  await state('enteringTaxCode');
  for (const c of MARIO) await page.locator(`screen-tax-code button[data-key="${c}"]`).click();
  await k.click('confirm-tax-code');
  await state('menu');
  await k.click('pay-booking');
  await state('enteringCode');
  await k.type(bookingCode);
  await state('reviewing');
}

interface TransactionList {
  transactions: { kind: string; status: string; payload: Record<string, unknown> }[];
}

describe('pharmacy counter', () => {
  it('signs the operator in, takes cash and card on the citizen’s behalf, and closes the day', async () => {
    await openKiosk(page, kiosk.url);
    await state('counter:signedOut');
    await shoot(page, 'counter-01-login');

    await signIn('000000');
    await expect.poll(() => k.text('[data-testid="counter-error"]')).toContain('Codice o PIN errato');
    await state('counter:signedOut');
    await shoot(page, 'counter-02-login-wrong');

    await signIn(DEMO.pin);
    await state('idle');
    expect(await k.text('[data-testid="counter-operator"]')).toContain('Farmacista demo (DEMO)');
    await shoot(page, 'counter-03-serving');

    // Cash: Mario Rossi's booking, 32,28 €, 32,30 € in cash; the operator counts what he hands over.
    await serveBooking('123456789092');
    await shoot(page, 'counter-04-booking');
    await k.click('pay-cash');
    await state('paying');
    expect(await k.text('[data-testid="counter-due"]')).toContain('32,30');
    await shoot(page, 'counter-05-cash');
    await page.locator('counter-cash input#tendered').fill('30');
    await k.click('take-cash');
    await expect.poll(() => k.text('[data-testid="cash-error"]')).toContain('inferiore al dovuto');
    expect(await k.state()).toBe('paying');
    await shoot(page, 'counter-06-cash-short');
    await page.locator('counter-cash input#tendered').fill('50');
    await k.click('take-cash');
    await state('done');
    await expect.poll(() => k.text('[data-testid="counter-change"]')).toMatch(/17,70\s€/);
    await expect.poll(async () => (await k.devState()).receipts.some((r) => r.text.includes('RSSMRA85T10A562S') && r.text.includes('32,30'))).toBe(true);
    await shoot(page, 'counter-07-change');
    await k.click('finish');
    await state('idle');

    // Signing out and in again: between citizens only.
    await k.click('sign-out');
    await state('counter:signedOut');
    await signIn(DEMO.pin);
    await state('idle');
    // A new sign-in starts with no change on the bar.
    expect(await page.locator('[data-testid="counter-change"]').count()).toBe(0);

    // Card: Giulia Bianchi's booking, over the cap, through the POS as at a kiosk.
    await serveBooking('070000000143');
    await k.click('pay-card');
    await state('done', 20_000);
    await expect.poll(async () => (await k.devState()).receipts.some((r) => r.text.includes('Pagato con carta'))).toBe(true);
    await shoot(page, 'counter-08-card-done');
    await k.click('finish');
    await state('idle');

    // The close: the day's totals first, then the close printed and queued.
    await k.click('close-day');
    await state('counter:confirmingClose');
    expect(await k.text('[data-testid="totals-payments"]')).toBe('2');
    expect(await k.text('[data-testid="totals-cash"]')).toMatch(/32,30/);
    expect(await k.text('[data-testid="totals-card"]')).toMatch(/36,15/);
    expect(await k.text('[data-testid="totals-total"]')).toMatch(/68,45/);
    await shoot(page, 'counter-09-totals');
    await k.click('confirm-close');
    await state('counter:closed');
    expect(await k.text('[data-testid="close-sheet"]')).toContain('CHIUSURA DI CASSA');
    await expect.poll(async () => (await k.devState()).receipts.some((r) => r.text.includes('CHIUSURA DI CASSA') && r.text.includes('68,45'))).toBe(true);
    await shoot(page, 'counter-10-closed');
    await k.click('close-done');
    await state('counter:signedOut');

    // The day is closed for this operator; the close reached the central, once.
    await signIn(DEMO.pin);
    await expect.poll(() => k.text('[data-testid="counter-error"]')).toContain('già chiusa');
    await shoot(page, 'counter-11-day-closed');
    await expect
      .poll(async () => (await k.central<TransactionList>('GET', `/v1/terminals/${kiosk.terminalId}/transactions`)).transactions.filter((t) => t.kind === 'counter-close'), { timeout: 20_000 })
      .toEqual([expect.objectContaining({ status: 'stored', payload: expect.objectContaining({ operatorCode: 'DEMO', payments: 2, cashCents: 3230, cardCents: 3615 }) })]);
  });
});

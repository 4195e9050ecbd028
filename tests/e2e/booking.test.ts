import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_WAITING_LIST_NRE } from '@cup-kiosk/sync-service/domain';
import { shoot } from './browser.ts';
import type { RunningKiosk } from './kiosk-process.ts';
import { useKiosk, type KioskHands } from './kiosk-rig.ts';
import { openKiosk } from './kiosk-page.ts';

// Booking end to end: a citizen identified by card picks one of their prescriptions, sees free
// slots across providers inside its priority deadline, holds one (with its countdown), confirms
// and pays by card; the slip prints, the central books the slot and takes the payment. A
// prescription with nothing in time puts the citizen on the waiting list instead.

const MARIO = 'RSSMRA85T10A562S';
const ULTRASOUND_NRE = '0701B2000417428';
const CARDIOLOGY_NRE = '0701B2000417411';

let kiosk: RunningKiosk;
let page: Page;
let k: KioskHands;
useKiosk('E2E-BOOK', {}, (r) => ({ kiosk, page, k } = r));

interface TransactionList {
  transactions: { kind: string; status: string; reason?: string; payload: Record<string, unknown> }[];
}
const stored = async (kind: string) => (await k.central<TransactionList>('GET', `/v1/terminals/${kiosk.terminalId}/transactions`)).transactions.filter((t) => t.kind === kind);

describe('booking a prescription', () => {
  it('lists the prescriptions, holds the earliest slot, books it, prints the slip and takes the payment', async () => {
    await openKiosk(page, kiosk.url);
    await k.dev('card/insert', { id: 'mario-rossi' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    await k.click('book');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingPrescription');
    expect(await page.locator('[data-nre]').count()).toBeGreaterThanOrEqual(3);
    await shoot(page, 'book-01-prescriptions');

    await page.locator(`[data-nre="${ULTRASOUND_NRE}"]`).click();
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingSlot');
    const slots = page.locator('[data-slot]');
    expect(await slots.count()).toBeGreaterThan(1);
    // Earliest first: the screen's order is the central's.
    const first = (await slots.first().getAttribute('data-slot'))!;
    await shoot(page, 'book-02-slots');

    await slots.first().click();
    await expect.poll(k.state, { timeout: 10_000 }).toBe('holding');
    await expect.poll(() => k.text('[data-testid="countdown"]')).toMatch(/^(9|10):\d\d$/);
    const due = (await k.text('[data-testid="amount-due"]'))!;
    expect(due).toMatch(/\d+,\d\d\u00a0€/);
    await shoot(page, 'book-03-hold');

    await k.click('confirm-now');
    await expect.poll(k.state, { timeout: 15_000 }).toBe('booked');
    const codeText = (await k.text('[data-testid="booking-code"]'))!;
    const code = /(\d{4} \d{4} \d{4})/.exec(codeText)![1]!.replace(/ /g, '');
    expect(await page.locator('[data-testid="slip"]').count()).toBe(1);
    // The slip the printer simulator decoded from the ESC/POS it received.
    const slip = (await k.devState()).receipts.at(-1)?.text ?? '';
    expect(slip).toContain('PROMEMORIA PRENOTAZIONE');
    expect(slip).toContain(MARIO);
    expect(slip.replace(/ /g, '')).toContain(code);
    await shoot(page, 'book-04-booked');

    await k.dev('pos', { outcome: 'approve' });
    await k.click('pay-now');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('reviewing');
    expect(await k.text('[data-testid="amount-due"]')).toBe(due);
    await k.click('pay-card');
    await expect.poll(k.state, { timeout: 20_000 }).toBe('done');

    // The central booked the slot from the booking item, then took the payment after it.
    await expect.poll(async () => (await k.central<{ status: string }>('GET', `/v1/bookings/${code}`)).status, { timeout: 15_000 }).toBe('paid');
    const [booking] = await stored('booking');
    expect(booking).toMatchObject({ status: 'stored', payload: { slotId: first, nre: ULTRASOUND_NRE, payAt: 'now' } });
    // The prescription is booked: it is no longer offered.
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
    expect(await k.html()).not.toContain(MARIO);
    await k.dev('card/remove');
    await k.dev('card/insert', { id: 'mario-rossi' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    await k.click('book');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingPrescription');
    expect(await page.locator(`[data-nre="${ULTRASOUND_NRE}"]`).count()).toBe(0);
    await k.click('back');
    await expect.poll(k.state).toBe('menu');
    await k.dev('card/remove');
    await expect.poll(k.state).toBe('idle');
  });

  it('gives a held slot back when the citizen wants another time, and shows the slots in Arabic', async () => {
    await k.dev('card/insert', { id: 'mario-rossi' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    await k.click('book');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingPrescription');
    await page.locator(`[data-nre="${CARDIOLOGY_NRE}"]`).click();
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingSlot');
    const first = (await page.locator('[data-slot]').first().getAttribute('data-slot'))!;
    await page.locator('[data-slot]').first().click();
    await expect.poll(k.state, { timeout: 10_000 }).toBe('holding');
    await k.click('other-time');
    // Released at the central: searched again, the same earliest slot is free and offered.
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingSlot');
    await expect.poll(() => page.locator('[data-slot]').first().getAttribute('data-slot')).toBe(first);

    await page.locator('language-picker button[data-language="ar"]').click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await shoot(page, 'book-ar-01-slots');
    await page.locator('[data-slot]').first().click();
    await expect.poll(k.state, { timeout: 10_000 }).toBe('holding');
    await shoot(page, 'book-ar-02-hold');
    await k.dev('card/remove');
    await expect.poll(k.state).toBe('idle');
    await page.locator('language-picker button[data-language="it"]').click();
  });
});

describe('the waiting list', () => {
  it('offers the waiting list when nothing is free in time, and queues the call-back request', async () => {
    await k.dev('card/insert', { id: 'mario-rossi' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    // The prescription memo's barcode, shown to the reader: straight to its slots.
    await k.dev('scan', { text: DEMO_WAITING_LIST_NRE });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingSlot');
    expect(await page.locator('[data-testid="no-slots"]').count()).toBe(1);
    await shoot(page, 'book-05-no-slots');

    await k.click('waiting-list');
    await expect.poll(k.state).toBe('enteringPhone');
    await k.type('3331234567');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('waitingListJoined');
    await shoot(page, 'book-06-waiting-list');

    await expect.poll(async () => (await stored('waiting-list'))[0]?.status, { timeout: 15_000 }).toBe('stored');
    const [request] = await stored('waiting-list');
    expect(request!.payload).toMatchObject({ nre: DEMO_WAITING_LIST_NRE, taxCode: MARIO, phone: '+393331234567', priority: 'U' });
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
    await k.dev('card/remove');
  });
});

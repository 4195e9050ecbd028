import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shoot } from './browser.ts';
import type { RunningKiosk } from './kiosk-process.ts';
import { useKiosk, type KioskHands } from './kiosk-rig.ts';
import { openKiosk } from './kiosk-page.ts';

// Changing a booking end to end: Mario Rossi books his cardiology visit and pays it by card,
// moves it to a later time (same code, same payment, a new slip), then cancels it in time: the
// cancellation receipt prints with the refund reference, and the central lists the refund of
// what he paid for the back office. A cancelled booking's code typed again is refused. He is
// identified by his health card's barcode (the codice fiscale), shown to the scanner.

const MARIO = 'RSSMRA85T10A562S';
const CARDIOLOGY_NRE = '0701B2000417411';
const ADMIN_TOKEN = 'e2e-manage-admin-token';

let kiosk: RunningKiosk;
let page: Page;
let k: KioskHands;
useKiosk('E2E-MANAGE', { CUPK_ADMIN_TOKEN: ADMIN_TOKEN }, (r) => ({ kiosk, page, k } = r));

interface Refunds {
  refunds: { refundId: string; bookingCode: string; taxCode: string; amountCents: number | null; paymentId: string | null }[];
}
const refunds = async () => (await (await fetch(`${kiosk.centralUrl}/v1/admin/refunds`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as Refunds;
const lastPaper = async () => (await k.devState()).receipts.at(-1)?.text ?? '';

let code = '';

/** The card's barcode shown to the scanner: Mario Rossi identified, at the menu. */
async function identify() {
  await k.dev('scan', { text: MARIO });
  await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
}

/** Identified, then "Disdire o spostare una prenotazione": the citizen's list. */
async function myBookings() {
  await identify();
  await k.click('manage');
  await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingMyBooking');
}

describe('changing a booking', () => {
  it('books and pays the cardiology visit at its latest offered time', async () => {
    await openKiosk(page, kiosk.url);
    await identify();
    await k.click('book');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingPrescription');
    await page.locator(`[data-nre="${CARDIOLOGY_NRE}"]`).click();
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingSlot');
    // The latest offered: more than 48 hours ahead, so a cancellation is in time.
    await page.locator('[data-slot]').last().click();
    await expect.poll(k.state, { timeout: 10_000 }).toBe('holding');
    await k.click('confirm-now');
    await expect.poll(k.state, { timeout: 15_000 }).toBe('booked');
    code = /(\d{4} \d{4} \d{4})/.exec((await k.text('[data-testid="booking-code"]'))!)![1]!.replace(/ /g, '');
    await k.dev('pos', { outcome: 'approve' });
    await k.click('pay-now');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('reviewing');
    await k.click('pay-card');
    await expect.poll(k.state, { timeout: 20_000 }).toBe('done');
    await expect.poll(async () => (await k.central<{ status: string }>('GET', `/v1/bookings/${code}`)).status, { timeout: 15_000 }).toBe('paid');
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
  });

  it('moves it to another time: the hold with its countdown, then the new slip under the same code', async () => {
    await myBookings();
    expect(await page.locator(`[data-booking="${code}"]`).count()).toBe(1);
    await shoot(page, 'manage-01-my-bookings');
    await page.locator(`[data-booking="${code}"]`).click();
    await expect.poll(k.state).toBe('managingBooking');
    expect(await k.text('[data-testid="ticket"]')).toMatch(/pagato/);
    await shoot(page, 'manage-02-detail');

    await k.click('move-booking');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingMoveSlot');
    expect(await page.locator('[data-action="waiting-list"]').count()).toBe(0);
    await shoot(page, 'manage-03-move-slots');
    const target = (await page.locator('[data-slot]').last().getAttribute('data-slot'))!;
    await page.locator('[data-slot]').last().click();
    await expect.poll(k.state, { timeout: 10_000 }).toBe('moveHeld');
    await expect.poll(() => k.text('[data-testid="countdown"]')).toMatch(/^(9|10):\d\d$/);
    // From when to when, and the button, all on the screen at once (the countdown takes one line).
    expect(await k.text('[data-testid="to"]')).toContain(target.split(':').slice(2).join(':').slice(11));
    expect((await page.locator('[data-action="confirm-move"]').boundingBox())!.y + 48).toBeLessThan(page.viewportSize()!.height);
    await shoot(page, 'manage-04-move-hold');

    await k.click('confirm-move');
    await expect.poll(k.state, { timeout: 15_000 }).toBe('bookingMoved');
    const slip = await lastPaper();
    expect(slip).toContain('PROMEMORIA PRENOTAZIONE');
    expect(slip.replace(/ /g, '')).toContain(code);
    await shoot(page, 'manage-05-moved');
    // The central moved it: same code, still paid, at the new slot's time.
    const startsAt = target.split(':').slice(2).join(':');
    await expect.poll(async () => (await k.central<{ startsAt: string }>('GET', `/v1/bookings/${code}`)).startsAt, { timeout: 15_000 }).toBe(startsAt);
    expect((await k.central<{ status: string }>('GET', `/v1/bookings/${code}`)).status).toBe('paid');
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
  });

  it('cancels it in time after a confirmation that says the ticket is refunded; the central lists the refund', async () => {
    await myBookings();
    await page.locator(`[data-booking="${code}"]`).click();
    await expect.poll(k.state).toBe('managingBooking');
    // The same detail in Arabic, right to left.
    await page.locator('language-picker button[data-language="ar"]').click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await k.text('[data-action="cancel-booking"]')).toBe('إلغاء');
    await shoot(page, 'manage-ar-02-detail');
    await page.locator('language-picker button[data-language="it"]').click();
    await k.click('cancel-booking');
    await expect.poll(k.state).toBe('confirmingCancel');
    expect(await k.text('[data-testid="cancel-dialog"]')).toMatch(/rimborsato/);
    await shoot(page, 'manage-06-confirm-cancel');

    await k.click('confirm-cancel');
    await expect.poll(k.state, { timeout: 15_000 }).toBe('bookingCancelled');
    const refundText = (await k.text('[data-testid="refund"]'))!;
    const ref = /RF-[0-9A-F]{8}/.exec(refundText)![0];
    const receipt = await lastPaper();
    expect(receipt).toContain('RICEVUTA DI DISDETTA');
    expect(receipt).toContain(ref);
    await shoot(page, 'manage-07-cancelled');

    await expect.poll(async () => (await refunds()).refunds.find((r) => r.bookingCode === code), { timeout: 15_000 }).toMatchObject({ refundId: ref, taxCode: MARIO, paymentId: expect.any(String) });
    const refund = (await refunds()).refunds.find((r) => r.bookingCode === code)!;
    expect(refund.amountCents).toBeGreaterThan(0);
    expect((await k.central<{ status: string }>('GET', `/v1/bookings/${code}`)).status).toBe('cancelled');
    await k.click('menu');
    await expect.poll(k.state).toBe('menu');

    // Gone from the list; its code typed is refused.
    await k.click('manage');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingMyBooking');
    expect(await page.locator(`[data-booking="${code}"]`).count()).toBe(0);
    await k.click('by-code');
    await expect.poll(k.state).toBe('enteringManageCode');
    await k.type(code);
    await expect.poll(() => page.locator('[data-error]').getAttribute('data-error'), { timeout: 10_000 }).toBe('BOOKING_ALREADY_CANCELLED');
    await shoot(page, 'manage-08-code-cancelled');
    await k.click('back');
    await expect.poll(k.state).toBe('choosingMyBooking');
    await k.click('back');
    await expect.poll(k.state).toBe('menu');
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
  });
});

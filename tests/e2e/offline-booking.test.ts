import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '@cup-kiosk/sync-service/central';
import { heldSnapshots } from '@cup-kiosk/sync-service/client';
import { openDatabase } from '@cup-kiosk/sync-service/outbox';
import { launchChromium, shoot } from './browser.ts';
import { kioskPage, openKiosk, PORTRAIT } from './kiosk-page.ts';
import { startKioskProcess, type RunningKiosk } from './kiosk-process.ts';

// Booking with the central stopped: the kiosk (its own process, on an external central started
// here) has pulled its agenda snapshot; the central goes down after the citizen's prescriptions
// were listed; the slots come from the snapshot, marked provisional, the booking is confirmed
// and its slip says provisional; the central comes back on the same address and stores it.

const MARIO = 'RSSMRA85T10A562S';
const ULTRASOUND_NRE = '0701B2000417428';
const TERMINAL = 'E2E-OFFLINE';

let centralDir: string;
let central: RunningCentral;
let port: number;
let kiosk: RunningKiosk;
let browser: Browser;
let page: Page;
let k: ReturnType<typeof kioskPage>;

// Unsigned: a kiosk on an external central is enrolled by a technician; here the central trusts its callers.
const startExternalCentral = (p = 0) => startCentral({ dataDir: centralDir, seedDemo: true, requireSignatures: false, port: p });

beforeAll(async () => {
  centralDir = mkdtempSync(join(tmpdir(), 'cupk-e2e-central-'));
  central = await startExternalCentral();
  port = Number(new URL(central.url).port);
  kiosk = await startKioskProcess(TERMINAL, { CUPK_CENTRAL: central.url });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: PORTRAIT });
  k = kioskPage(kiosk, page);
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await central?.close().catch(() => undefined);
  rmSync(centralDir, { recursive: true, force: true });
});

async function agendaHeld(): Promise<number> {
  const db = await openDatabase(join(kiosk.dataDir, 'terminal.sqlite'));
  try {
    return (await heldSnapshots(db)).find((h) => h.kind === 'agenda')?.items ?? 0;
  } finally {
    await db.close();
  }
}

describe('booking while the central is stopped', () => {
  it('books provisionally from the agenda snapshot, and the booking reaches the central when it is back', async () => {
    await expect.poll(agendaHeld, { timeout: 20_000 }).toBeGreaterThan(0);
    await openKiosk(page, kiosk.url);
    await k.dev('card/insert', { id: 'mario-rossi' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    await k.click('book');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingPrescription');

    await central.close();
    await page.locator(`[data-nre="${ULTRASOUND_NRE}"]`).click();
    await expect.poll(k.state, { timeout: 15_000 }).toBe('choosingSlot');
    expect(await k.text('[data-testid="provisional"]')).toContain('provvisoria');
    const first = (await page.locator('[data-slot]').first().getAttribute('data-slot'))!;
    await shoot(page, 'offline-01-slots-provisional');

    await page.locator('[data-slot]').first().click();
    await expect.poll(k.state, { timeout: 10_000 }).toBe('holding');
    await shoot(page, 'offline-02-hold');
    await k.click('confirm-now');
    await expect.poll(k.state, { timeout: 15_000 }).toBe('booked');
    expect(await k.text('[data-testid="booked-title"]')).toBe('Prenotazione provvisoria');
    const code = /(\d{4} \d{4} \d{4})/.exec((await k.text('[data-testid="booking-code"]'))!)![1]!.replace(/ /g, '');
    const slip = (await k.devState()).receipts.at(-1)?.text ?? '';
    expect(slip).toContain('PRENOTAZIONE PROVVISORIA');
    expect(slip).toContain(MARIO);
    expect(slip.replace(/ /g, '')).toContain(code);
    await shoot(page, 'offline-03-booked');
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
    await k.dev('card/remove');

    // Back on the same address: the sync loop delivers the booking, and the central books the slot.
    central = await startExternalCentral(port);
    await expect.poll(async () => (await central.store.getBooking(code))?.status ?? null, { timeout: 90_000, interval: 1_000 }).toBe('booked');
    expect((await central.store.getSlot(first))?.bookingCode).toBe(code);
    const [item] = (await central.store.listTransactions(TERMINAL, {})).filter((t) => t.kind === 'booking');
    expect(item).toMatchObject({ kind: 'booking', status: 'stored', payload: { slotId: first, nre: ULTRASOUND_NRE, provisional: true } });
  });
});

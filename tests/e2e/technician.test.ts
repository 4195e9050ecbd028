import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cupk } from '../integration/cli-harness.ts';
import { shoot } from './browser.ts';
import type { RunningKiosk } from './kiosk-process.ts';
import { useKiosk, type KioskHands } from './kiosk-rig.ts';
import { openKiosk } from './kiosk-page.ts';

// A technician at the kiosk: the cabinet's service switch, a wrong PIN then the right one, every
// device's state in words, a test print, an acceptance and a payout test, a hopper refilled and
// the cash box emptied with their counts in the ledger, the event log, the configuration, a sync,
// and back to the citizens' idle screen.

const DEMO_PIN = '246810';

let kiosk: RunningKiosk;
let page: Page;
let k: KioskHands;
useKiosk('E2E-TECH', {}, (r) => ({ kiosk, page, k } = r));

/** The cash ledger as `cupk cash status` reads it from the running terminal's SQLite. */
async function cashStatus(): Promise<{ cashboxCents: number; hoppers: Record<string, { count: number }> }> {
  const run = await cupk('cash', 'status', '--data', kiosk.dataDir, '--json');
  expect(run.code, run.stderr).toBe(0);
  return run.json as never;
}

/** Coins in a simulated hopper, as the simulator itself counts them. */
async function simHopper(address: number): Promise<number> {
  const state = (await k.devState()) as unknown as { hoppers: { address: number; count: number }[] };
  return state.hoppers.find((h) => h.address === address)!.count;
}

const outcome = () => k.text('[data-testid="outcome"]');
const state = (s: string) => expect.poll(k.state, { timeout: 15_000 }).toBe(s);

describe('technician service mode', () => {
  it('opens with the PIN, tests and counts the devices, audits it all and gives the screen back', async () => {
    await openKiosk(page, kiosk.url);
    await state('idle');
    const before = await cashStatus();
    const simHopper4Before = await simHopper(4);

    await k.dev('service-switch');
    await state('service:enteringPin');
    await shoot(page, 'technician-01-pin');

    await k.type('111111');
    await state('service:enteringPin');
    await expect.poll(() => k.text('[data-testid="pin-error"]')).toContain('PIN errato');
    await shoot(page, 'technician-02-pin-wrong');

    await k.type(DEMO_PIN);
    await state('service:overview');
    const rows = page.locator('[data-testid="device-status"] tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(9);
    expect(await page.locator('tr[data-device="printer"]').textContent()).toMatch(/funziona|non risponde|carta/);
    expect(await page.locator('tr[data-device="hopper:4"]').textContent()).toContain(`${before.hoppers['hopper:4']!.count} monete`);
    await shoot(page, 'technician-03-overview');

    // Test print: the printer simulator printed the test page.
    await k.click('test-print');
    await state('service:result');
    expect(await k.text('[data-testid="printed-text"]')).toContain('PAGINA DI PROVA');
    await expect.poll(async () => (await k.devState()).receipts.some((r) => r.text.includes('PAGINA DI PROVA'))).toBe(true);
    await shoot(page, 'technician-04-test-print');
    await k.click('back');
    await state('service:overview');

    // Refill hopper 4 with 50 coins: counted in the ledger, the report printed.
    await k.click('refill');
    await state('service:choosingRefillHopper');
    await shoot(page, 'technician-05-refill-choose');
    await page.locator('[data-hopper="4"]').click();
    await state('service:enteringRefillCount');
    await shoot(page, 'technician-06-refill-count');
    await k.type('50');
    await state('service:result');
    expect(await outcome()).toContain(`${before.hoppers['hopper:4']!.count} → ${before.hoppers['hopper:4']!.count + 50}`);
    expect(await k.text('[data-testid="printed-text"]')).toContain('RICARICA HOPPER');
    await shoot(page, 'technician-07-refilled');
    expect((await cashStatus()).hoppers['hopper:4']!.count).toBe(before.hoppers['hopper:4']!.count + 50);
    // On the simulator, recording the refill is the technician's hands: the hopper has the coins.
    expect((await simHopper(4)) - simHopper4Before).toBe(50);
    await k.click('back');
    await state('service:overview');

    // Acceptance test: a 2 € coin goes to the cash box as a test credit.
    await k.click('acceptance-test');
    await state('service:acceptanceTesting');
    await shoot(page, 'technician-08-acceptance');
    await k.dev('coin', { cents: 200 });
    await state('service:result');
    expect(await outcome()).toContain('2,00');
    await shoot(page, 'technician-09-accepted');
    expect((await cashStatus()).cashboxCents).toBe(before.cashboxCents + 200);
    await k.click('back');
    await state('service:overview');

    // Payout test: one coin from hopper 5.
    const paidBefore = (await k.devState()) as unknown as { truth: { hoppers: { address: number; totalPaid: number }[] } };
    await k.click('payout-test');
    await state('service:choosingPayoutHopper');
    await page.locator('[data-hopper="5"]').click();
    await state('service:result');
    expect(await outcome()).toContain('Moneta erogata');
    await shoot(page, 'technician-10-payout');
    const paidAfter = (await k.devState()) as unknown as typeof paidBefore;
    const paid = (s: typeof paidBefore) => s.truth.hoppers.find((h) => h.address === 5)!.totalPaid;
    expect(paid(paidAfter)).toBe(paid(paidBefore) + 1);
    await k.click('back');
    await state('service:overview');

    // Empty the cash box: everything in it, the test coin included, recorded and printed.
    await k.click('empty');
    await state('service:confirmingEmpty');
    await shoot(page, 'technician-11-empty-confirm');
    await k.click('confirm-empty');
    await state('service:result');
    expect(await k.text('[data-testid="printed-text"]')).toContain('SVUOTAMENTO CASSETTA');
    await shoot(page, 'technician-12-emptied');
    expect((await cashStatus()).cashboxCents).toBe(0);
    await k.click('back');
    await state('service:overview');

    // Sync now: the counts reach the central.
    await k.click('sync-now');
    await state('service:result');
    await expect.poll(outcome).toMatch(/Inviati/);
    await shoot(page, 'technician-13-synced');
    await k.click('back');
    await state('service:overview');

    // The event log has every action, with who and how it ended; the ledger has the counts.
    await k.click('event-log');
    await state('service:eventLog');
    const audit = await k.text('[data-testid="audit-log"]');
    for (const action of ['Accesso', 'Stampa di prova', 'Ricarica hopper', 'Svuotamento cassetta', 'Sincronizza ora']) expect(audit).toContain(action);
    expect(audit).toContain('SERVICE_PIN_WRONG');
    expect(await k.text('[data-testid="ledger-log"]')).toContain('cashbox-empty');
    await shoot(page, 'technician-14-event-log');
    await k.click('back');
    await state('service:overview');

    await k.click('config');
    await state('service:config');
    expect(await k.text('[data-testid="config"]')).toContain('E2E-TECH');
    await shoot(page, 'technician-15-config');
    await k.click('back');
    await state('service:overview');

    await k.click('exit');
    await state('idle');
    await shoot(page, 'technician-16-back-to-idle');
  });

  it('opens from the keyboard with Ctrl+Alt+S and leaves from the PIN pad', async () => {
    await page.keyboard.press('Control+Alt+KeyS');
    await state('service:enteringPin');
    await k.click('exit');
    await state('idle');
  });

  it('opens with an enrolled badge shown to the scanner, and not once the badge is revoked', async () => {
    const added = await cupk('service', 'badge', 'add', '--holder', 'Luca Ferri', '--data', kiosk.dataDir, '--json');
    expect(added.code, added.stderr).toBe(0);
    const badge = (added.json as { badge: { id: string; code: string } }).badge;

    await k.dev('scan', { text: badge.code });
    await state('service:overview');
    await k.click('exit');
    await state('idle');

    expect((await cupk('service', 'badge', 'revoke', '--id', badge.id, '--data', kiosk.dataDir, '--json')).code).toBe(0);
    await k.dev('scan', { text: badge.code });
    await state('service:enteringPin');
    await expect.poll(() => k.text('[data-testid="pin-error"]')).toContain('Badge non valido');
    await shoot(page, 'technician-17-badge-refused');
    await k.click('exit');
    await state('idle');

    // A badge scanned under a citizen opens nothing, and the citizen's screen does not hear of it.
    await k.click('start');
    await state('waitingCard');
    await k.dev('scan', { text: badge.code });
    // A scan the citizen's screen heard would be answered "not recognised" at once.
    await page.waitForTimeout(500);
    expect(await k.state()).toBe('waitingCard');
    expect(await k.html()).not.toMatch(/non riconosciuto|CUPK-TECH/i);
    await k.click('cancel');
    await state('idle');
  });
});

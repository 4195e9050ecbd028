import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cupk } from '../integration/cli-harness.ts';
import { shoot } from './browser.ts';
import type { RunningKiosk } from './kiosk-process.ts';
import { useKiosk, type KioskHands } from './kiosk-rig.ts';
import { openKiosk } from './kiosk-page.ts';

// The help button on every screen: a press calls a member of staff once, the kiosk says so
// politely, staff see the terminal asking for help (`cupk central health` on the embedded
// central), and the call stands until the session ends.

const ADMIN_TOKEN = 'e2e-help-admin-token';

let kiosk: RunningKiosk;
let page: Page;
let k: KioskHands;
  // Heartbeats come at once on a change; the regular beat stays out of the way of the test.
useKiosk('E2E-HELP', { CUPK_ADMIN_TOKEN: ADMIN_TOKEN, CUPK_HEARTBEAT_MS: '600000' }, (r) => ({ kiosk, page, k } = r));

const help = () => page.locator('[data-action="help"]');

/** This terminal as staff see it. */
async function asStaffSee(): Promise<{ status: string; assistanceRequestedAt: string | null }> {
  const run = await cupk('central', 'health', '--central', kiosk.centralUrl, '--token', ADMIN_TOKEN, '--json');
  expect(run.code, run.stderr).toBe(0);
  const terminals = run.json.terminals as { terminalId: string; status: string; assistanceRequestedAt: string | null }[];
  return terminals.find((t) => t.terminalId === kiosk.terminalId)!;
}

describe('help button', () => {
  it('calls staff once, says so, keeps the call until the session ends', async () => {
    await openKiosk(page, kiosk.url);
    await k.dev('card/insert', { id: 'mario-rossi' });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    expect(await help().getAttribute('aria-pressed')).toBe('false');
    expect((await help().boundingBox())!.height).toBeGreaterThanOrEqual(48);

    await help().click();
    await expect.poll(() => page.locator('help-called').count()).toBe(1);
    expect(await page.getByTestId('help-called').textContent()).toContain('Abbiamo chiamato un operatore');
    await expect.poll(() => help().getAttribute('aria-pressed')).toBe('true');
    await shoot(page, 'help-01-called');
    await expect.poll(async () => (await asStaffSee()).status, { timeout: 15_000 }).toBe('assistance');
    expect((await asStaffSee()).assistanceRequestedAt).not.toBeNull();

    // Closed by the keypad's Enter on the focused button; focus goes back to the help button.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('help-called').count()).toBe(0);
    expect(await help().evaluate((el) => (el.getRootNode() as Document | ShadowRoot).activeElement === el)).toBe(true);
    expect(await help().getAttribute('aria-pressed')).toBe('true');
    expect(await k.state()).toBe('menu');

    // The card out ends the session, and the call with it.
    await k.dev('card/remove');
    await expect.poll(k.state, { timeout: 10_000 }).toBe('idle');
    await expect.poll(() => help().getAttribute('aria-pressed')).toBe('false');
    await shoot(page, 'help-02-after-session');
    await expect.poll(async () => (await asStaffSee()).assistanceRequestedAt, { timeout: 15_000 }).toBeNull();
    expect((await asStaffSee()).status).not.toBe('assistance');
  });
});

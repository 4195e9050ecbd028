import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { terminalSigner } from '@cup-kiosk/sync-service/client';
import type { RunningKiosk } from './kiosk-process.ts';

/**
 * The hands and eyes of an end-to-end test on one kiosk: the developer API for the devices (a
 * card, coins, a scan, what the card terminal does next), the keypad, and the central asked as
 * the terminal itself would ask it.
 */
export function kioskPage(kiosk: RunningKiosk, page: Page) {
  async function dev(path: string, body: unknown = {}) {
    const r = await fetch(`${kiosk.url}/dev/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(r.status, await r.clone().text()).toBe(200);
  }

  async function devState() {
    return (await (await fetch(`${kiosk.url}/dev/api/state`)).json()) as { receipts: { text: string }[] };
  }

  /** A request to the central signed with the terminal's own key. */
  async function central<T>(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<T> {
    const key = JSON.parse(readFileSync(join(kiosk.dataDir, 'terminal-key.json'), 'utf8')) as { privateKey: string };
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const headers = await terminalSigner({ terminalId: kiosk.terminalId, privateKey: key.privateKey })({ method, path, body });
    const r = await fetch(`${kiosk.centralUrl}${path}`, {
      method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body } : {}),
    });
    expect(r.status, await r.clone().text()).toBe(200);
    return (await r.json()) as T;
  }

  return {
    dev,
    devState,
    central,
    state: () => page.locator('main').getAttribute('data-state'),
    /** Presses the on-screen keys, then OK. */
    async type(digits: string) {
      for (const digit of digits) await page.locator(`cup-keypad button[data-key="${digit}"]`).click();
      await page.locator('cup-keypad button[data-key="ok"]').click();
    },
    text: (selector: string) => page.locator(selector).first().textContent(),
    click: (action: string) => page.locator(`[data-action="${action}"]`).first().click(),
    html: () => pageHtml(page),
  };
}

/** Everything in the page, every shadow root included: what is left for the next person to see. */
export function pageHtml(page: Page): Promise<string> {
  return page.evaluate(() => {
    const inside = (root: ParentNode): string =>
      [...root.querySelectorAll('*')].map((e) => (e.shadowRoot ? e.shadowRoot.innerHTML + inside(e.shadowRoot) : '')).join('');
    return document.body.innerHTML + inside(document);
  });
}

/**
 * Opens the kiosk page and waits until the host has answered it: the host sends events only to
 * pages connected to it, so a card or a scan given before then would go unseen.
 */
export async function openKiosk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect.poll(() => page.locator('main').getAttribute('data-connected'), { timeout: 10_000 }).toBe('true');
}

/** The portrait kiosk screen. */
export const PORTRAIT = { width: 1080, height: 1920 };

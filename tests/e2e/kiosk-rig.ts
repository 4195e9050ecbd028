import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import { kioskPage, PORTRAIT } from './kiosk-page.ts';
import { startKioskProcess, type RunningKiosk } from './kiosk-process.ts';

export type KioskHands = ReturnType<typeof kioskPage>;

export interface KioskRig {
  kiosk: RunningKiosk;
  page: Page;
  k: KioskHands;
}

/**
 * The rig of an end-to-end file: a kiosk process with its simulated devices and central, and
 * Debian's Chromium with one portrait page, started before the file's tests and stopped after.
 * `ready` hands them to the file once they run.
 */
export function useKiosk(terminalId: string, env: Record<string, string>, ready: (rig: KioskRig) => void): void {
  let browser: Browser | undefined;
  let kiosk: RunningKiosk | undefined;
  beforeAll(async () => {
    kiosk = await startKioskProcess(terminalId, env);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: PORTRAIT });
    ready({ kiosk, page, k: kioskPage(kiosk, page) });
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
  });
}

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { axeViolations } from './accessibility.ts';

// The accessibility check every screenshot runs must be able to fail: a nameless button and
// low-contrast text inside a shadow root (where our screens live) are caught.

let browser: Browser;
beforeAll(async () => (browser = await launchChromium()));
afterAll(async () => browser?.close());

it('axe-core finds violations inside shadow roots', async () => {
  const page = await browser.newPage();
  await page.setContent(
    `<html lang="it"><head><title>t</title></head><body><main><div id="h"></div></main>
     <script>document.getElementById('h').attachShadow({ mode: 'open' }).innerHTML = '<button></button><p style="color:#ccc">poco contrasto</p>';</script></body></html>`,
  );
  expect((await axeViolations(page)).map((v) => v.id).sort()).toEqual(['button-name', 'color-contrast']);
});

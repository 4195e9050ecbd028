import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startKioskProcess, type RunningKiosk } from '../e2e/kiosk-process.ts';
import { atMost, percentile, type Benchmark } from './report.ts';

// The touchscreen as a citizen meets it, in Debian's Chromium against a real kiosk process
// (`npm run build:ui` first): cold start to an interactive idle screen, the JavaScript it
// ships, event-to-paint of screen changes, and the heap after many sessions.

const COLD_STARTS = 8;
const SESSIONS = Number(process.env.CUPK_BENCH_SESSIONS ?? 1000);
const WARM_UP_SESSIONS = 100;

/** In the page: finds an element through the open shadow roots of the app. */
const IN_PAGE = `
  window.__deep = (sel) => {
    const walk = (root) => {
      const hit = root.querySelector(sel);
      if (hit) return hit;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const f = walk(el.shadowRoot); if (f) return f; }
      return null;
    };
    return walk(document);
  };
  window.__state = () => window.__deep('main')?.getAttribute('data-state') ?? null;
  /** Resolves after the frame that shows the change has been painted. */
  window.__painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  window.__idleAt = null;
  const watch = () => { if (window.__state() === 'idle' && window.__deep('[data-action="start"]')) { window.__painted().then(() => (window.__idleAt ??= performance.now())); } else requestAnimationFrame(watch); };
  requestAnimationFrame(watch);
`;

async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
}

/** Cold start: a fresh browser context (empty cache) to the idle screen, ready for a touch. */
async function coldStart(browser: Browser, url: string): Promise<{ ms: number; jsGzipBytes: number }> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const page = await context.newPage();
  await page.addInitScript(IN_PAGE);
  const scripts: Promise<number>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.push(r.body().then((b) => gzipSync(b, { level: 9 }).length, () => 0));
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __idleAt: number | null }).__idleAt !== null, null, { timeout: 30_000 });
  const ms = await page.evaluate(() => (window as unknown as { __idleAt: number }).__idleAt);
  const jsGzipBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
  await context.close();
  return { ms, jsGzipBytes };
}

/** Clicks a control and measures until the frame showing `state` is painted. */
async function changeTo(page: Page, action: string, state: string): Promise<number> {
  return page.evaluate(
    async ([a, s]) => {
      const w = window as unknown as { __deep: (q: string) => HTMLElement | null; __state: () => string | null; __painted: () => Promise<void> };
      const button = w.__deep(`[data-action="${a}"]`);
      if (!button) throw new Error(`no control ${a} on ${w.__state()}`);
      const t0 = performance.now();
      button.click();
      while (w.__state() !== s) {
        if (performance.now() - t0 > 10_000) throw new Error(`still ${w.__state()} 10 s after ${a}, not ${s}`);
        await new Promise((r) => requestAnimationFrame(r));
      }
      await w.__painted();
      return performance.now() - t0;
    },
    [action, state] as const,
  );
}

async function dev(kiosk: RunningKiosk, path: string, body: unknown = {}): Promise<void> {
  const r = await fetch(`${kiosk.url}/dev/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`dev ${path}: ${r.status} ${await r.text()}`);
}

const waitState = (page: Page, state: string) =>
  page.waitForFunction((s) => (window as unknown as { __state: () => string | null }).__state() === s, state, { timeout: 15_000 });

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

const bench: Benchmark = async (report) => {
  if (!existsSync('kiosk/ui/dist/index.html')) throw new Error('build the UI first: npm run build:ui');
  const kiosk = await startKioskProcess('BENCH-UI');
  const browser = await launch();
  let closing = false;
  try {
    const starts: number[] = [];
    let js = 0;
    for (let i = 0; i < COLD_STARTS; i++) {
      const s = await coldStart(browser, kiosk.url);
      starts.push(s.ms);
      js = s.jsGzipBytes;
    }
    const start = percentile(starts, 50);
    report({ name: `cold start to interactive idle screen, p50 of ${COLD_STARTS}`, value: Math.round(start), unit: 'ms', ...atMost(Math.round(start), 500, 'ms') });
    report({ name: 'JavaScript shipped to the kiosk screen (gzip)', value: Math.round(js / 1024), unit: 'KB', ...atMost(Math.round(js / 1024), 100, 'KB') });

    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    // A long run that breaks off should say why: a renderer crash, or the browser gone.
    page.on('crash', () => process.stderr.write('ui bench: the kiosk page crashed\n'));
    browser.on('disconnected', () => closing || process.stderr.write('ui bench: the browser went away\n'));
    await page.addInitScript(IN_PAGE);
    await page.goto(kiosk.url);
    await waitState(page, 'idle');
    const changes: Record<string, number[]> = { 'idle → insert card': [], 'insert card → idle': [], 'menu → booking code entry': [], 'code entry → menu': [], 'menu → notice code entry': [] };
    for (let i = 0; i < 20; i++) {
      changes['idle → insert card']!.push(await changeTo(page, 'start', 'waitingCard'));
      changes['insert card → idle']!.push(await changeTo(page, 'cancel', 'idle'));
    }
    await changeTo(page, 'start', 'waitingCard');
    await dev(kiosk, 'card/insert', { id: 'mario-rossi' });
    await waitState(page, 'menu');
    for (let i = 0; i < 20; i++) {
      changes['menu → booking code entry']!.push(await changeTo(page, 'pay-booking', 'enteringCode'));
      changes['code entry → menu']!.push(await changeTo(page, 'back', 'menu'));
      changes['menu → notice code entry']!.push(await changeTo(page, 'pay-notice', 'enteringNotice'));
      changes['code entry → menu']!.push(await changeTo(page, 'back', 'menu'));
    }
    for (const [name, sample] of Object.entries(changes)) {
      const p95 = Math.round(percentile(sample, 95) * 10) / 10;
      report({ name: `screen change ${name}, event to paint p95`, value: p95, unit: 'ms', ...atMost(p95, 50, 'ms') });
    }
    await dev(kiosk, 'card/remove');
    await waitState(page, 'idle');

    // Sessions as citizens make them: card in, menu, card out. The heap must come back.
    const session = async () => {
      await changeTo(page, 'start', 'waitingCard');
      await dev(kiosk, 'card/insert', { id: 'mario-rossi' });
      await waitState(page, 'menu');
      await changeTo(page, 'pay-booking', 'enteringCode');
      await dev(kiosk, 'card/remove');
      await waitState(page, 'idle');
    };
    // Warm-up first: the code V8 compiles as sessions get hot is heap too, and grows for the
    // first hundred or so sessions (heap snapshots show compiled code, not session data).
    for (let i = 0; i < WARM_UP_SESSIONS; i++) await session();
    const before = await heapUsed(page);
    const t0 = Date.now();
    for (let i = 0; i < SESSIONS; i++) {
      await session();
      if ((i + 1) % 100 === 0) process.stderr.write(`ui bench: ${i + 1} of ${SESSIONS} sessions\n`);
    }
    const after = await heapUsed(page);
    const growth = Math.round(((after - before) / before) * 1000) / 10;
    report({ name: `heap after ${SESSIONS} sessions vs after ${WARM_UP_SESSIONS} warm-up ones (${Math.round(before / 1024)} KB → ${Math.round(after / 1024)} KB)`, value: growth, unit: '%', ...atMost(growth, 10, '%') });
    report({ name: 'one session through the host (card in, menu, code entry, card out)', value: Math.round((Date.now() - t0) / SESSIONS), unit: 'ms' });
  } finally {
    closing = true;
    await browser.close();
    await kiosk.stop();
  }
};

export default bench;

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, Outbox, type Database } from '@cup-kiosk/sync-service/outbox';
import { trimOutboxDaily } from './outbox-retention.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1);
let dir: string;
let db: Database;
let outbox: Outbox;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-outbox-trim-'));
  db = await openDatabase(join(dir, 'terminal.sqlite'));
  outbox = await Outbox.open(db);
  for (const key of ['old', 'recent', 'pending']) await db.transaction((tx) => outbox.enqueue(tx, { kind: 'payment', key, payload: { key } }));
  await outbox.markAcked(['old'], new Date(T0 - 100 * DAY));
  await outbox.markAcked(['recent'], new Date(T0 - 65 * DAY));
});

afterEach(async () => {
  vi.useRealTimers();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const keys = async () => (await db.all<{ key: string }>('SELECT key FROM outbox ORDER BY seq')).map((r) => r.key);

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('trimming the outbox', () => {
  it('removes at start the items stored at the central over 90 days ago, then again each day', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let now = T0;
    const lines: string[] = [];
    const stop = trimOutboxDaily(outbox, (l) => lines.push(l), () => new Date(now));
    await until(() => lines.length === 1);
    expect(lines[0]).toBe('outbox: 1 item stored at the central over 90 days ago removed');
    expect(await keys()).toEqual(['recent', 'pending']);

    now = T0 + 30 * DAY;
    vi.advanceTimersByTime(DAY);
    await until(() => lines.length === 2);
    expect(await keys()).toEqual(['pending']);
    await stop();
    vi.advanceTimersByTime(DAY);
    expect(lines).toHaveLength(2);
  });

  it('says so when a removal fails, and goes on', async () => {
    const lines: string[] = [];
    await db.close();
    await trimOutboxDaily(outbox, (l) => lines.push(l))();
    expect(lines).toEqual([expect.stringMatching(/^outbox: removing old items failed: /)]);
    db = await openDatabase(join(dir, 'terminal.sqlite'));
  });
});

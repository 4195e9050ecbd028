/**
 * A region's fleet at once: a thousand enrolled terminals (CUPK_FLEET_TERMINALS for another
 * count), each with its own SQLite outbox and key, all sending their backlog to one central
 * (SQLite, the embedded default) at the same moment, then half of them sending again as if
 * their acknowledgement had been lost. At the end every item is stored exactly once, in each
 * terminal's own order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { SyncClient } from '../../../sync-service/client/index.ts';
import { seeded } from '../../seeded-random.ts';
import { campaignBookings } from '../crash/campaign.ts';
import { enrol, openTerminal, tempDir, type EnrolledTerminal, type TestTerminal } from './helpers.ts';

const TERMINALS = Number(process.env.CUPK_FLEET_TERMINALS ?? 1000);
const PAYMENTS_EACH = 3;

let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
const fleet: { terminal: TestTerminal; enrolled: EnrolledTerminal; keys: string[] }[] = [];

/** Runs `fn` over `items` with at most `width` at a time. */
async function inWaves<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

const clientOf = (t: (typeof fleet)[number]) =>
  new SyncClient({ outbox: t.terminal.outbox, centralUrl: central.url, terminalId: t.enrolled.terminalId, sign: t.enrolled.sign, batchSize: 2, requestTimeoutMs: 60_000 });

beforeAll(async () => {
  dir = tempDir('cupk-fleet-');
  const bookings = campaignBookings(TERMINALS * PAYMENTS_EACH, seeded(7));
  central = await startCentral({ dataDir: dir.path, seedBookings: bookings });
  const ids = Array.from({ length: TERMINALS }, (_, i) => `FLEET-${String(i).padStart(4, '0')}`);
  await inWaves(ids, 32, async (id) => {
    const n = ids.indexOf(id);
    const terminal = await openTerminal(dir.path, id);
    const enrolled = await enrol(central, id);
    const keys: string[] = [];
    for (let p = 0; p < PAYMENTS_EACH; p++) {
      const key = `${id}-p${p}`;
      await terminal.pay(key, bookings[n * PAYMENTS_EACH + p]!.code, 300 + p);
      keys.push(key);
    }
    fleet.push({ terminal, enrolled, keys });
  });
}, 600_000);

afterAll(async () => {
  await inWaves(fleet, 64, (t) => t.terminal.db.close());
  await central?.close();
  dir?.remove();
});

describe(`${TERMINALS} terminals syncing at once`, () => {
  it('stores every item once, in each terminal order, and a resend of everything changes nothing', async () => {
    // Every terminal sends at the same moment, in batches of two, so each makes two requests.
    const results = await Promise.allSettled(fleet.map((t) => clientOf(t).syncNow()));
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);

    // Half of the fleet lost its acknowledgements: the whole backlog goes again.
    const resent = fleet.filter((_, i) => i % 2 === 0);
    for (const t of resent) await t.terminal.db.run("UPDATE outbox SET status = 'pending', acked_at = NULL");
    const again = await Promise.allSettled(resent.map((t) => clientOf(t).syncNow()));
    expect(again.filter((r) => r.status === 'rejected')).toEqual([]);

    let stored = 0;
    for (const t of fleet) {
      const list = await central.store.listTransactions(t.enrolled.terminalId);
      expect(list.map((x) => x.key)).toEqual(t.keys);
      const seqs = list.map((x) => x.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      stored += list.length;
    }
    expect(stored).toBe(TERMINALS * PAYMENTS_EACH);
    for (const t of fleet) expect(await t.terminal.outbox.backlog()).toBe(0);
  }, 600_000);
});

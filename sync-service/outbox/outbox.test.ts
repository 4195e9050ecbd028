import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, Outbox } from './outbox.ts';
import { openDatabase, type Database } from './sqlite.ts';

let dir: string;
let db: Database;
let outbox: Outbox;
let clock = 0;
const now = () => new Date(Date.UTC(2026, 0, 1) + clock++ * 1000);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-outbox-'));
  db = await openDatabase(join(dir, 'terminal.db'));
  outbox = await Outbox.open(db, { now });
});

afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const enqueue = (key: string, payload: Record<string, unknown> = { key }) => db.transaction((tx) => outbox.enqueue(tx, { kind: 'payment', key, payload }));

describe('Outbox', () => {
  it('gives sequence numbers in commit order and lists pending oldest first', async () => {
    const a = await enqueue('a');
    const b = await enqueue('b');
    const c = await enqueue('c');
    expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 3]);
    expect((await outbox.pending(2)).map((i) => i.key)).toEqual(['a', 'b']);
    expect(await outbox.backlog()).toBe(3);
    expect((await outbox.pending())[0]).toMatchObject({ kind: 'payment', payload: { key: 'a' }, status: 'pending', ackedAt: null });
  });

  it('commits with the caller transaction, or not at all', async () => {
    await db.exec('CREATE TABLE payments (id TEXT PRIMARY KEY)');
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO payments (id) VALUES (?)', ['p1']);
        await outbox.enqueue(tx, { kind: 'payment', key: 'k1', payload: { id: 'p1' } });
        throw new Error('printer jammed before commit');
      }),
    ).rejects.toThrow();
    expect(await outbox.backlog()).toBe(0);
    expect(await db.all('SELECT * FROM payments')).toEqual([]);
  });

  it('is idempotent on a replayed key and refuses a key reused for something else', async () => {
    const first = await enqueue('k', { amount: 1 });
    const again = await enqueue('k', { amount: 1 });
    expect(again.seq).toBe(first.seq);
    expect(await outbox.backlog()).toBe(1);
    await expect(enqueue('k', { amount: 2 })).rejects.toMatchObject({ code: 'OUTBOX_KEY_REUSED' });
    await expect(enqueue('')).rejects.toMatchObject({ code: 'OUTBOX_KEY_INVALID' });
  });

  it('refuses payloads the central could never accept, so they cannot block the queue', async () => {
    await expect(db.transaction((tx) => outbox.enqueue(tx, { kind: 'payment', key: 'arr', payload: [1] as unknown as Record<string, unknown> }))).rejects.toMatchObject({ code: 'OUTBOX_PAYLOAD_INVALID' });
    await expect(enqueue('huge', { note: 'x'.repeat(MAX_PAYLOAD_BYTES) })).rejects.toMatchObject({ code: 'OUTBOX_PAYLOAD_INVALID' });
    expect(await outbox.backlog()).toBe(0);
  });

  it('settles acked and conflicting items, keeping the last ack time', async () => {
    await enqueue('a');
    await enqueue('b');
    await enqueue('c');
    expect(await outbox.lastAckAt()).toBeNull();
    const at = new Date('2026-02-01T10:00:00.000Z');
    expect(await outbox.markAcked(['a', 'unknown'], at)).toBe(1);
    expect(await outbox.markAcked(['a'], at)).toBe(0);
    expect(await outbox.markConflict('b', 'BOOKING_ALREADY_PAID', new Date('2026-02-01T10:00:01.000Z'))).toBe(true);
    expect((await outbox.pending()).map((i) => i.key)).toEqual(['c']);
    expect(await outbox.backlog()).toBe(1);
    expect(await outbox.lastAckAt()).toBe('2026-02-01T10:00:01.000Z');
    expect(await outbox.conflicts()).toMatchObject([{ key: 'b', status: 'conflict', conflictReason: 'BOOKING_ALREADY_PAID' }]);
    expect(await outbox.get('a')).toMatchObject({ status: 'acked', ackedAt: at.toISOString() });
  });

  it('prunes items acked before a time, in batches, keeping pending items, conflicts and the sequence', async () => {
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f']) await enqueue(k);
    await outbox.markAcked(['a', 'b', 'c'], new Date('2026-01-01T00:00:00.000Z'));
    await outbox.markAcked(['d'], new Date('2026-03-01T00:00:00.000Z'));
    await outbox.markConflict('e', 'SLOT_TAKEN', new Date('2026-01-01T00:00:00.000Z'));
    expect(await outbox.prune(new Date('2026-02-01T00:00:00.000Z'), 2)).toBe(3);
    const left = await db.all<{ key: string; status: string }>('SELECT key, status FROM outbox ORDER BY seq');
    expect(left).toEqual([
      { key: 'd', status: 'acked' },
      { key: 'e', status: 'conflict' },
      { key: 'f', status: 'pending' },
    ]);
    expect(await outbox.prune(new Date('2026-02-01T00:00:00.000Z'))).toBe(0);
    await outbox.markAcked(['f']);
    expect(await outbox.prune(new Date('2099-01-01T00:00:00.000Z'))).toBe(2);
    // Every row gone but the conflict: a new item still gets a seq never used.
    expect((await enqueue('g')).seq).toBe(7);
  });

  it('keeps pending items and sequence numbers across a reopen', async () => {
    await enqueue('a');
    await outbox.markAcked(['a']);
    await db.close();
    db = await openDatabase(join(dir, 'terminal.db'));
    outbox = await Outbox.open(db, { now });
    const b = await enqueue('b');
    expect(b.seq).toBe(2);
    expect((await outbox.pending()).map((i) => i.key)).toEqual(['b']);
  });
});

/**
 * `cupk sync status` and `cupk sync now` on a terminal: what its outbox still owes the central,
 * and one push of it with the terminal's own key. They work on the kiosk host's data folder
 * (`terminal.sqlite`, `terminal-key.json`), and may run beside the host: the central stores each
 * key once whoever sends it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { heldSnapshots, SnapshotBook, SyncClient, terminalSigner, type TerminalKeyPair } from '@cup-kiosk/sync-service/client';
import { CupError } from '@cup-kiosk/sync-service/domain';
import { openDatabase, Outbox, type Database } from '@cup-kiosk/sync-service/outbox';
import { requiredOption, stringOption, type Command, type Values } from '../command.ts';

/** The kiosk host's defaults (kiosk/host/kiosk.ts). */
const DEFAULT_DATA_DIR = 'data';
export const DEFAULT_TERMINAL_ID = 'KIOSK-01';
const DB_FILE = 'terminal.sqlite';
const KEY_FILE = 'terminal-key.json';

export async function withOutbox<T>(values: Values, fn: (outbox: Outbox, dataDir: string, db: Database) => Promise<T>): Promise<T> {
  const dataDir = stringOption(values, 'data') ?? DEFAULT_DATA_DIR;
  const file = join(dataDir, DB_FILE);
  // Opening would create an empty database and report a clean outbox that is not this terminal's.
  if (!existsSync(file)) throw new CupError('TERMINAL_DATA_MISSING', `no terminal database at ${file}; pass --data`, { file });
  const db = await openDatabase(file);
  try {
    return await fn(await Outbox.open(db), dataDir, db);
  } finally {
    await db.close();
  }
}

export const syncStatus: Command = {
  path: ['sync', 'status'],
  usage: 'cupk sync status [--data DIR] [--json]',
  summary: "the terminal's outbox: backlog, last acknowledgement, lag, conflicts; snapshot versions and ages",
  options: { data: { type: 'string' } },
  async run(_p, values) {
    return withOutbox(values, async (outbox, _dir, db) => {
      const [backlog, lastAckAt, oldestPendingAt, conflicts, held] = await Promise.all([outbox.backlog(), outbox.lastAckAt(), outbox.oldestPendingAt(), outbox.conflictCount(), heldSnapshots(db)]);
      // Lag is how long the oldest unsent transaction has waited; none waiting, no lag.
      const lagSeconds = oldestPendingAt ? Math.max(0, Math.round((Date.now() - Date.parse(oldestPendingAt)) / 1000)) : 0;
      // The catalogue, agenda and configuration held for offline work: version and age of each.
      // The epoch names the central database the versions were counted on (null: a central before epochs).
      const snapshots = Object.fromEntries(held.map((h) => [h.kind, { version: h.version, epoch: h.epoch, receivedAt: h.receivedAt, ageSeconds: h.ageSeconds, items: h.items }]));
      return { backlog, lastAckAt, lagSeconds, oldestPendingAt, conflicts, snapshots };
    });
  },
};

export const syncNow: Command = {
  path: ['sync', 'now'],
  usage: 'cupk sync now --central URL [--data DIR] [--terminal ID] [--json]',
  summary: "send the terminal's backlog to the central once and pull its snapshots, signed with the terminal's key",
  options: { data: { type: 'string' }, central: { type: 'string' }, terminal: { type: 'string' } },
  async run(_p, values) {
    const centralUrl = requiredOption(values, 'central');
    const terminalId = stringOption(values, 'terminal') ?? DEFAULT_TERMINAL_ID;
    return withOutbox(values, async (outbox, dataDir, db) => {
      const keyFile = join(dataDir, KEY_FILE);
      // Never make a key here: a new key is not enrolled, and would replace nothing useful.
      const key = await readFile(keyFile, 'utf8').then((t) => JSON.parse(t) as TerminalKeyPair).catch(() => {
        throw new CupError('TERMINAL_KEY_MISSING', `no terminal key at ${keyFile}; the terminal must be enrolled first`, { file: keyFile });
      });
      const client = new SyncClient({ outbox, centralUrl, terminalId, sign: terminalSigner({ terminalId, privateKey: key.privateKey }) });
      // CentralError (CENTRAL_UNREACHABLE, CENTRAL_REJECTED, ...) is a typed error: exit 1 with its code.
      const result = await client.syncNow();
      const sent = { sent: result.sent, acked: result.acked, conflicts: result.conflicts.length, backlog: await outbox.backlog() };
      // The items went: a snapshot pull failing afterwards is reported beside them, not as the command's failure.
      const pulled = await (await SnapshotBook.open(db, { logger: { info: () => undefined, warn: () => undefined } })).refresh(client).catch((e: unknown) => e as Error & { code?: string });
      if (pulled instanceof Error) return { ...sent, snapshots: {}, snapshotError: { code: pulled.code ?? 'SNAPSHOT_FAILED', message: pulled.message } };
      return { ...sent, snapshots: Object.fromEntries(pulled.map((r) => [r.kind, { version: r.version, full: r.full, changed: r.changed, removed: r.removed }])) };
    });
  },
};

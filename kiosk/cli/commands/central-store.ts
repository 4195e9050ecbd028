import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PgCentralStore, SqliteCentralStore, type CentralStore } from '@cup-kiosk/sync-service/central';
import { CupError } from '@cup-kiosk/sync-service/domain';
import { stringOption, UsageError, type Values } from '../command.ts';

/**
 * The central's database as the commands name it: its SQLite folder (`--data`, default the
 * folder the kiosk host keeps its embedded central in) or its PostgreSQL URL (`--pg`).
 */
export const CENTRAL_STORE_OPTIONS = { data: { type: 'string' }, pg: { type: 'string' } } as const;

/** Where the kiosk host keeps its embedded central with the default data folder. */
export const DEFAULT_CENTRAL_DIR = join('data', 'central');
const DB_FILE = 'central.db';

/** Which database `--data DIR | --pg URL` names; both, or a URL that is not postgres://, is wrong usage. */
export function centralStoreChoice(values: Values): { pg: string } | { dataDir: string } {
  const pg = stringOption(values, 'pg');
  if (pg !== undefined && stringOption(values, 'data') !== undefined) throw new UsageError('--data and --pg are two stores; give one');
  if (pg !== undefined && !/^postgres(ql)?:\/\//.test(pg)) throw new UsageError('--pg takes a postgres://user@host:port/database URL');
  return pg !== undefined ? { pg } : { dataDir: stringOption(values, 'data') ?? DEFAULT_CENTRAL_DIR };
}

/**
 * Opens the central's existing database for a command that works straight on it, on the
 * central's machine (enrolment codes, staff accounts, the snapshot epoch), and closes it after.
 * Never makes an empty central by mistake: a missing SQLite file is CENTRAL_DATA_MISSING.
 */
export async function withCentralStore<T>(values: Values, fn: (store: CentralStore) => Promise<T>): Promise<T> {
  const choice = centralStoreChoice(values);
  let store: CentralStore;
  if ('pg' in choice) {
    store = await PgCentralStore.open(choice.pg);
  } else {
    const file = join(choice.dataDir, DB_FILE);
    if (!existsSync(file)) throw new CupError('CENTRAL_DATA_MISSING', `no central database at ${file}; start the central once or pass --data`, { file });
    store = await SqliteCentralStore.open(file);
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

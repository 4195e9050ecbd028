import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PgCentralStore, SqliteCentralStore, type CentralStore } from '@cup-kiosk/sync-service/central';
import { CupError } from '@cup-kiosk/sync-service/domain';
import { stringOption, UsageError, type Values } from '../command.ts';

/**
 * The central's database for the commands that work straight on it, on the central's machine
 * (staff accounts, the snapshot epoch): its SQLite folder (`--data`, default data/central) or
 * its PostgreSQL URL (`--pg`).
 */
export const CENTRAL_STORE_OPTIONS = { data: { type: 'string' }, pg: { type: 'string' } } as const;

const DEFAULT_CENTRAL_DIR = join('data', 'central');

export async function withCentralStore<T>(values: Values, fn: (store: CentralStore) => Promise<T>): Promise<T> {
  const pg = stringOption(values, 'pg');
  if (pg !== undefined && stringOption(values, 'data') !== undefined) throw new UsageError('--data and --pg are two stores; give one');
  let store: CentralStore;
  if (pg !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(pg)) throw new UsageError('--pg takes a postgres://user@host:port/database URL');
    store = await PgCentralStore.open(pg);
  } else {
    const file = join(stringOption(values, 'data') ?? DEFAULT_CENTRAL_DIR, 'central.db');
    if (!existsSync(file)) throw new CupError('CENTRAL_DATA_MISSING', `no central database at ${file}; start the central once or pass --data`, { file });
    store = await SqliteCentralStore.open(file);
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

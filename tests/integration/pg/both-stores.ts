import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { PgCentralStore, SqliteCentralStore, type CentralStore } from '../../../sync-service/central/index.ts';
import { tempDir } from '../sync/helpers.ts';
import { startPgServer, type PgServer } from './pg-server.ts';

export interface OpenedStore {
  store: CentralStore;
  cleanup(): Promise<void>;
}

/**
 * The central's two stores for a contract test, each opened fresh per test: a SQLite file, and
 * a database of its own on a private PostgreSQL started for the calling file.
 */
export function bothStores(prefix: string): [string, () => Promise<OpenedStore>][] {
  let pgServer: PgServer | undefined;
  beforeAll(async () => {
    pgServer = await startPgServer();
  });
  afterAll(async () => {
    await pgServer?.stop();
  });
  return [
    [
      'SQLite',
      async () => {
        const dir = tempDir(prefix);
        const store = await SqliteCentralStore.open(join(dir.path, 'central.db'));
        return { store, cleanup: async () => (await store.close(), dir.remove()) };
      },
    ],
    [
      'PostgreSQL',
      async () => {
        if (!pgServer) throw new Error('PostgreSQL did not start');
        const store = await PgCentralStore.open(await pgServer.createDatabase());
        return { store, cleanup: () => store.close() };
      },
    ],
  ];
}

import sqlite3 from 'sqlite3';

/**
 * Runs each of `queries` on a SQLite file, read-only and in one read transaction, so a host
 * writing meanwhile cannot show an audit half of a commit. A table not there yet reads as empty.
 */
export function readSqlite<Q extends Record<string, string>>(file: string, queries: Q): Promise<{ [K in keyof Q]: unknown[] }> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (e) => {
      if (e) return reject(e);
      db.configure('busyTimeout', 5000);
      const out = {} as Record<string, unknown[]>;
      const keys = Object.keys(queries);
      const finish = (err: Error | null): void => {
        db.run('COMMIT', () => db.close(() => (err ? reject(err) : resolve(out as { [K in keyof Q]: unknown[] }))));
      };
      const next = (i: number): void => {
        if (i === keys.length) return finish(null);
        db.all(queries[keys[i]!]!, (err, rows) => {
          if (err && !/no such table/.test(err.message)) return finish(err);
          out[keys[i]!] = err ? [] : rows;
          next(i + 1);
        });
      };
      db.run('BEGIN', (err) => (err ? db.close(() => reject(err)) : next(0)));
    });
  });
}

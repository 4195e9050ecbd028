import { AsyncLocalStorage } from 'node:async_hooks';
import sqlite3 from 'sqlite3';
import { CupError } from '../domain/errors.ts';

export type SqlValue = string | number | bigint | Buffer | null;
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;
export interface RunResult {
  /** Rows changed by the statement. */
  changes: number;
  /** Rowid of the last inserted row on this connection. */
  lastID: number;
}

/** What both a connection and a transaction handle can do. */
export interface Queryable {
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  get<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  /** Runs several `;`-separated statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * The handle given to a `transaction` callback. Every statement of the transaction must go
 * through it: the connection itself is held by the transaction until it commits or rolls back.
 * Using it after the callback has settled throws `DB_TRANSACTION_CLOSED`.
 */
export type Transaction = Queryable;

export interface OpenOptions {
  /** Milliseconds a statement waits for another process's lock before SQLITE_BUSY. Default 5000. */
  busyTimeoutMs?: number;
}

export type TransactionMode = 'DEFERRED' | 'IMMEDIATE' | 'EXCLUSIVE';

/**
 * One sqlite3 connection with promises and a queue. sqlite3 is asynchronous, so two callers
 * that each send BEGIN on one connection would interleave their statements into one
 * transaction; here every transaction, and every statement outside one, waits its turn.
 */
/**
 * The connections whose transaction callback the running code is inside, to catch calls that
 * would deadlock. One storage for every connection: Node pays for each enabled storage on every
 * promise it creates, so one per connection made a process with many databases slow down.
 */
const insideTransactionOf = new AsyncLocalStorage<ReadonlySet<Database>>();

export class Database implements Queryable {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly raw: sqlite3.Database,
    readonly file: string,
  ) {}

  run(sql: string, params: SqlParams = []): Promise<RunResult> {
    return this.queued(() => rawRun(this.raw, sql, params));
  }

  get<T = Record<string, unknown>>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return this.queued(() => rawGet<T>(this.raw, sql, params));
  }

  all<T = Record<string, unknown>>(sql: string, params: SqlParams = []): Promise<T[]> {
    return this.queued(() => rawAll<T>(this.raw, sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.queued(() => rawExec(this.raw, sql));
  }

  /**
   * Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws (and the
   * error is rethrown). IMMEDIATE by default so the write lock is taken at BEGIN and a
   * concurrent writer in another process waits (busy_timeout) instead of failing mid-way.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>, mode: TransactionMode = 'IMMEDIATE'): Promise<T> {
    return this.queued(async () => {
      let open = true;
      const guard = <R>(op: () => Promise<R>): Promise<R> => {
        if (!open) return Promise.reject(new CupError('DB_TRANSACTION_CLOSED', 'transaction handle used after its transaction ended'));
        return op();
      };
      const tx: Transaction = {
        run: (sql, params = []) => guard(() => rawRun(this.raw, sql, params)),
        get: <R>(sql: string, params: SqlParams = []) => guard(() => rawGet<R>(this.raw, sql, params)),
        all: <R>(sql: string, params: SqlParams = []) => guard(() => rawAll<R>(this.raw, sql, params)),
        exec: (sql) => guard(() => rawExec(this.raw, sql)),
      };
      await rawExec(this.raw, `BEGIN ${mode}`);
      try {
        const inside = new Set(insideTransactionOf.getStore() ?? []).add(this);
        const result = await insideTransactionOf.run(inside, () => fn(tx));
        open = false;
        await rawExec(this.raw, 'COMMIT');
        return result;
      } catch (e) {
        open = false;
        // SQLite may already have rolled back by itself (SQLITE_FULL, IOERR); the first
        // error is the one worth reporting, so a failing ROLLBACK is ignored.
        await rawExec(this.raw, 'ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  /** Waits for queued work, then closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail.catch(() => undefined);
    await new Promise<void>((resolve, reject) => this.raw.close((err) => (err ? reject(err) : resolve())));
  }

  private queued<T>(op: () => Promise<T>): Promise<T> {
    if (insideTransactionOf.getStore()?.has(this)) {
      return Promise.reject(new CupError('DB_NESTED_CALL', 'use the transaction handle inside a transaction; the connection is held by it'));
    }
    if (this.closed) return Promise.reject(new CupError('DB_CLOSED', `database ${this.file} is closed`));
    const next = this.tail.then(op, op);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/**
 * Opens (creating if needed) a SQLite file for durable use: WAL so readers do not block the
 * writer, synchronous=FULL so a COMMIT that returned survives a power cut, foreign keys on.
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Database> {
  const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
    const db: sqlite3.Database = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(db)));
  });
  const busy = options.busyTimeoutMs ?? 5000;
  try {
    await rawExec(raw, `PRAGMA busy_timeout = ${Math.max(0, Math.floor(busy))}`);
    const mode = await rawGet<{ journal_mode: string }>(raw, 'PRAGMA journal_mode = WAL', []);
    // ':memory:' databases cannot use WAL and answer 'memory'; files must get it.
    if (file !== ':memory:' && mode?.journal_mode.toLowerCase() !== 'wal') {
      throw new CupError('DB_WAL_UNAVAILABLE', `could not put ${file} in WAL mode`, { mode: mode?.journal_mode });
    }
    await rawExec(raw, 'PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
  } catch (e) {
    await new Promise<void>((resolve) => raw.close(() => resolve()));
    throw e;
  }
  return new Database(raw, file);
}

function rawRun(db: sqlite3.Database, sql: string, params: SqlParams): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    db.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
      if (err) reject(err);
      else resolve({ changes: this.changes, lastID: this.lastID });
    });
  });
}

function rawGet<T>(db: sqlite3.Database, sql: string, params: SqlParams): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    db.get(sql, params, (err: Error | null, row: T | undefined) => (err ? reject(err) : resolve(row)));
  });
}

function rawAll<T>(db: sqlite3.Database, sql: string, params: SqlParams): Promise<T[]> {
  return new Promise((resolve, reject) => {
    db.all(sql, params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
  });
}

function rawExec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
}

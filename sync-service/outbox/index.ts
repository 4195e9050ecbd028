export { Database, openDatabase } from './sqlite.ts';
export type { OpenOptions, Queryable, RunResult, SqlParams, SqlValue, Transaction, TransactionMode } from './sqlite.ts';
export { migrate, schemaVersion } from './migrate.ts';
export type { Migration, MigrateOptions } from './migrate.ts';
export { MAX_PAYLOAD_BYTES, Outbox, OUTBOX_MIGRATIONS, OUTBOX_RETENTION_DAYS } from './outbox.ts';
export type { OutboxEntry, OutboxItem, OutboxKind, OutboxOptions, OutboxStatus } from './outbox.ts';

import { createHash } from 'node:crypto';

/**
 * Ingest reads up to a batch's worth of rows by key. Written as `key = ANY($1)`, the plan is
 * left to the table's statistics, and on a table that has grown since it was last analysed (a
 * central's first hours, a benchmark's run) 500 keys looked cheaper as a scan of every row:
 * each batch then read all the rows stored before it. A LATERAL subquery with LIMIT cannot be
 * merged into a join, so here each key is one index probe whatever the statistics say.
 */
export interface KeyLookup {
  /** Columns of `table` to answer, as in a select list. */
  columns: string;
  table: string;
  /** A unique key (alone, or with `where`): one row at most per key, unless `orderBy` says which. */
  key: string;
  /** `text` or `bigint`: the type of the array parameter. */
  keyType: 'text' | 'bigint';
  /** Which parameter holds the keys; default 1. */
  param?: number;
  /** More conditions on the row, with parameters other than the keys'. */
  where?: string;
  /** Where several rows match a key: the first in this order is answered. */
  orderBy?: string;
  /** Lock each row found until commit; keys are taken in sorted order, so two batches queue, not deadlock. */
  forUpdate?: boolean;
}

export function keyLookupSql(l: KeyLookup): string {
  return lookupFrom(`SELECT DISTINCT k FROM unnest($${l.param ?? 1}::${l.keyType}[]) AS u(k) ORDER BY k`, l);
}

/** The same lookup for keys given by a query answering a column `k`, in the order it gives them. */
export function lookupFrom(keys: string, l: Omit<KeyLookup, 'keyType' | 'param'>): string {
  return `SELECT found.* FROM (${keys}) AS keys
    CROSS JOIN LATERAL (SELECT ${l.columns} FROM ${l.table} WHERE ${l.key} = keys.k${l.where ? ` AND ${l.where}` : ''}${l.orderBy ? ` ORDER BY ${l.orderBy}` : ''} LIMIT 1${l.forUpdate ? ' FOR UPDATE' : ''}) AS found`;
}

/**
 * A statement prepared once per connection (named after its text), so ingest's few statements,
 * sent for every batch, are parsed and planned once rather than on each call.
 */
export function prepared(text: string): { name: string; text: string } {
  return { name: `cupk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text };
}

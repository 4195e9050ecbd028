/** Placeholder text for set-based statements on SQLite, shared by the central's SQLite files. */

/**
 * Rows per statement: the widest insert (payments, 13 columns) stays well under SQLite's
 * parameter limit (32,766), and a whole sync batch (MAX_BATCH_ITEMS) fits in one chunk.
 */
const CHUNK = 500;

export function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

/** `?,?,?` for an IN list. */
export const marks = (values: readonly unknown[]): string => values.map(() => '?').join(',');

/** `(?,?),(?,?)` for a multi-row VALUES of `count` rows of `width` columns. */
export function valueRows(count: number, width: number): string {
  const row = `(${Array.from({ length: width }, () => '?').join(',')})`;
  return Array.from({ length: count }, () => row).join(',');
}

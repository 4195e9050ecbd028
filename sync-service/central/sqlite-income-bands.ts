import type { Queryable } from '../outbox/sqlite.ts';
import { IncomeBandPayloadSchema, type IncomeBandPayload } from '../protocol/index.ts';
import type { IncomeBandNumber } from '../domain/types.ts';
import type { IncomeBandRecord } from './store.ts';
import { chunks, marks, valueRows } from './sqlite-sql.ts';

/** The income_bands table's statements, shared by the store and the migration that fills it. */

interface IncomeBandRow {
  declaration_id: string;
  transaction_key: string;
  tax_code: string;
  band: IncomeBandNumber;
  declared_on: string;
  declared_at: string;
  terminal_id: string;
  statement: string;
}

export async function insertIncomeBand(q: Queryable, d: IncomeBandPayload, transactionKey: string): Promise<void> {
  await q.run(
    `INSERT INTO income_bands (declaration_id, transaction_key, tax_code, band, declared_on, declared_at, terminal_id, statement)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    // UTC text sorts in time order; instants written with other offsets would not.
    [d.declarationId, transactionKey, d.taxCode, d.band, d.declaredOn, new Date(d.declaredAt).toISOString(), d.terminalId, d.statement],
  );
}

/** Several declarations in one statement per chunk (ingest's batches). */
export async function insertIncomeBands(q: Queryable, declarations: readonly { declaration: IncomeBandPayload; transactionKey: string }[]): Promise<void> {
  for (const chunk of chunks(declarations)) {
    await q.run(
      `INSERT INTO income_bands (declaration_id, transaction_key, tax_code, band, declared_on, declared_at, terminal_id, statement) VALUES ${valueRows(chunk.length, 8)}`,
      chunk.flatMap(({ declaration: d, transactionKey }) => [d.declarationId, transactionKey, d.taxCode, d.band, d.declaredOn, new Date(d.declaredAt).toISOString(), d.terminalId, d.statement]),
    );
  }
}

/** Which of these declaration ids are held. */
export async function existingIncomeBands(q: Queryable, declarationIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunks(declarationIds)) {
    const rows = await q.all<{ declaration_id: string }>(`SELECT declaration_id FROM income_bands WHERE declaration_id IN (${marks(chunk)})`, chunk);
    for (const row of rows) found.add(row.declaration_id);
  }
  return found;
}

export async function findIncomeBand(q: Queryable, declarationId: string): Promise<{ declarationId: string; transactionKey: string } | undefined> {
  const row = await q.get<{ declaration_id: string; transaction_key: string }>('SELECT declaration_id, transaction_key FROM income_bands WHERE declaration_id = ?', [declarationId]);
  return row && { declarationId: row.declaration_id, transactionKey: row.transaction_key };
}

export async function incomeBandOn(q: Queryable, taxCode: string, date: string): Promise<IncomeBandRecord | undefined> {
  // rowid last: of two declarations with the same instant, the one that reached the centre later.
  const row = await q.get<IncomeBandRow>('SELECT * FROM income_bands WHERE tax_code = ? AND declared_on <= ? ORDER BY declared_on DESC, declared_at DESC, rowid DESC LIMIT 1', [taxCode, date]);
  return (
    row && {
      declarationId: row.declaration_id,
      taxCode: row.tax_code,
      band: row.band,
      declaredOn: row.declared_on,
      declaredAt: row.declared_at,
      terminalId: row.terminal_id,
      statement: row.statement,
      transactionKey: row.transaction_key,
    }
  );
}

/**
 * Declarations stored before the central processed them (kept as 'stored' items with no effect)
 * get their row now, under the same checks ingest applies today. Items that would fail those
 * checks stay as they were: their terminal was told 'stored' long ago, so there is nothing to
 * answer, and the rows remain in `transactions` for the desk.
 */
export async function backfillIncomeBands(q: Queryable): Promise<void> {
  const items = await q.all<{ key: string; terminal_id: string; payload: string }>(
    "SELECT key, terminal_id, payload FROM transactions WHERE kind = 'income-band' AND status = 'stored' ORDER BY received_at, rowid",
  );
  for (const item of items) {
    let payload: unknown;
    try {
      payload = JSON.parse(item.payload);
    } catch {
      continue;
    }
    const parsed = IncomeBandPayloadSchema.safeParse(payload);
    if (!parsed.success || parsed.data.terminalId !== item.terminal_id) continue;
    if (await findIncomeBand(q, parsed.data.declarationId)) continue;
    await insertIncomeBand(q, parsed.data, item.key);
  }
}

import { migrate, type Database, type Migration, type Outbox } from '@cup-kiosk/sync-service/outbox';
import type { IncomeBandPayload } from '@cup-kiosk/sync-service/protocol';
import type { IncomeBandNumber } from '../bridge/income-band-form.ts';
import type { DeclaredIncomeBand } from './ports.ts';

export const INCOME_BAND_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'income band declarations',
    // declared_at is UTC ISO text, so it sorts in time order as the central's does.
    up: `
      CREATE TABLE income_band_declarations (
        declaration_id TEXT PRIMARY KEY,
        tax_code TEXT NOT NULL,
        band INTEGER NOT NULL CHECK (band BETWEEN 1 AND 4),
        declared_on TEXT NOT NULL,
        declared_at TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        statement TEXT NOT NULL
      );
      CREATE INDEX income_band_declarations_citizen ON income_band_declarations (tax_code, declared_on, declared_at);
    `,
  },
];

interface Row {
  band: IncomeBandNumber;
  declared_on: string;
  declared_at: string;
}

/** The outbox key of a declaration: one item per declaration, whatever replays it. */
export const incomeBandOutboxKey = (declarationId: string): string => `income-band:${declarationId}`;

/**
 * The self-certified income bands taken at this terminal, in its SQLite file beside the outbox.
 * They are kept after the sync too: offline, the terminal still quotes with the band it took.
 */
export class IncomeBandStore {
  private constructor(
    readonly db: Database,
    private readonly outbox: Outbox,
  ) {}

  static async open(db: Database, outbox: Outbox): Promise<IncomeBandStore> {
    await migrate(db, INCOME_BAND_MIGRATIONS, { scope: 'income-bands' });
    return new IncomeBandStore(db, outbox);
  }

  /** Records a declaration and its outbox item in one transaction: both are on disk, or neither. */
  async record(d: IncomeBandPayload): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO income_band_declarations (declaration_id, tax_code, band, declared_on, declared_at, terminal_id, statement) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [d.declarationId, d.taxCode, d.band, d.declaredOn, new Date(d.declaredAt).toISOString(), d.terminalId, d.statement],
      );
      await this.outbox.enqueue(tx, { kind: 'income-band', key: incomeBandOutboxKey(d.declarationId), payload: d });
    });
  }

  /** The citizen's newest declaration taken here in force on `date`: latest date, latest instant on a tie. */
  async newestOn(taxCode: string, date: string): Promise<DeclaredIncomeBand | null> {
    const row = await this.db.get<Row>(
      `SELECT band, declared_on, declared_at FROM income_band_declarations
       WHERE tax_code = ? AND declared_on <= ? ORDER BY declared_on DESC, declared_at DESC, rowid DESC LIMIT 1`,
      [taxCode, date],
    );
    return row ? { band: row.band, declaredOn: row.declared_on, declaredAt: row.declared_at } : null;
  }
}

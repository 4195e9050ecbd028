import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CupError } from '@cup-kiosk/sync-service/domain';
import { openTerminalDb, type TerminalDb } from '../../host/terminal-db.ts';
import { stringOption, type Values } from '../command.ts';

/** The options of a command that works on a terminal's own data folder. */
export const dataOption = { data: { type: 'string' as const }, 'terminal-id': { type: 'string' as const } };

/** Opens the terminal's SQLite of `--data` (default `data`), the one the running host uses too. */
export async function withTerminalDb<T>(values: Values, fn: (t: TerminalDb) => Promise<T>): Promise<T> {
  const file = join(stringOption(values, 'data') ?? 'data', 'terminal.sqlite');
  if (!existsSync(file)) throw new CupError('TERMINAL_DATA_MISSING', `no terminal database at ${file}`);
  const t = await openTerminalDb(file, stringOption(values, 'terminal-id') ?? 'KIOSK-01');
  try {
    return await fn(t);
  } finally {
    await t.db.close();
  }
}

import { parseTaxCode } from '@cup-kiosk/sync-service/domain';
import type { Command } from '../command.ts';

export const cfCheck: Command = {
  path: ['cf', 'check'],
  usage: 'cupk cf check <codice-fiscale> [--json]',
  summary: 'validate a codice fiscale: check character, date, omocodia',
  positionals: { min: 1, max: 1 },
  async run([code]) {
    const info = parseTaxCode(code!);
    return { valid: true, ...info };
  },
};

/**
 * `cupk rules publish FILE`: a region's rule set sent to the central, which checks it again and
 * distributes it to the terminals. Check it first with `cupk rules check FILE`.
 */
import { readFile } from 'node:fs/promises';
import { publishRuleSet } from '@cup-kiosk/sync-service/client';
import { CupError } from '@cup-kiosk/sync-service/domain';
import { requiredOption, stringOption, UsageError, type Command } from '../command.ts';
import { ADMIN_TOKEN_ENV } from './central.ts';

export const rulesPublish: Command = {
  path: ['rules', 'publish'],
  usage: 'cupk rules publish FILE --central URL --token T [--json]',
  summary: `publish a rule set at the central (token also from $${ADMIN_TOKEN_ENV})`,
  options: { central: { type: 'string' }, token: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run([file], values) {
    const centralUrl = requiredOption(values, 'central');
    const token = stringOption(values, 'token') ?? process.env[ADMIN_TOKEN_ENV];
    if (!token) throw new UsageError('--token is required');
    const text = await readFile(file!, 'utf8').catch(() => {
      throw new CupError('RULES_UNREADABLE', `cannot read ${file}`);
    });
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw new CupError('RULES_INVALID', `${file} is not valid JSON`, { problems: ['$: not JSON'] });
    }
    // RULES_INVALID (its message lists every problem), RULES_VERSION_EXISTS, ADMIN_AUTH_INVALID,
    // ADMIN_DISABLED and CENTRAL_UNREACHABLE come from the client as they are.
    return publishRuleSet({ centralUrl, token, document });
  },
};

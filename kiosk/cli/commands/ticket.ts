import { readFile } from 'node:fs/promises';
import {
  CupError,
  DEMO_RULE_SETS,
  parseQuoteRequest,
  quoteTicket,
  ruleSetInForce,
  todayInRome,
  validateRuleSet,
} from '@cup-kiosk/sync-service/domain';
import { stringOption, type Command } from '../command.ts';

async function readJsonInput(text: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    throw new CupError('BAD_REQUEST', `${what} is not valid JSON`);
  }
}

export const ticketQuote: Command = {
  path: ['ticket', 'quote'],
  usage: 'cupk ticket quote [--request FILE] [--json]  (request on stdin)',
  summary: 'quote the ticket of a request with the demo rule set',
  options: { request: { type: 'string' } },
  async run(_p, values, io) {
    const file = stringOption(values, 'request');
    const text = file ? await readFile(file, 'utf8').catch(() => { throw new CupError('BAD_REQUEST', `cannot read ${file}`); }) : await io.readStdin();
    const request = parseQuoteRequest(await readJsonInput(text, 'the request'));
    // No catalogue: a request may carry codes of any region's catalogue, so the branch rules
    // (one branch; 12 physiotherapy sessions) are left to the booking flow, which knows them.
    return quoteTicket(request, DEMO_RULE_SETS);
  },
};

export const rulesCheck: Command = {
  path: ['rules', 'check'],
  usage: 'cupk rules check FILE [--json]',
  summary: 'validate a rule set document, listing every problem with its JSON path',
  positionals: { min: 1, max: 1 },
  async run([file]) {
    const text = await readFile(file!, 'utf8').catch(() => {
      throw new CupError('RULES_UNREADABLE', `cannot read ${file}`);
    });
    const result = validateRuleSet(await readJsonInput(text, file!).catch(() => { throw new CupError('RULES_INVALID', `${file} is not valid JSON`, { problems: ['$: not JSON'] }); }));
    if (!result.ok) {
      throw new CupError('RULES_INVALID', `${result.problems.length} problem(s): ${result.problems.join('; ')}`, { problems: result.problems });
    }
    return { valid: true, version: result.ruleSet.version, effectiveFrom: result.ruleSet.effectiveFrom };
  },
};

export const rulesShow: Command = {
  path: ['rules', 'show'],
  usage: 'cupk rules show [--date YYYY-MM-DD] [--json]',
  summary: 'print the rule set version in force on a date (today by default)',
  options: { date: { type: 'string' } },
  async run(_p, values) {
    const date = stringOption(values, 'date') ?? todayInRome(new Date());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new CupError('BAD_REQUEST', `--date takes YYYY-MM-DD, not ${date}`);
    const set = ruleSetInForce(DEMO_RULE_SETS, date);
    if (!set) throw new CupError('NO_RULES_IN_FORCE', `no rule set is in force on ${date}`);
    return { date, ruleVersion: set.version, effectiveFrom: set.effectiveFrom, ruleSet: set };
  },
};

import { CupError } from '@cup-kiosk/sync-service/domain';
import { DEFAULT_HOPPERS } from '../../host/cash/cash-config.ts';
import { emptyCashBox, refillHopper } from '../../host/cash/cash-counts.ts';
import { integerOption, stringOption, UsageError, type Command } from '../command.ts';
import { dataOption, withTerminalDb } from './terminal-data.ts';

export const cashStatus: Command = {
  path: ['cash', 'status'],
  usage: 'cupk cash status [--data DIR] [--json]',
  summary: 'cash box and hopper levels, as the cash ledger says',
  options: dataOption,
  run: (_p, values) => withTerminalDb(values, async (t) => ({ ...(await t.ledger.levels()), ledgerRows: (await t.ledger.rows()).length })),
};

export const cashVerify: Command = {
  path: ['cash', 'verify'],
  usage: 'cupk cash verify [--data DIR] [--json]',
  summary: 'check the cash ledger\'s hash chain: a changed or deleted row is found',
  options: dataOption,
  run: (_p, values) =>
    withTerminalDb(values, async (t) => {
      const check = await t.ledger.verify();
      if (!check.ok) throw new CupError('CASH_LEDGER_TAMPERED', check.reason, { brokenAt: check.brokenAt, rows: check.rows });
      return check;
    }),
};

export const cashEmpty: Command = {
  path: ['cash', 'empty'],
  usage: 'cupk cash empty [--technician ID] [--data DIR] [--json]',
  summary: 'record that the cash box was emptied: every coin and bill in it, by value',
  options: { ...dataOption, technician: { type: 'string' } },
  run: (_p, values) =>
    withTerminalDb(values, async (t) => {
      const technician = stringOption(values, 'technician') ?? 'technician';
      const { emptied, emptiedCents } = await emptyCashBox(t.db, t.ledger, technician);
      return { emptied, emptiedCents, technician };
    }),
};

export const cashRefill: Command = {
  path: ['cash', 'refill'],
  usage: 'cupk cash refill --hopper N --count N [--technician ID] [--data DIR] [--json]',
  summary: 'record coins put into a hopper (N is its ccTalk address, 3 up)',
  options: { ...dataOption, hopper: { type: 'string' }, count: { type: 'string' }, technician: { type: 'string' } },
  run: (_p, values) => {
    const address = integerOption(values, 'hopper');
    const count = integerOption(values, 'count');
    if (!DEFAULT_HOPPERS.some((h) => h.address === address)) throw new CupError('HOPPER_UNKNOWN', `no hopper at address ${address}: ${DEFAULT_HOPPERS.map((h) => h.address).join(', ')}`);
    if (count === 0) throw new UsageError('--count must be at least 1');
    return withTerminalDb(values, async (t) => {
      const r = await refillHopper(t.ledger, DEFAULT_HOPPERS, address, count, stringOption(values, 'technician') ?? 'technician');
      return { hopper: address, valueCents: r.valueCents, added: count, level: r.after };
    });
  },
};

/**
 * `cupk counter operator add|list|disable`: the operators of a pharmacy counter, local accounts
 * of the terminal (`--data`), made by a technician on the terminal itself. The PIN comes from
 * stdin only and is kept as a scrypt hash. `cupk central counter-closes`: the closes a central holds.
 */
import { counterCloses } from '@cup-kiosk/sync-service/client';
import { CupError } from '@cup-kiosk/sync-service/domain';
import type { CounterClose } from '@cup-kiosk/sync-service/protocol';
import { formatEuro } from '@cup-kiosk/terminal-drivers/printer';
import { CounterStore, type OperatorRecord } from '../../host/counter/counter-store.ts';
import { hashPin } from '../../host/service/service-pin.ts';
import { requiredOption, stringOption, UsageError, type Command, type Values } from '../command.ts';
import { adminConnection } from './notices.ts';
import { dataOption, withTerminalDb } from './terminal-data.ts';

const CODE = /^[A-Z0-9][A-Z0-9._-]{0,19}$/;
const PIN = /^\d{6,12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An operator as listed: never the PIN's hash. */
const listed = (o: OperatorRecord) => ({ code: o.code, name: o.name, createdAt: o.createdAt, disabledAt: o.disabledAt, lockedUntil: o.lock.lockedUntil });

const withStore = <T>(values: Values, fn: (s: CounterStore) => Promise<T>) => withTerminalDb(values, async (t) => fn(await CounterStore.open(t.db)));

function operatorCode(values: Values): string {
  const code = requiredOption(values, 'code').trim().toUpperCase();
  if (!CODE.test(code)) throw new CupError('COUNTER_CODE_INVALID', 'an operator code is 1 to 20 letters, digits, dots, dashes or underscores');
  return code;
}

export const counterOperatorAdd: Command = {
  path: ['counter', 'operator', 'add'],
  usage: 'printf %s "$PIN" | cupk counter operator add --code CODE --name NAME [--data DIR] [--json]',
  summary: 'add a counter operator to this terminal; the PIN (6 to 12 digits) comes from stdin',
  options: { ...dataOption, code: { type: 'string' }, name: { type: 'string' } },
  async run(_p, values, io) {
    const code = operatorCode(values);
    const name = requiredOption(values, 'name').trim();
    if (name.length === 0 || name.length > 80) throw new UsageError('--name is the operator’s name, 1 to 80 characters');
    // One trailing newline is the shell's (echo), not the PIN's.
    const pin = (await io.readStdin()).replace(/\r?\n$/, '');
    if (!PIN.test(pin)) throw new CupError('COUNTER_PIN_INVALID', 'give a PIN of 6 to 12 digits on standard input');
    return withStore(values, async (store) => {
      if (!(await store.addOperator({ code, name, pinHash: hashPin(pin) }))) throw new CupError('COUNTER_OPERATOR_EXISTS', `operator ${code} exists already`);
      return { operator: listed((await store.operator(code))!) };
    });
  },
};

export const counterOperatorList: Command = {
  path: ['counter', 'operator', 'list'],
  usage: 'cupk counter operator list [--data DIR] [--json]',
  summary: "this terminal's counter operators, disabled ones too",
  options: dataOption,
  run: (_p, values) => withStore(values, async (store) => ({ operators: (await store.operators()).map(listed) })),
  human: (r) => {
    const { operators } = r as { operators: ReturnType<typeof listed>[] };
    if (operators.length === 0) return 'no operators';
    return operators.map((o) => `${o.code.padEnd(20)}  ${o.name.padEnd(24)}  ${o.disabledAt ? `disabled ${o.disabledAt.slice(0, 10)}` : o.lockedUntil ? `locked until ${o.lockedUntil}` : 'active'}`).join('\n');
  },
};

export const counterOperatorDisable: Command = {
  path: ['counter', 'operator', 'disable'],
  usage: 'cupk counter operator disable --code CODE [--data DIR] [--json]',
  summary: 'disable a counter operator: they can no longer sign in (their payments stay theirs)',
  options: { ...dataOption, code: { type: 'string' } },
  run: (_p, values) => {
    const code = operatorCode(values);
    return withStore(values, async (store) => {
      const operator = await store.operator(code);
      if (!operator) throw new CupError('COUNTER_OPERATOR_UNKNOWN', `no operator ${code} on this terminal`);
      if (!(await store.disableOperator(code))) throw new CupError('COUNTER_OPERATOR_DISABLED', `operator ${code} was disabled on ${operator.disabledAt}`);
      return { operator: listed((await store.operator(code))!) };
    });
  },
};

export const centralCounterCloses: Command = {
  path: ['central', 'counter-closes'],
  usage: 'cupk central counter-closes --central URL --token T [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]',
  summary: "the pharmacy counters' daily closes, per day, terminal and operator (default today)",
  options: { central: { type: 'string' }, token: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  async run(_p, values) {
    const from = stringOption(values, 'from');
    const to = stringOption(values, 'to');
    for (const d of [from, to]) if (d !== undefined && !DAY.test(d)) throw new UsageError('--from and --to take YYYY-MM-DD');
    return { closes: await counterCloses({ ...adminConnection(values), ...(from ? { from } : {}), ...(to ? { to } : {}) }) };
  },
  human: (r) => {
    const { closes } = r as { closes: CounterClose[] };
    if (closes.length === 0) return 'no counter closes';
    return closes
      .map(({ close: c }) => `${c.day}  ${c.terminalId}  ${c.operatorCode.padEnd(12)}  ${String(c.payments).padStart(4)} pagamenti  contanti ${formatEuro(c.cashCents)}  carta ${formatEuro(c.cardCents)}  totale ${formatEuro(c.totalCents)}`)
      .join('\n');
  },
};

export const COUNTER_COMMANDS = [counterOperatorAdd, counterOperatorList, counterOperatorDisable];

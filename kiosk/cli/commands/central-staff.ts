/**
 * `cupk central staff add|list|disable`: the dashboard's staff accounts, straight on the
 * central's database (its SQLite folder or its PostgreSQL URL), as `central enroll-code` does:
 * accounts are made on the central's machine, never over the network. A password is read from
 * standard input only, so it shows neither in `ps` nor in the shell's history.
 */
import { addStaffAccount, checkUsername, type StaffAccount } from '@cup-kiosk/sync-service/central';
import { CupError } from '@cup-kiosk/sync-service/domain';
import { requiredOption, UsageError, type Command } from '../command.ts';
import { CENTRAL_STORE_OPTIONS, withCentralStore } from './central-store.ts';

/** An account as the commands show it: never its hash. */
const view = (a: StaffAccount) => ({ username: a.username, role: a.role, createdAt: a.createdAt, disabledAt: a.disabledAt, lockedUntil: a.lockedUntil });

export const centralStaffAdd: Command = {
  path: ['central', 'staff', 'add'],
  usage: 'printf %s "$PASSWORD" | cupk central staff add --user NAME --role staff|admin [--data DIR | --pg URL] [--password-stdin] [--json]',
  summary: 'make a dashboard staff account; the password (12 characters at least) comes from stdin',
  options: { ...CENTRAL_STORE_OPTIONS, user: { type: 'string' }, role: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  async run(_p, values, io) {
    const username = checkUsername(requiredOption(values, 'user'));
    const role = requiredOption(values, 'role');
    if (role !== 'staff' && role !== 'admin') throw new UsageError('--role takes staff or admin');
    // One trailing newline is the shell's (echo), not the password's.
    const password = (await io.readStdin()).replace(/\r?\n$/, '');
    if (password === '') throw new CupError('STAFF_PASSWORD_MISSING', 'give the password on standard input');
    return withCentralStore(values, async (store) => {
      await addStaffAccount(store, { username, password, role }, new Date());
      return view((await store.getStaffAccount(username))!);
    });
  },
};

export const centralStaffList: Command = {
  path: ['central', 'staff', 'list'],
  usage: 'cupk central staff list [--data DIR | --pg URL] [--json]',
  summary: 'the dashboard staff accounts, by name',
  options: CENTRAL_STORE_OPTIONS,
  async run(_p, values) {
    return { accounts: await withCentralStore(values, async (store) => (await store.listStaffAccounts()).map(view)) };
  },
  human: (r) => {
    const { accounts } = r as { accounts: ReturnType<typeof view>[] };
    return accounts.length === 0 ? 'no staff account' : accounts.map((a) => `${a.username.padEnd(20)} ${a.role.padEnd(6)} ${a.disabledAt ? `disabled ${a.disabledAt}` : 'enabled'}`).join('\n');
  },
};

export const centralStaffDisable: Command = {
  path: ['central', 'staff', 'disable'],
  usage: 'cupk central staff disable --user NAME [--data DIR | --pg URL] [--json]',
  summary: 'disable a staff account and end its sessions',
  options: { ...CENTRAL_STORE_OPTIONS, user: { type: 'string' } },
  async run(_p, values) {
    const username = checkUsername(requiredOption(values, 'user'));
    return withCentralStore(values, async (store) => {
      if (!(await store.setStaffDisabled(username, new Date().toISOString()))) throw new CupError('STAFF_UNKNOWN', `no staff account ${username}`, { username });
      return view((await store.getStaffAccount(username))!);
    });
  },
};

export const STAFF_COMMANDS: Command[] = [centralStaffAdd, centralStaffList, centralStaffDisable];

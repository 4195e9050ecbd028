/**
 * `cupk central start` runs a central CUP in the foreground, on its SQLite file or (`--pg`) on a
 * region's PostgreSQL database; `cupk central enroll-code` makes a terminal's one-time enrolment
 * code on the central's machine, straight on its SQLite file, so a technician needs no network
 * access to the admin side to enrol a kiosk.
 */
import { issueEnrolmentCode, startCentral } from '@cup-kiosk/sync-service/central';
import { CupError } from '@cup-kiosk/sync-service/domain';
import { TerminalIdSchema } from '@cup-kiosk/sync-service/protocol';
import { integerOption, requiredOption, stringOption, UsageError, type Command, type Values, untilSignal } from '../command.ts';
import { centralStoreChoice, withCentralStore } from './central-store.ts';

const MAX_PORT = 65_535;

/** Read from the environment when not given, so the token need not appear in `ps`. */
export const ADMIN_TOKEN_ENV = 'CUPK_ADMIN_TOKEN';

function adminToken(values: Values, name: string): string | undefined {
  const token = stringOption(values, name) ?? process.env[ADMIN_TOKEN_ENV];
  if (token !== undefined && token.length < 16) throw new UsageError(`--${name} needs at least 16 characters`);
  return token;
}

export const centralStart: Command = {
  path: ['central', 'start'],
  usage: 'cupk central start [--port N] [--data DIR | --pg URL] [--host H] [--admin-token T]',
  summary: 'run the central CUP in the foreground (JSON logs on stdout) until SIGINT/SIGTERM',
  options: { port: { type: 'string' }, data: { type: 'string' }, pg: { type: 'string' }, host: { type: 'string' }, 'admin-token': { type: 'string' } },
  async run(_p, values, io) {
    const port = integerOption(values, 'port', 0);
    if (port > MAX_PORT) throw new UsageError(`--port takes 0-${MAX_PORT}`);
    const store = centralStoreChoice(values);
    const token = adminToken(values, 'admin-token');
    const central = await startCentral({ ...store, port, host: stringOption(values, 'host'), adminToken: token, logger: true, seedDemo: true }).catch((e: unknown) => {
      if ((e as { code?: string }).code === 'EADDRINUSE') throw new CupError('CENTRAL_PORT_IN_USE', `port ${port} is already in use`, { port });
      throw e;
    });
    // Never the URL itself in the log: it may carry a password.
    io.log(JSON.stringify({ msg: 'central ready', url: central.url, ...('pg' in store ? { store: 'postgresql' } : { dataDir: store.dataDir }), rulesAdmin: token !== undefined }));
    const signal = await untilSignal();
    await central.close();
    return { url: central.url, stopped: true, signal };
  },
};

export const centralEnrollCode: Command = {
  path: ['central', 'enroll-code'],
  usage: 'cupk central enroll-code --terminal ID [--data DIR] [--ttl-hours N] [--json]',
  summary: "make a terminal's one-time enrolment code on the central's own database",
  options: { terminal: { type: 'string' }, data: { type: 'string' }, 'ttl-hours': { type: 'string' } },
  async run(_p, values) {
    const terminalId = requiredOption(values, 'terminal');
    if (!TerminalIdSchema.safeParse(terminalId).success) throw new CupError('TERMINAL_ID_INVALID', 'a terminal id is 1-64 letters, digits, dot, dash, underscore');
    const ttlHours = integerOption(values, 'ttl-hours', 24);
    if (ttlHours < 1) throw new UsageError('--ttl-hours takes at least 1');
    // Never on an empty central made by mistake: a code in a new file enrols into nothing.
    return withCentralStore(values, async (store) => {
      const { code, expiresAt } = await issueEnrolmentCode(store, terminalId, { ttlMs: ttlHours * 3_600_000 });
      return { terminalId, code, expiresAt };
    });
  },
};

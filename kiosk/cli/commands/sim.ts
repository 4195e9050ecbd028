/**
 * `cupk sim ...`: the device rig (every simulator of a kiosk in a process of its own, for a host
 * started with `--devices URL`) and the hands that drive it: coins, bills, cards, scans and faults,
 * sent to a running rig's control API (`--rig URL`, default $CUPK_RIG or http://127.0.0.1:7400).
 */
import { CupError } from '@cup-kiosk/sync-service/domain';
import { startDeviceRig } from '../../host/devices/rig.ts';
import { CASH_FAULTS } from '../../host/sim-controls.ts';
import { integerOption, stringOption, untilSignal, UsageError, type Command, type Values } from '../command.ts';

/** Where `cupk sim start` listens unless told otherwise, and where the other commands look. */
export const DEFAULT_RIG_PORT = 7400;
const MAX_PORT = 65_535;
const rigOption = { rig: { type: 'string' as const } };

function rigUrl(values: Values): string {
  return (stringOption(values, 'rig') ?? process.env.CUPK_RIG ?? `http://127.0.0.1:${DEFAULT_RIG_PORT}`).replace(/\/$/, '');
}

async function rigCall(values: Values, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
  const url = rigUrl(values);
  let r: Response;
  try {
    r = await fetch(`${url}/api/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw new CupError('SIM_RIG_UNREACHABLE', `no device rig at ${url}: ${(e as Error).message}`, { url });
  }
  const parsed = (await r.json().catch(() => ({}))) as Record<string, unknown> & { error?: { code: string; message: string } };
  if (!r.ok) throw new CupError(parsed.error?.code ?? 'SIM_FAILURE', parsed.error?.message ?? `HTTP ${r.status}`);
  return parsed;
}

export const simStart: Command = {
  path: ['sim', 'start'],
  usage: 'cupk sim start [--port N] [--state FILE] [--pos-delay MS] [--json]',
  summary: 'run every device simulator in the foreground (until SIGINT/SIGTERM); prints its device lines and control URL',
  options: { port: { type: 'string' }, state: { type: 'string' }, 'pos-delay': { type: 'string' } },
  async run(_p, values, io) {
    const port = integerOption(values, 'port', DEFAULT_RIG_PORT);
    if (port > MAX_PORT) throw new UsageError(`--port takes 0-${MAX_PORT}`);
    const statePath = stringOption(values, 'state');
    // The cardholder's time at the card terminal; a script driving many payments wants it short.
    const posDelayMs = integerOption(values, 'pos-delay', 1500);
    const rig = await startDeviceRig({ port, pos: { delayMs: posDelayMs }, ...(statePath ? { statePath } : {}) }).catch((e: unknown) => {
      if ((e as { code?: string }).code === 'EADDRINUSE') throw new CupError('SIM_PORT_IN_USE', `port ${port} is already in use`, { port });
      throw e;
    });
    const ready = { url: rig.url, ...rig.paths, ...(statePath ? { state: statePath } : {}) };
    // The ready object is what a script starting a host needs: a progress line (stderr under
    // --json, where stdout keeps to the one result object printed when the rig stops).
    if (values.json) io.log(JSON.stringify(ready));
    else {
      io.log(`Device rig:  ${rig.url}`);
      io.log(`ccTalk wire: ${rig.paths.cashPath}`);
      io.log(`Printer:     ${rig.paths.printerPath}`);
      io.log(`Scanner:     ${rig.paths.scannerPath ?? '-'}`);
      io.log(`Start a host on it: node --import tsx kiosk/host/main.ts --devices ${rig.url}`);
    }
    const signal = await untilSignal();
    await rig.close();
    return { ...ready, stopped: true, signal };
  },
};

export const simState: Command = {
  path: ['sim', 'state'],
  usage: 'cupk sim state [--rig URL] [--json]',
  summary: "what the rig's devices did: coins and bills taken, coins each hopper paid and holds, receipts",
  options: rigOption,
  run: async (_p, values) => rigCall(values, 'GET', 'truth'),
};

export const simCoin: Command = {
  path: ['sim', 'coin'],
  usage: 'cupk sim coin --cents N [--rig URL] [--json]',
  summary: 'drop a coin into the coin acceptor: accepted, or returned when inhibited',
  options: { ...rigOption, cents: { type: 'string' } },
  run: async (_p, values) => rigCall(values, 'POST', 'coin', { cents: integerOption(values, 'cents') }),
};

export const simBill: Command = {
  path: ['sim', 'bill'],
  usage: 'cupk sim bill --cents N [--rig URL] [--json]',
  summary: 'feed a bill into the validator (held in escrow until the host decides)',
  options: { ...rigOption, cents: { type: 'string' } },
  run: async (_p, values) => rigCall(values, 'POST', 'bill', { cents: integerOption(values, 'cents') }),
};

export const simFault: Command = {
  path: ['sim', 'fault'],
  usage: 'cupk sim fault NAME [--device coin|bill|hopper:N] [--after N] [--count N] [--off] [--rig URL] [--json]',
  summary: `inject a cash device fault: ${CASH_FAULTS.join(', ')}`,
  options: { ...rigOption, device: { type: 'string' }, after: { type: 'string' }, count: { type: 'string' }, off: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(positionals, values) {
    const fault = positionals[0]!;
    if (!(CASH_FAULTS as readonly string[]).includes(fault)) throw new UsageError(`unknown fault '${fault}': ${CASH_FAULTS.join(', ')}`);
    const body: Record<string, unknown> = { fault, on: values.off !== true };
    const device = stringOption(values, 'device');
    if (device !== undefined) body.device = device;
    if (stringOption(values, 'after') !== undefined) body.after = integerOption(values, 'after');
    if (stringOption(values, 'count') !== undefined) body.count = integerOption(values, 'count');
    await rigCall(values, 'POST', 'fault', body);
    return { fault, ...body };
  },
};

export const simCard: Command = {
  path: ['sim', 'card'],
  usage: 'cupk sim card PROFILE|--remove [--rig URL] [--json]',
  summary: 'insert a demo health card (mario-rossi, giulia-bianchi, ...) into the reader, or take it out',
  options: { ...rigOption, remove: { type: 'boolean' } },
  positionals: { min: 0, max: 1 },
  async run(positionals, values) {
    if (values.remove) return { removed: (await rigCall(values, 'POST', 'card/remove')).ok === true };
    if (positionals.length === 0) throw new UsageError('name a card profile, or pass --remove');
    await rigCall(values, 'POST', 'card/insert', { id: positionals[0] });
    return { inserted: positionals[0] };
  },
};

export const simScan: Command = {
  path: ['sim', 'scan'],
  usage: 'cupk sim scan TEXT [--rig URL] [--json]',
  summary: 'the barcode scanner reads TEXT (a booking code, a codice fiscale, a pagoPA QR)',
  options: rigOption,
  positionals: { min: 1, max: 1 },
  async run(positionals, values) {
    await rigCall(values, 'POST', 'scan', { text: positionals[0] });
    return { scanned: positionals[0] };
  },
};

export const simPrinter: Command = {
  path: ['sim', 'printer'],
  usage: 'cupk sim printer [--cover-open|--cover-closed] [--paper-out|--paper-in] [--offline|--online] [--rig URL] [--json]',
  summary: "put the printer's faults on or off",
  options: {
    ...rigOption,
    'cover-open': { type: 'boolean' },
    'cover-closed': { type: 'boolean' },
    'paper-out': { type: 'boolean' },
    'paper-in': { type: 'boolean' },
    offline: { type: 'boolean' },
    online: { type: 'boolean' },
  },
  async run(_p, values) {
    const pick = (on: string, off: string) => (values[on] ? true : values[off] ? false : undefined);
    const body = { coverOpen: pick('cover-open', 'cover-closed'), paperOut: pick('paper-out', 'paper-in'), offline: pick('offline', 'online') };
    await rigCall(values, 'POST', 'printer', body);
    return (await rigCall(values, 'GET', 'state')).printer as object;
  },
};

/** The `cupk sim` commands, in the order `cupk --help` lists them. */
export const SIM_COMMANDS: Command[] = [simStart, simState, simCoin, simBill, simFault, simCard, simScan, simPrinter];

/**
 * `cupk pos ...`: a technician's questions to the card payment terminal (does it take a payment,
 * what became of transaction X, what are today's totals), answered through the same driver the
 * kiosk uses. The terminal is the configured one: `--host`/`--port`, else CUPK_POS_HOST and
 * CUPK_POS_PORT, else the simulator's address on this machine, which `cupk pos sim` serves.
 */
import { randomBytes } from 'node:crypto';
import { CupError } from '@cup-kiosk/sync-service/domain';
import { isPayableCents, MAX_AMOUNT_CENTS, nexoTerminal, PosInvalidRequestError, recoverPayment, type NexoPaymentTerminal } from '@cup-kiosk/terminal-drivers/pos';
import { POS_SIM_DEFAULT_POI_ID, POS_SIM_DEFAULT_PORT, PosSimulator, SIM_OUTCOMES, type SimOutcome } from '@cup-kiosk/terminal-drivers/sim/pos';
import { integerOption, requiredOption, stringOption, UsageError, type Command, type Options, type Values, untilSignal } from '../command.ts';

const MAX_PORT = 65_535;

const TERMINAL_OPTIONS: Options = {
  host: { type: 'string' },
  port: { type: 'string' },
  'sale-id': { type: 'string' },
  'poi-id': { type: 'string' },
  timeout: { type: 'string' },
};
const TERMINAL_USAGE = '[--host H] [--port P] [--sale-id ID] [--poi-id ID] [--timeout MS]';

function port(values: Values, fallback: number): number {
  const p = integerOption(values, 'port', fallback);
  if (p < 1 || p > MAX_PORT) throw new UsageError(`--port takes 1-${MAX_PORT}`);
  return p;
}

/**
 * The driver for the configured terminal. The SaleID must be the kiosk's own (CUPK_TERMINAL_ID,
 * as the host uses), or `status` would look in another sale system's part of the journal.
 */
function terminalFrom(values: Values): NexoPaymentTerminal {
  const envPort = process.env.CUPK_POS_PORT;
  const timeout = stringOption(values, 'timeout') === undefined ? undefined : integerOption(values, 'timeout');
  return nexoTerminal({
    host: stringOption(values, 'host') ?? process.env.CUPK_POS_HOST ?? '127.0.0.1',
    port: port(values, envPort && /^\d+$/.test(envPort) ? Number(envPort) : POS_SIM_DEFAULT_PORT),
    saleId: stringOption(values, 'sale-id') ?? process.env.CUPK_TERMINAL_ID ?? 'KIOSK-01',
    poiId: stringOption(values, 'poi-id') ?? process.env.CUPK_POS_POI_ID ?? POS_SIM_DEFAULT_POI_ID,
    ...(timeout === undefined ? {} : { paymentTimeoutMs: timeout, requestTimeoutMs: timeout }),
  });
}

async function withTerminal<T>(values: Values, fn: (t: NexoPaymentTerminal) => Promise<T>): Promise<T> {
  const t = terminalFrom(values);
  try {
    return await fn(t);
  } finally {
    await t.dispose();
  }
}

/** The amount as typed: bad input (exit 1), not wrong usage, since a script passes it through. */
function amountCents(values: Values): number {
  const text = requiredOption(values, 'amount');
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!isPayableCents(n)) throw new PosInvalidRequestError(`--amount takes whole cents from 1 to ${MAX_AMOUNT_CENTS}, not '${text}'`, { amount: text });
  return n;
}

export const posPay: Command = {
  path: ['pos', 'pay'],
  usage: `cupk pos pay --amount CENTS [--id TRANSACTION] ${TERMINAL_USAGE} [--json]`,
  summary: 'take a card payment on the terminal; the outcome with its authorisation and receipt',
  options: { amount: { type: 'string' }, id: { type: 'string' }, ...TERMINAL_OPTIONS },
  async run(_p, values) {
    const cents = amountCents(values);
    // A fresh id per attempt: the terminal refuses a second payment with the same one.
    const transactionId = stringOption(values, 'id') ?? `CUPK-${Date.now().toString(36).toUpperCase()}-${randomBytes(3).toString('hex').toUpperCase()}`;
    return withTerminal(values, (t) => t.pay({ transactionId, amountCents: cents, currency: 'EUR' }));
  },
};

export const posStatus: Command = {
  path: ['pos', 'status'],
  usage: `cupk pos status --id TRANSACTION ${TERMINAL_USAGE} [--json]`,
  summary: 'what the terminal knows of a payment: approved, declined, cancelled, reversed, in-progress, not-found',
  options: { id: { type: 'string' }, ...TERMINAL_OPTIONS },
  async run(_p, values) {
    const id = requiredOption(values, 'id');
    return withTerminal(values, (t) => t.status(id));
  },
};

export const posReverse: Command = {
  path: ['pos', 'reverse'],
  usage: `cupk pos reverse --id TRANSACTION ${TERMINAL_USAGE} [--json]`,
  summary: 'give an approved card payment back; safe to repeat',
  options: { id: { type: 'string' }, ...TERMINAL_OPTIONS },
  async run(_p, values) {
    const id = requiredOption(values, 'id');
    return withTerminal(values, (t) => t.reverse(id));
  },
};

export const posRecover: Command = {
  path: ['pos', 'recover'],
  usage: `cupk pos recover --id TRANSACTION [--reverse] ${TERMINAL_USAGE} [--json]`,
  summary: 'settle a payment whose outcome is unknown: wait for it, then keep it (or reverse it)',
  options: { id: { type: 'string' }, reverse: { type: 'boolean' }, ...TERMINAL_OPTIONS },
  async run(_p, values) {
    const id = requiredOption(values, 'id');
    return withTerminal(values, (t) => recoverPayment(t, id, { keepApproval: values.reverse !== true }));
  },
};

export const posClose: Command = {
  path: ['pos', 'close'],
  usage: `cupk pos close ${TERMINAL_USAGE} [--json]`,
  summary: "end the terminal's period: count and total of the card payments that stand",
  options: TERMINAL_OPTIONS,
  async run(_p, values) {
    return withTerminal(values, (t) => t.close());
  },
};

export const posSim: Command = {
  path: ['pos', 'sim'],
  usage: `cupk pos sim [--port P] [--outcome ${SIM_OUTCOMES.join('|')}] [--delay MS]`,
  summary: 'run a simulated card terminal in the foreground (one JSON line per request) until SIGINT/SIGTERM',
  options: { port: { type: 'string' }, outcome: { type: 'string' }, delay: { type: 'string' } },
  async run(_p, values, io) {
    const outcome = stringOption(values, 'outcome') ?? 'approve';
    if (!SIM_OUTCOMES.includes(outcome as SimOutcome)) throw new UsageError(`--outcome takes one of ${SIM_OUTCOMES.join(', ')}`);
    const p = integerOption(values, 'port', POS_SIM_DEFAULT_PORT);
    if (p > MAX_PORT) throw new UsageError(`--port takes 0-${MAX_PORT}`);
    const sim = await PosSimulator.start({ port: p, defaultOutcome: outcome as SimOutcome, delayMs: integerOption(values, 'delay', 0) }).catch((e: unknown) => {
      if ((e as { code?: string }).code === 'EADDRINUSE') throw new CupError('POS_SIM_PORT_IN_USE', `port ${p} is already in use`, { port: p });
      throw e;
    });
    sim.onRequest = (category, summary) => io.log(JSON.stringify({ msg: 'request', category, summary }));
    io.log(JSON.stringify({ msg: 'pos simulator ready', host: sim.host, port: sim.port, poiId: sim.poiId, outcome }));
    const signal = await untilSignal();
    const payments = sim.journal.all().length;
    await sim.close();
    return { port: sim.port, stopped: true, signal, payments };
  },
};

/** Every `cupk pos` command, for the command list. */
export const POS_COMMANDS: Command[] = [posPay, posStatus, posReverse, posRecover, posClose, posSim];

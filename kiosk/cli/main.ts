import { parseArgs } from 'node:util';
import { isCupError } from '@cup-kiosk/sync-service/domain';
import { UsageError, type Command, type CommandIo } from './command.ts';
import { COMMANDS } from './commands/index.ts';

const HELP = `cupk — the cup-kiosk command line for technicians and scripts

Usage: cupk <command> [options]

Every command takes --json: exactly one JSON object on stdout. Exit 0 on success,
1 on bad input ({"error":{"code","message"}}), 2 on wrong usage.

Commands:
${COMMANDS.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`).join('\n')}
`;

function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  let best: Command | null = null;
  for (const c of COMMANDS) {
    if (c.path.every((w, i) => argv[i] === w) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best ? { command: best, rest: argv.slice(best.path.length) } : null;
}

function human(result: object): string {
  return Object.entries(result)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('\n');
}

function commandIo(json: boolean, out: NodeJS.WritableStream, err: NodeJS.WritableStream): CommandIo {
  return {
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    log(line) {
      (json ? err : out).write(`${line}\n`);
    },
    event(line) {
      out.write(`${line}\n`);
    },
  };
}

/** Runs the command line and returns the exit code; all output goes through `out`/`err`. */
export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const json = argv.includes('--json');
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    out.write(HELP);
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  const usageFail = (message: string, usage?: string) => {
    if (json) out.write(`${JSON.stringify({ error: { code: 'USAGE', message } })}\n`);
    err.write(`cupk: ${message}\n${usage ? `usage: ${usage}\n` : `Run 'cupk --help' for the commands.\n`}`);
    return 2;
  };
  if (!found) return usageFail(`unknown command '${argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')}'`);
  const { command, rest } = found;
  if (rest.includes('--help')) {
    out.write(`usage: ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { json: { type: 'boolean' }, ...(command.options ?? {}) },
      allowPositionals: true,
      strict: true,
    });
    const range = command.positionals ?? { min: 0, max: 0 };
    if (positionals.length < range.min || positionals.length > range.max) throw new UsageError('wrong number of arguments');
    const result = await command.run(positionals, values, commandIo(json, out, err));
    out.write(json ? `${JSON.stringify(result)}\n` : `${(command.human ?? human)(result)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return usageFail((e as Error).message, command.usage);
    }
    if (isCupError(e)) {
      const error = { code: e.code, message: e.message };
      if (json) out.write(`${JSON.stringify({ error })}\n`);
      else err.write(`cupk: ${e.code}: ${e.message}\n`);
      return 1;
    }
    err.write(`cupk: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    if (json) out.write(`${JSON.stringify({ error: { code: 'INTERNAL', message: String(e) } })}\n`);
    return 1;
  }
}

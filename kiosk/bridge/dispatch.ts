import { TERMINAL_COMMANDS, type TerminalApi, type TerminalCommand } from './terminal-api.ts';
import { errorPayload, type CommandMessage, type HostMessage } from './wire.ts';

function isCommand(x: unknown): x is CommandMessage {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Partial<CommandMessage>;
  return (
    m.kind === 'command' &&
    typeof m.id === 'number' &&
    Array.isArray(m.args) &&
    TERMINAL_COMMANDS.includes(m.command as TerminalCommand)
  );
}

/**
 * Runs one command message against the API. A malformed message or an unknown command is
 * answered with a typed failure, never thrown: a bad renderer must not crash the host.
 */
export async function dispatchCommand(api: TerminalApi, raw: unknown): Promise<HostMessage | null> {
  if (!isCommand(raw)) {
    const id = typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : -1;
    return { kind: 'result', id, ok: false, error: { code: 'BAD_COMMAND', message: 'malformed command message' } };
  }
  try {
    const fn = api[raw.command] as (...args: unknown[]) => Promise<unknown>;
    const value = await fn.apply(api, raw.args);
    return { kind: 'result', id: raw.id, ok: true, value };
  } catch (e) {
    return { kind: 'result', id: raw.id, ok: false, error: errorPayload(e) };
  }
}

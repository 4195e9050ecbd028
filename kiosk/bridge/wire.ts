import type { TerminalCommand, TerminalEvent } from './terminal-api.ts';

/**
 * The messages both transports carry. A transport moves these and nothing else: no logic,
 * no retries, no translation beyond JSON.
 */
export interface CommandMessage {
  kind: 'command';
  id: number;
  command: TerminalCommand;
  args: unknown[];
}

export interface ResultMessage {
  kind: 'result';
  id: number;
  ok: true;
  value: unknown;
}

export interface FailureMessage {
  kind: 'result';
  id: number;
  ok: false;
  error: { code: string; message: string };
}

export interface EventMessage {
  kind: 'event';
  event: TerminalEvent;
}

export type HostMessage = ResultMessage | FailureMessage | EventMessage;

/** What a failed command carries to the UI: its stable code and a message, nothing else. */
export function errorPayload(e: unknown): { code: string; message: string } {
  if (typeof e === 'object' && e !== null) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) {
      return { code, message: typeof message === 'string' ? message : code };
    }
  }
  return { code: 'HOST_FAILURE', message: e instanceof Error ? e.message : String(e) };
}

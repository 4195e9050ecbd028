import { TERMINAL_COMMANDS, type TerminalApi, type TerminalCommand, type TerminalEvent } from './terminal-api.ts';
import type { CommandMessage, HostMessage } from './wire.ts';

/** The two things a transport must do for the UI side: send a command, deliver host messages. */
export interface UiTransport {
  send(message: CommandMessage): void;
  onMessage(listener: (message: HostMessage) => void): void;
}

/** A `TerminalApi` on the UI side of any transport: requests matched to results by id. */
export function remoteTerminalApi(transport: UiTransport): TerminalApi {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Set<(e: TerminalEvent) => void>();
  transport.onMessage((m) => {
    if (m.kind === 'event') {
      for (const l of listeners) l(m.event);
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(m.error);
  });
  const call = (command: TerminalCommand) => (...args: unknown[]) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      transport.send({ kind: 'command', id, command, args });
    });
  // Every command of the contract, so a command added there is carried without a change here.
  const commands = Object.fromEntries(TERMINAL_COMMANDS.map((c) => [c, call(c)])) as unknown as Pick<TerminalApi, TerminalCommand>;
  return {
    ...commands,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

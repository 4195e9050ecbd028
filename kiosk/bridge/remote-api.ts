import type { TerminalApi, TerminalCommand, TerminalEvent } from './terminal-api.ts';
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
  return {
    info: call('info'),
    findBooking: call('findBooking'),
    beginPayment: call('beginPayment'),
    cancelPayment: call('cancelPayment'),
    printReceipt: call('printReceipt'),
    printerStatus: call('printerStatus'),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as TerminalApi;
}

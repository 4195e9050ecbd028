import WebSocket from 'ws';
import { remoteTerminalApi } from '../../../kiosk/bridge/remote-api.ts';
import type { TerminalApi, TerminalEvent } from '../../../kiosk/bridge/terminal-api.ts';
import type { HostMessage } from '../../../kiosk/bridge/wire.ts';

/** `TerminalApi` over the host's WebSocket from Node, as the browser UI uses it, plus event waits. */
export interface TerminalClient {
  api: TerminalApi;
  /** Resolves with the first event (seen since the last `clearEvents`) that `match` accepts. */
  waitFor<E extends TerminalEvent>(match: (e: TerminalEvent) => e is E, timeoutMs: number): Promise<E>;
  clearEvents(): void;
  close(): void;
}

export class HostGoneError extends Error {
  readonly code = 'HOST_GONE';
}

/** A command the host took and never answered: a finding of its own, not a wait for ever. */
export class HostSilentError extends Error {
  readonly code = 'HOST_SILENT';
}

/** How long a command may take; a refund paying out many coins takes a few seconds. */
const COMMAND_TIMEOUT_MS = 30_000;

export async function connectTerminal(hostUrl: string): Promise<TerminalClient> {
  const ws = new WebSocket(`${hostUrl.replace(/^http/, 'ws')}/terminal`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const listeners: ((m: HostMessage) => void)[] = [];
  let events: TerminalEvent[] = [];
  const waiters = new Set<() => void>();
  let gone = false;
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as HostMessage;
    for (const l of listeners) l(m);
  });
  const failAll = () => {
    gone = true;
    for (const w of waiters) w();
  };
  ws.on('close', failAll);
  ws.on('error', failAll);
  const api = remoteTerminalApi({
    send(message) {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    },
    onMessage(l) {
      listeners.push(l);
    },
  });
  api.subscribe((e) => {
    events.push(e);
    for (const w of waiters) w();
  });
  const call = <T>(name: string, p: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (gone) return reject(new HostGoneError('the host is gone'));
      const onGone = () => {
        if (gone) reject(new HostGoneError('the host went away during a command'));
      };
      const timer = setTimeout(() => reject(new HostSilentError(`${name} got no answer in ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
      waiters.add(onGone);
      p.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        waiters.delete(onGone);
      });
    });
  const guarded = new Proxy(api, {
    get(target, prop) {
      const v = target[prop as keyof TerminalApi];
      if (typeof v !== 'function' || prop === 'subscribe') return v;
      return (...args: unknown[]) => call(String(prop), (v as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
  return {
    api: guarded,
    clearEvents: () => (events = []),
    waitFor<E extends TerminalEvent>(match: (e: TerminalEvent) => e is E, timeoutMs: number): Promise<E> {
      return new Promise<E>((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found) {
            done();
            resolve(found);
          } else if (gone) {
            done();
            reject(new HostGoneError('the host went away'));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no matching event in ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => ws.terminate(),
  };
}

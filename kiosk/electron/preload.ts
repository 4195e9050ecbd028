import { contextBridge, ipcRenderer } from 'electron';
import { remoteTerminalApi } from '../bridge/remote-api.ts';
import { TERMINAL_COMMANDS } from '../bridge/terminal-api.ts';
import type { HostMessage } from '../bridge/wire.ts';
import { COMMAND_CHANNEL, EVENT_CHANNEL } from './ipc-channels.ts';

/**
 * Exposes `TerminalApi` to the sandboxed renderer and nothing else: no ipcRenderer, no Node.
 * Built to one CommonJS file (sandboxed preloads cannot load modules of their own).
 */
const api = remoteTerminalApi({
  send(message) {
    void ipcRenderer.invoke(COMMAND_CHANNEL, message).then(
      (reply: HostMessage) => deliver(reply),
      (e: unknown) => deliver({ kind: 'result', id: message.id, ok: false, error: { code: 'IPC_FAILURE', message: String(e) } }),
    );
  },
  onMessage(listener) {
    listeners.push(listener);
  },
});

const listeners: ((m: HostMessage) => void)[] = [];
function deliver(m: HostMessage) {
  for (const l of listeners) l(m);
}
ipcRenderer.on(EVENT_CHANNEL, (_e, event: HostMessage) => deliver(event));

// Every command of the contract and the event stream; nothing else crosses into the page.
contextBridge.exposeInMainWorld('terminalApi', {
  ...Object.fromEntries(TERMINAL_COMMANDS.map((c) => [c, api[c]])),
  subscribe: api.subscribe,
});

import type { TerminalApi } from './terminal-api.ts';
import { remoteTerminalApi } from './remote-api.ts';
import type { CommandMessage, HostMessage } from './wire.ts';

/**
 * `TerminalApi` over a browser WebSocket. Commands sent before the socket opens wait for it;
 * a dropped socket is reopened, and the host resends its state as events.
 */
export function connectTerminalApi(url: string): TerminalApi {
  const listeners: ((m: HostMessage) => void)[] = [];
  const queue: string[] = [];
  let ws: WebSocket;
  const open = () => {
    ws = new WebSocket(url);
    ws.addEventListener('open', () => {
      while (queue.length > 0) ws.send(queue.shift()!);
    });
    ws.addEventListener('message', (e) => {
      const m = JSON.parse(String(e.data)) as HostMessage;
      for (const l of listeners) l(m);
    });
    ws.addEventListener('close', () => setTimeout(open, 500));
  };
  open();
  return remoteTerminalApi({
    send(message: CommandMessage) {
      const text = JSON.stringify(message);
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
      else queue.push(text);
    },
    onMessage(l) {
      listeners.push(l);
    },
  });
}

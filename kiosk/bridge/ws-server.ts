import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TerminalApi } from './terminal-api.ts';
import { dispatchCommand } from './dispatch.ts';
import type { HostMessage } from './wire.ts';

/**
 * Carries `TerminalApi` over a WebSocket at `path` of an HTTP server, for the browser UI in
 * development and end-to-end tests. Every connected UI gets every event.
 */
export function serveTerminalApiOverWebSocket(server: Server, api: TerminalApi, path = '/terminal'): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server, path, maxPayload: 64 * 1024 });
  const send = (ws: WebSocket, m: HostMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };
  wss.on('connection', (ws) => {
    const unsubscribe = api.subscribe((event) => send(ws, { kind: 'event', event }));
    ws.on('message', async (data) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(data));
      } catch {
        parsed = null;
      }
      const reply = await dispatchCommand(api, parsed);
      if (reply) send(ws, reply);
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import type { TerminalApi } from '../bridge/terminal-api.ts';
import { serveTerminalApiOverWebSocket } from '../bridge/ws-server.ts';
import { forwardSimApi, sendJson, serveSimApi } from './devices/sim-api.ts';
import type { SimControls } from './sim-controls.ts';

export interface KioskServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface KioskServerOptions {
  api: TerminalApi;
  uiDir: string;
  /** Simulators in this process, served at `/dev/api`. */
  sim?: SimControls;
  /** A device rig whose control API `/dev/api` forwards to (when `sim` is not given). */
  rigUrl?: string;
  /** The cabinet's service switch, turned from the developer panel (`POST /dev/api/service-switch`). */
  serviceSwitch?: () => void;
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/**
 * Serves the built UI, carries `TerminalApi` over a WebSocket at `/terminal`, and, when
 * simulators run (here or in a device rig), the developer panel's API at `/dev/api`. Binds to
 * loopback only.
 */
export async function startKioskServer(o: KioskServerOptions): Promise<KioskServer> {
  const statics = sirv(o.uiDir, { dev: false, etag: true, extensions: ['html'] });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/dev/api/') && (o.sim || o.rigUrl)) {
      const path = url.pathname.slice('/dev/api/'.length);
      if (path === 'service-switch' && req.method === 'POST' && o.serviceSwitch) {
        o.serviceSwitch();
        return sendJson(res, 200, { ok: true });
      }
      void (o.sim ? serveSimApi(o.sim, req, res, path) : forwardSimApi(o.rigUrl!, req, res, path));
      return;
    }
    if (url.pathname === '/dev') {
      res.writeHead(302, { location: '/dev.html' });
      res.end();
      return;
    }
    statics(req, res, () => sendJson(res, 404, { error: { code: 'NOT_FOUND', message: url.pathname } }));
  });
  const bridge = serveTerminalApiOverWebSocket(server, o.api);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${port}`,
    server,
    async close() {
      await bridge.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

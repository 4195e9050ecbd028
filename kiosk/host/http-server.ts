import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import type { TerminalApi } from '../bridge/terminal-api.ts';
import { serveTerminalApiOverWebSocket } from '../bridge/ws-server.ts';
import type { SimControls } from './sim-controls.ts';

const MAX_BODY = 16 * 1024;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(c as Buffer);
  }
  if (chunks.length === 0) return {};
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    throw Object.assign(new Error('malformed JSON'), { status: 400 });
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Routes of the developer panel over the simulators: `/dev/api/...`. */
async function devApi(sim: SimControls, req: IncomingMessage, res: ServerResponse, path: string) {
  try {
    if (req.method === 'GET' && path === 'state') {
      return send(res, 200, {
        cards: sim.cards(),
        insertedCard: sim.insertedCard(),
        coins: sim.coinValues(),
        bills: sim.billValues(),
        hoppers: sim.hopperLevels(),
        receipts: sim.receipts(),
        printer: sim.printerState(),
      });
    }
    if (req.method !== 'POST') return send(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: req.method } });
    const body = await readJson(req);
    if (path === 'card/insert') {
      await sim.insertCard(String(body.id ?? ''));
      return send(res, 200, { ok: true });
    }
    if (path === 'card/remove') {
      await sim.removeCard();
      return send(res, 200, { ok: true });
    }
    if (path === 'printer') {
      const flag = (k: string) => (typeof body[k] === 'boolean' ? (body[k] as boolean) : undefined);
      const fault: { coverOpen?: boolean; paperOut?: boolean; offline?: boolean } = {};
      for (const k of ['coverOpen', 'paperOut', 'offline'] as const) {
        const v = flag(k);
        if (v !== undefined) fault[k] = v;
      }
      sim.setPrinter(fault);
      return send(res, 200, { ok: true });
    }
    if (path === 'coin') return send(res, 200, { outcome: await sim.insertCoin(Number(body.cents)) });
    if (path === 'bill') return send(res, 200, { outcome: await sim.insertBill(Number(body.cents)) });
    return send(res, 404, { error: { code: 'NOT_FOUND', message: path } });
  } catch (e) {
    const status = (e as { status?: number }).status ?? 400;
    const code = (e as { code?: string }).code ?? 'SIM_FAILURE';
    return send(res, status, { error: { code, message: (e as Error).message } });
  }
}

export interface KioskServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves the built UI, carries `TerminalApi` over a WebSocket at `/terminal`, and, when
 * simulators run, the developer panel's API at `/dev/api`. Binds to loopback only.
 */
export async function startKioskServer(o: { api: TerminalApi; uiDir: string; sim?: SimControls; port?: number; host?: string }): Promise<KioskServer> {
  const statics = sirv(o.uiDir, { dev: false, etag: true, extensions: ['html'] });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (o.sim && url.pathname.startsWith('/dev/api/')) {
      void devApi(o.sim, req, res, url.pathname.slice('/dev/api/'.length));
      return;
    }
    if (url.pathname === '/dev') {
      res.writeHead(302, { location: '/dev.html' });
      res.end();
      return;
    }
    statics(req, res, () => send(res, 404, { error: { code: 'NOT_FOUND', message: url.pathname } }));
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

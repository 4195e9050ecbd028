import type { IncomingMessage, ServerResponse } from 'node:http';
import { SIM_PLAN_OUTCOMES, type PosSimulator, type SimPlanOutcome } from '@cup-kiosk/terminal-drivers/sim/pos';
import type { CashFault, SimControls } from '../sim-controls.ts';

/**
 * The simulators' HTTP routes, one set for both places they are served: the host's developer
 * API (`/dev/api/...`, simulators in the host's process) and a device rig's control API
 * (`/api/...`, simulators in their own process). The host forwards its routes to the rig's when
 * its devices are external, so the panel and the CLI drive whichever simulators the host uses.
 *
 *   GET  state              everything the panel shows (and `truth`)
 *   GET  truth              what the devices did, counted on their side
 *   GET  devices            the host ends of the device lines
 *   POST card/insert {id}   card/remove
 *   POST coin {cents}       bill {cents}
 *   POST printer {coverOpen?, paperOut?, offline?}
 *   POST fault {fault, device?, after?, on?, count?}   (see CASH_FAULTS)
 *   POST scan {text}
 *
 * and on a device rig, its card terminal (servePosApi):
 *
 *   GET  pos/truth[?from=N] every payment the terminal started (from the Nth; `count` of all), how it ended, what it charged
 *   POST pos/next {outcome, delayMs?, replace?}   what the next payment does (SIM_PLAN_OUTCOMES)
 */
const MAX_BODY = 16 * 1024;

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
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

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const flag = (body: Record<string, unknown>, k: string) => (typeof body[k] === 'boolean' ? (body[k] as boolean) : undefined);
const int = (body: Record<string, unknown>, k: string) => (typeof body[k] === 'number' && Number.isInteger(body[k]) ? (body[k] as number) : undefined);

function faultOf(body: Record<string, unknown>): CashFault {
  const f: CashFault = { fault: String(body.fault ?? '') as CashFault['fault'] };
  if (typeof body.device === 'string') f.device = body.device;
  const after = int(body, 'after');
  if (after !== undefined) f.after = after;
  const count = int(body, 'count');
  if (count !== undefined) f.count = count;
  const on = flag(body, 'on');
  if (on !== undefined) f.on = on;
  return f;
}

/** Answers one simulator route (`path` without its prefix). */
export async function serveSimApi(sim: SimControls, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  try {
    if (req.method === 'GET' && path === 'state') {
      return sendJson(res, 200, {
        cards: sim.cards(),
        insertedCard: sim.insertedCard(),
        coins: sim.coinValues(),
        bills: sim.billValues(),
        hoppers: sim.hopperLevels(),
        receipts: sim.receipts(),
        printer: sim.printerState(),
        truth: sim.truth(),
      });
    }
    if (req.method === 'GET' && path === 'truth') return sendJson(res, 200, sim.truth());
    if (req.method === 'GET' && path === 'devices') return sendJson(res, 200, sim.devicePaths());
    if (req.method !== 'POST') return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: req.method ?? '' } });
    const body = await readJson(req);
    switch (path) {
      case 'card/insert':
        await sim.insertCard(String(body.id ?? ''));
        return sendJson(res, 200, { ok: true });
      case 'card/remove':
        await sim.removeCard();
        return sendJson(res, 200, { ok: true });
      case 'printer': {
        const fault: { coverOpen?: boolean; paperOut?: boolean; offline?: boolean } = {};
        for (const k of ['coverOpen', 'paperOut', 'offline'] as const) {
          const v = flag(body, k);
          if (v !== undefined) fault[k] = v;
        }
        sim.setPrinter(fault);
        return sendJson(res, 200, { ok: true });
      }
      case 'coin':
        return sendJson(res, 200, { outcome: await sim.insertCoin(Number(body.cents)) });
      case 'bill':
        return sendJson(res, 200, { outcome: await sim.insertBill(Number(body.cents)) });
      case 'fault':
        sim.cashFault(faultOf(body));
        return sendJson(res, 200, { ok: true });
      case 'pos':
        if (!sim.posNext) return sendJson(res, 404, { error: { code: 'SIM_NO_POS', message: 'no simulated card terminal here' } });
        sim.posNext(String(body.outcome ?? ''));
        return sendJson(res, 200, { ok: true });
      case 'scan':
        if (typeof body.text !== 'string' || body.text.length === 0) return sendJson(res, 400, { error: { code: 'SIM_SCAN_EMPTY', message: 'text is required' } });
        await sim.scan(body.text);
        return sendJson(res, 200, { ok: true });
      default:
        return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: path } });
    }
  } catch (e) {
    const status = (e as { status?: number }).status ?? 400;
    const code = (e as { code?: string }).code ?? 'SIM_FAILURE';
    return sendJson(res, status, { error: { code, message: (e as Error).message } });
  }
}

/** Forwards one simulator route to a device rig's control API at `rigUrl`. */
export async function forwardSimApi(rigUrl: string, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  try {
    const body = req.method === 'POST' ? JSON.stringify(await readJson(req)) : undefined;
    // The query (`pos/truth?from=N`) goes along; `path` is the route only.
    const query = new URL(req.url ?? '/', 'http://localhost').search;
    const r = await fetch(`${rigUrl}/api/${path}${query}`, {
      method: req.method ?? 'GET',
      ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.timeout(10_000),
    });
    res.writeHead(r.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(await r.text());
  } catch (e) {
    sendJson(res, (e as { status?: number }).status ?? 502, { error: { code: 'SIM_RIG_UNREACHABLE', message: (e as Error).message } });
  }
}

/** Answers one route of a rig's card terminal (`path` without its prefix, `pos/...`). */
export async function servePosApi(pos: PosSimulator, req: IncomingMessage, res: ServerResponse, path: string, query = new URLSearchParams()): Promise<void> {
  try {
    if (req.method === 'GET' && path === 'pos/truth') {
      // A campaign polls for its payment: the ones before `from` it has seen already.
      const truth = pos.truth();
      const from = Math.max(0, Number(query.get('from') ?? 0) || 0);
      return sendJson(res, 200, { ...truth, count: truth.transactions.length, transactions: truth.transactions.slice(from) });
    }
    if (req.method !== 'POST' || path !== 'pos/next') return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: path } });
    const body = await readJson(req);
    const outcome = String(body.outcome ?? '');
    if (!SIM_PLAN_OUTCOMES.includes(outcome as SimPlanOutcome)) {
      return sendJson(res, 400, { error: { code: 'SIM_POS_OUTCOME', message: `no POS outcome ${outcome}; one of ${SIM_PLAN_OUTCOMES.join(', ')}` } });
    }
    const delayMs = int(body, 'delayMs');
    if (body.delayMs !== undefined && (delayMs === undefined || delayMs < 0)) {
      return sendJson(res, 400, { error: { code: 'SIM_POS_DELAY', message: 'delayMs is a whole number of ms, 0 up' } });
    }
    pos.next(outcome as SimPlanOutcome, { ...(delayMs === undefined ? {} : { delayMs }), replace: flag(body, 'replace') === true });
    return sendJson(res, 200, { ok: true });
  } catch (e) {
    return sendJson(res, (e as { status?: number }).status ?? 400, { error: { code: 'SIM_FAILURE', message: (e as Error).message } });
  }
}

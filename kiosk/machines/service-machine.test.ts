import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { createActor, type AnyActorLogic } from 'xstate';
import type { ServiceApi, ServiceStatus } from '../bridge/service-api.ts';
import { serviceMachineFor } from './service-actors.ts';
import { SERVICE_EMPTY, SERVICE_STATES, serviceMachine, type ServiceEvent, type ServiceSnapshot, type ServiceStateValue } from './service-machine.ts';

const STATUS: ServiceStatus = { devices: [{ kind: 'printer', state: 'ok' }], centralOnline: true, backlog: 0, lastSyncAt: null, cashboxCents: 0, cashbox: {} };
/** What each host command answers on the paths: one plausible output per invoked actor. */
const OUTPUTS = {
  serviceOpen: { technicianId: 'technician', openedAt: '2026-04-01T07:30:00.000Z', idleLimitMs: 600_000 },
  serviceClose: undefined,
  serviceStatus: STATUS,
  serviceTestPrint: { text: 'PAGINA DI PROVA' },
  serviceAcceptanceTest: { credits: [], totalCents: 0, cashboxCents: 0 },
  servicePayoutTest: { hopper: 3, valueCents: 200, paid: 1, level: 99 },
  serviceRefillHopper: { hopper: 3, valueCents: 200, before: 0, after: 50, text: 'RICARICA HOPPER' },
  serviceEmptyCashBox: { emptiedCents: 0, levels: [], text: 'SVUOTAMENTO CASSETTA' },
  serviceEventLog: { audit: [], ledger: [] },
  serviceConfig: { terminalId: 'K', centralUrl: 'http://c', appVersion: '0.1.0', printerProfile: 'p', ports: [], hoppers: [] },
  serviceSyncNow: { ok: true, sent: 0, acked: 0, backlog: 0, lastSyncAt: null },
} as const;
type Src = keyof typeof OUTPUTS;
const SOURCES = Object.keys(OUTPUTS) as Src[];
const ERROR_CODES = ['SERVICE_PIN_WRONG', 'SERVICE_BADGE_REFUSED', 'SERVICE_LOCKED', 'SERVICE_NOT_OPEN', 'PRINTER_PAPER_OUT'];

/** Every event the model may take: the technician's, and each invoked command ending either way. */
const EVENTS = [
  { type: 'SERVICE.REQUESTED' },
  { type: 'PIN.SUBMIT', pin: '246810' },
  { type: 'BADGE.READ', badgeId: '0A1B2C3D' },
  { type: 'SERVICE.EXIT' },
  { type: 'SERVICE.BACK' },
  { type: 'SERVICE.REFRESH' },
  { type: 'ACTION.TEST_PRINT' },
  { type: 'ACTION.ACCEPTANCE_TEST' },
  { type: 'ACTION.PAYOUT_TEST' },
  { type: 'ACTION.REFILL' },
  { type: 'ACTION.EMPTY' },
  { type: 'ACTION.EVENT_LOG' },
  { type: 'ACTION.CONFIG' },
  { type: 'ACTION.SYNC' },
  { type: 'HOPPER.CHOOSE', hopper: 3 },
  { type: 'COUNT.SUBMIT', count: 50 },
  { type: 'COUNT.SUBMIT', count: 0 },
  { type: 'EMPTY.CONFIRM' },
  ...SOURCES.flatMap((src) => [
    { type: `xstate.done.actor.${src}`, output: OUTPUTS[src] },
    ...ERROR_CODES.map((code) => ({ type: `xstate.error.actor.${src}`, error: { code, message: code } })),
  ]),
] as unknown as ServiceEvent[];

/** The real machine, its commands answered by hand: each call waits until the path says how it ends. */
function driven() {
  const calls: Src[] = [];
  const pending = new Map<Src, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const api = Object.fromEntries(
    SOURCES.map((src) => [src, () => new Promise((resolve, reject) => (calls.push(src), pending.set(src, { resolve, reject })))]),
  ) as unknown as ServiceApi;
  const actor = createActor(serviceMachineFor(api)).start();
  return {
    actor,
    calls,
    async step(event: ServiceEvent) {
      const m = /^xstate\.(done|error)\.actor\.(\w+)$/.exec(event.type);
      if (m) {
        const p = pending.get(m[2] as Src);
        expect(p, `${m[2]} was invoked`).toBeDefined();
        pending.delete(m[2] as Src);
        if (m[1] === 'done') p!.resolve((event as unknown as { output: unknown }).output);
        else p!.reject((event as unknown as { error: unknown }).error);
      } else {
        actor.send(event);
      }
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

/** What must hold on each screen, whatever path led there. Every state has an entry. */
const CHECKS: Record<ServiceStateValue, (s: ServiceSnapshot, calls: Src[]) => void> = {
  off: (s) => expect(s.context).toEqual(SERVICE_EMPTY),
  enteringPin: (s) => expect(s.context.session).toBeNull(),
  checkingPin: (_s, calls) => expect(calls.at(-1)).toBe('serviceOpen'),
  lockedOut: (s) => expect(s.context.pinError?.code).toBe('SERVICE_LOCKED'),
  loadingStatus: (_s, calls) => expect(calls.at(-1)).toBe('serviceStatus'),
  overview: (s) => expect(s.context.status !== null || s.context.error !== null).toBe(true),
  testPrinting: (_s, calls) => expect(calls.at(-1)).toBe('serviceTestPrint'),
  acceptanceTesting: (_s, calls) => expect(calls.at(-1)).toBe('serviceAcceptanceTest'),
  choosingPayoutHopper: (s) => expect(s.context.session).not.toBeNull(),
  payingOut: (_s, calls) => expect(calls.at(-1)).toBe('servicePayoutTest'),
  choosingRefillHopper: (s) => expect(s.context.session).not.toBeNull(),
  enteringRefillCount: (s) => expect(s.context.hopper).toBe(3),
  refilling: (_s, calls) => expect(calls.at(-1)).toBe('serviceRefillHopper'),
  confirmingEmpty: (s) => expect(s.context.session).not.toBeNull(),
  emptying: (_s, calls) => expect(calls.at(-1)).toBe('serviceEmptyCashBox'),
  syncing: (_s, calls) => expect(calls.at(-1)).toBe('serviceSyncNow'),
  loadingLog: (_s, calls) => expect(calls.at(-1)).toBe('serviceEventLog'),
  eventLog: (s) => expect(s.context.log).not.toBeNull(),
  loadingConfig: (_s, calls) => expect(calls.at(-1)).toBe('serviceConfig'),
  config: (s) => expect(s.context.config).not.toBeNull(),
  result: (s) => expect(s.context.outcome !== null || s.context.error !== null).toBe(true),
  closing: (_s, calls) => expect(calls.at(-1)).toBe('serviceClose'),
};

const paths = getShortestPaths(serviceMachine as AnyActorLogic, { events: EVENTS, serializeState: (s) => JSON.stringify((s as ServiceSnapshot).value) });

describe('service machine, model-based: a generated path to every state', () => {
  it('has a path for every state of the machine, and the screens know each state', () => {
    expect([...SERVICE_STATES].sort()).toEqual(Object.keys(serviceMachine.states).sort());
    const reached = new Set(paths.map((p) => String((p.state as ServiceSnapshot).value)));
    expect([...reached].sort()).toEqual([...SERVICE_STATES].sort());
  });

  it.each(SERVICE_STATES.map((state) => [state] as const))('reaches %s on the real machine by its shortest path', async (state) => {
    const path = paths.find((p) => (p.state as ServiceSnapshot).value === state)!;
    const d = driven();
    for (const step of path.steps) {
      await d.step(step.event as ServiceEvent);
      expect(d.actor.getSnapshot().value, `after ${step.event.type}`).toBe((step.state as ServiceSnapshot).value);
    }
    CHECKS[state](d.actor.getSnapshot(), d.calls);
    d.actor.stop();
  });
});

/** A host whose PIN is 246810 and whose lockout comes at the third wrong try, for the plain tests. */
function fakeHost(o: { lockAfter?: number } = {}) {
  let wrong = 0;
  const fail = (code: string) => Promise.reject({ code, message: code });
  const api = {
    ...Object.fromEntries(SOURCES.map((src) => [src, async () => OUTPUTS[src]])),
    serviceOpen: async ({ pin, badgeId }: { pin?: string; badgeId?: string }) => {
      if (wrong >= (o.lockAfter ?? 3)) return fail('SERVICE_LOCKED');
      if (pin !== '246810' && badgeId !== '0A1B2C3D') return (wrong++, fail('SERVICE_PIN_WRONG'));
      return OUTPUTS.serviceOpen;
    },
  } as unknown as ServiceApi;
  return api;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('service machine: PIN, lockout and a lapsed session', () => {
  it('asks again after a wrong PIN, saying why, and opens with the right one', async () => {
    const actor = createActor(serviceMachineFor(fakeHost())).start();
    actor.send({ type: 'SERVICE.REQUESTED' });
    actor.send({ type: 'PIN.SUBMIT', pin: '1111' });
    await settle();
    expect(actor.getSnapshot().value).toBe('enteringPin');
    expect(actor.getSnapshot().context.pinError?.code).toBe('SERVICE_PIN_WRONG');
    actor.send({ type: 'PIN.SUBMIT', pin: '246810' });
    await settle();
    expect(actor.getSnapshot().value).toBe('overview');
    expect(actor.getSnapshot().context.pinError).toBeNull();
    expect(actor.getSnapshot().context.status).toEqual(STATUS);
    actor.send({ type: 'SERVICE.EXIT' });
    await settle();
    expect(actor.getSnapshot().value).toBe('off');
  });

  it("opens with a badge from the citizens' screen, asking the host with its id and no PIN", async () => {
    const asked: unknown[] = [];
    const host = fakeHost();
    const actor = createActor(serviceMachineFor({ ...host, serviceOpen: (input) => (asked.push(input), host.serviceOpen(input)) })).start();
    actor.send({ type: 'BADGE.READ', badgeId: '0A1B2C3D' });
    await settle();
    expect(asked).toEqual([{ badgeId: '0A1B2C3D' }]);
    expect(actor.getSnapshot().value).toBe('overview');
  });

  it('a refused badge leaves the PIN pad open, saying why', async () => {
    const api = { ...fakeHost(), serviceOpen: () => Promise.reject({ code: 'SERVICE_BADGE_REFUSED', message: 'revoked' }) } as ServiceApi;
    const actor = createActor(serviceMachineFor(api)).start();
    actor.send({ type: 'BADGE.READ', badgeId: 'FFFFFFFF' });
    await settle();
    expect(actor.getSnapshot().value).toBe('enteringPin');
    expect(actor.getSnapshot().context.pinError?.code).toBe('SERVICE_BADGE_REFUSED');
  });

  it('shows the lockout and goes back to the citizens', async () => {
    const actor = createActor(serviceMachineFor(fakeHost({ lockAfter: 0 }))).start();
    actor.send({ type: 'SERVICE.REQUESTED' });
    actor.send({ type: 'PIN.SUBMIT', pin: '246810' });
    await settle();
    expect(actor.getSnapshot().value).toBe('lockedOut');
    actor.send({ type: 'SERVICE.BACK' });
    expect(actor.getSnapshot().value).toBe('off');
  });

  it('asks for the PIN again when the host closed the session meanwhile', async () => {
    const api = { ...fakeHost(), serviceTestPrint: () => Promise.reject({ code: 'SERVICE_NOT_OPEN', message: 'idle' }) } as ServiceApi;
    const actor = createActor(serviceMachineFor(api)).start();
    actor.send({ type: 'SERVICE.REQUESTED' });
    actor.send({ type: 'PIN.SUBMIT', pin: '246810' });
    await settle();
    actor.send({ type: 'ACTION.TEST_PRINT' });
    await settle();
    expect(actor.getSnapshot().value).toBe('enteringPin');
    expect(actor.getSnapshot().context).toMatchObject({ session: null, pinError: { code: 'SERVICE_NOT_OPEN' } });
  });

  it('refuses a refill count out of range before asking the host', async () => {
    const actor = createActor(serviceMachineFor(fakeHost())).start();
    actor.send({ type: 'SERVICE.REQUESTED' });
    actor.send({ type: 'PIN.SUBMIT', pin: '246810' });
    await settle();
    actor.send({ type: 'ACTION.REFILL' });
    actor.send({ type: 'HOPPER.CHOOSE', hopper: 4 });
    actor.send({ type: 'COUNT.SUBMIT', count: 0 });
    expect(actor.getSnapshot().value).toBe('enteringRefillCount');
    expect(actor.getSnapshot().context.error?.code).toBe('SERVICE_COUNT_INVALID');
    actor.send({ type: 'COUNT.SUBMIT', count: 50 });
    await settle();
    expect(actor.getSnapshot().value).toBe('result');
    expect(actor.getSnapshot().context.outcome?.action).toBe('refill-hopper');
  });
});

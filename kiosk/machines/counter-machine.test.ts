import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { createActor, type AnyActorLogic } from 'xstate';
import type { CounterApi, CounterDayTotals } from '../bridge/counter-api.ts';
import { counterMachineFor } from './counter-actors.ts';
import { COUNTER_EMPTY, COUNTER_STATES, counterMachine, type CounterEvent, type CounterSnapshot, type CounterStateValue } from './counter-machine.ts';

const SESSION = { operator: { code: 'DEMO', name: 'Farmacista demo' }, signedInAt: '2026-04-01T07:30:00.000Z', day: '2026-04-01' };
const TOTALS: CounterDayTotals = { operator: SESSION.operator, day: '2026-04-01', payments: 1, cashCents: 3230, cardCents: 0, totalCents: 3230, roundingCents: 2, items: [], providers: [] };
/** What each host command answers on the paths: one plausible output per invoked actor. */
const OUTPUTS = {
  counterSession: null,
  counterLogin: SESSION,
  counterLogout: undefined,
  counterCash: { transactionId: 'C-000001', cashDueCents: 3230, tenderedCents: 5000, changeCents: 1770 },
  counterDayTotals: TOTALS,
  counterCloseDay: { ...TOTALS, closeId: 'C-DEMO-2026-04-01', closedAt: '2026-04-01T18:00:00.000Z', printed: 'CHIUSURA DI CASSA' },
} as const;
type Src = keyof typeof OUTPUTS;
const SOURCES = Object.keys(OUTPUTS) as Src[];
const ERROR_CODES = ['COUNTER_LOGIN_WRONG', 'COUNTER_LOCKED', 'COUNTER_TENDERED_SHORT', 'COUNTER_NOT_SIGNED_IN'];

const EVENTS = [
  { type: 'LOGIN.SUBMIT', code: 'DEMO', pin: '135790' },
  { type: 'LOGIN.SUBMIT', code: '', pin: '' },
  { type: 'CASH.SUBMIT', paymentId: 'p1', tenderedCents: 5000 },
  { type: 'CASH.SUBMIT', paymentId: 'p1', tenderedCents: -1 },
  { type: 'CASH.CLEAR' },
  { type: 'COUNTER.LOGOUT' },
  { type: 'CLOSE.REQUEST' },
  { type: 'CLOSE.CONFIRM' },
  { type: 'NAV.BACK' },
  { type: 'CLOSE.DONE' },
  ...SOURCES.flatMap((src) => [
    { type: `xstate.done.actor.${src}`, output: OUTPUTS[src] },
    ...ERROR_CODES.map((code) => ({ type: `xstate.error.actor.${src}`, error: { code, message: code } })),
  ]),
] as unknown as CounterEvent[];

/** The real machine, its commands answered by hand: each call waits until the path says how it ends. */
function driven() {
  const calls: Src[] = [];
  const pending = new Map<Src, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const api = Object.fromEntries(
    SOURCES.map((src) => [src, () => new Promise((resolve, reject) => (calls.push(src), pending.set(src, { resolve, reject })))]),
  ) as unknown as CounterApi;
  const actor = createActor(counterMachineFor(api)).start();
  return {
    actor,
    calls,
    async step(event: CounterEvent) {
      const m = /^xstate\.(done|error)\.actor\.(\w+)$/.exec(event.type);
      if (m) {
        const src = m[2] as Src;
        const p = pending.get(src);
        expect(p, `${src} was invoked`).toBeDefined();
        pending.delete(src);
        if (m[1] === 'done') p!.resolve((event as unknown as { output: unknown }).output);
        else p!.reject((event as unknown as { error: unknown }).error);
      } else {
        actor.send(event);
      }
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

const CHECKS: Record<CounterStateValue, (s: CounterSnapshot, calls: Src[]) => void> = {
  checking: (_s, calls) => expect(calls.at(-1)).toBe('counterSession'),
  signedOut: (s) => expect(s.context.session).toBeNull(),
  signingIn: (_s, calls) => expect(calls.at(-1)).toBe('counterLogin'),
  serving: (s) => expect(s.context.session?.operator.code).toBe('DEMO'),
  takingCash: (_s, calls) => expect(calls.at(-1)).toBe('counterCash'),
  loadingTotals: (_s, calls) => expect(calls.at(-1)).toBe('counterDayTotals'),
  confirmingClose: (s) => expect(s.context.totals?.payments).toBe(1),
  closing: (_s, calls) => expect(calls.at(-1)).toBe('counterCloseDay'),
  closed: (s) => {
    expect(s.context.closed?.closeId).toBe('C-DEMO-2026-04-01');
    expect(s.context.session).toBeNull();
  },
  signingOut: (_s, calls) => expect(calls.at(-1)).toBe('counterLogout'),
};

const paths = getShortestPaths(counterMachine as AnyActorLogic, { events: EVENTS, serializeState: (s) => JSON.stringify((s as CounterSnapshot).value) });

describe('counter machine, model-based: a generated path to every state', () => {
  it('has a path for every state of the machine', () => {
    expect([...COUNTER_STATES].sort()).toEqual(Object.keys(counterMachine.states).sort());
    const reached = new Set(paths.map((p) => String((p.state as CounterSnapshot).value)));
    expect([...reached].sort()).toEqual([...COUNTER_STATES].sort());
  });

  it.each(COUNTER_STATES.map((state) => [state] as const))('reaches %s on the real machine by its shortest path', async (state) => {
    const path = paths.find((p) => (p.state as CounterSnapshot).value === state)!;
    const d = driven();
    for (const step of path.steps) {
      await d.step(step.event as CounterEvent);
      expect(d.actor.getSnapshot().value, `after ${step.event.type}`).toBe((step.state as CounterSnapshot).value);
    }
    CHECKS[state](d.actor.getSnapshot(), d.calls);
    d.actor.stop();
  });
});

/** A host whose demo operator's PIN is 135790, and who refuses less cash than the 32,30 € due. */
function fakeHost() {
  let signedIn = false;
  const fail = (code: string) => Promise.reject({ code, message: code });
  return {
    counterSession: async () => (signedIn ? SESSION : null),
    counterLogin: async ({ code, pin }: { code: string; pin: string }) => (code === 'DEMO' && pin === '135790' ? ((signedIn = true), SESSION) : fail('COUNTER_LOGIN_WRONG')),
    counterLogout: async () => void (signedIn = false),
    counterCash: async ({ tenderedCents }: { tenderedCents: number }) =>
      tenderedCents < 3230 ? fail('COUNTER_TENDERED_SHORT') : { transactionId: 'C-000001', cashDueCents: 3230, tenderedCents, changeCents: tenderedCents - 3230 },
    counterDayTotals: async () => TOTALS,
    counterCloseDay: async () => ((signedIn = false), OUTPUTS.counterCloseDay),
  } as unknown as CounterApi;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('counter machine with a fake host', () => {
  it('shows a wrong PIN, then serves; cash short is refused inline and the right amount gives the change', async () => {
    const actor = createActor(counterMachineFor(fakeHost())).start();
    await settle();
    expect(actor.getSnapshot().value).toBe('signedOut');
    actor.send({ type: 'LOGIN.SUBMIT', code: 'DEMO', pin: '111111' });
    await settle();
    expect(actor.getSnapshot().value).toBe('signedOut');
    expect(actor.getSnapshot().context.error?.code).toBe('COUNTER_LOGIN_WRONG');
    actor.send({ type: 'LOGIN.SUBMIT', code: 'DEMO', pin: '135790' });
    await settle();
    expect(actor.getSnapshot().value).toBe('serving');
    expect(actor.getSnapshot().context.error).toBeNull();
    actor.send({ type: 'CASH.SUBMIT', paymentId: 'p1', tenderedCents: 3000 });
    await settle();
    expect(actor.getSnapshot().context.error?.code).toBe('COUNTER_TENDERED_SHORT');
    expect(actor.getSnapshot().context.cash).toBeNull();
    actor.send({ type: 'CASH.SUBMIT', paymentId: 'p1', tenderedCents: 5000 });
    await settle();
    expect(actor.getSnapshot().context.cash?.changeCents).toBe(1770);
    actor.send({ type: 'CASH.CLEAR' });
    expect(actor.getSnapshot().context.cash).toBeNull();
    actor.stop();
  });

  it('closes the day after showing the totals, and is signed out at the end', async () => {
    const actor = createActor(counterMachineFor(fakeHost())).start();
    await settle();
    actor.send({ type: 'LOGIN.SUBMIT', code: 'DEMO', pin: '135790' });
    await settle();
    actor.send({ type: 'CLOSE.REQUEST' });
    await settle();
    expect(actor.getSnapshot().value).toBe('confirmingClose');
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('serving');
    actor.send({ type: 'CLOSE.REQUEST' });
    await settle();
    actor.send({ type: 'CLOSE.CONFIRM' });
    await settle();
    expect(actor.getSnapshot().value).toBe('closed');
    actor.send({ type: 'CLOSE.DONE' });
    expect(actor.getSnapshot().context).toEqual(COUNTER_EMPTY);
    actor.stop();
  });

  it('a reload finds the operator still signed in at the host', async () => {
    const api = fakeHost();
    await api.counterLogin({ code: 'DEMO', pin: '135790' });
    const actor = createActor(counterMachineFor(api)).start();
    await settle();
    expect(actor.getSnapshot().value).toBe('serving');
    actor.stop();
  });
});

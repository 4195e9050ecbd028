import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock, type AnyActorLogic, type AnyStateNode } from 'xstate';
import { attentionMachine, type AttentionEvent } from './attention-machine.ts';

// Model-based: paths to every state of the attention watch generated from the machine, its
// delays taken as events of the model; each path replayed on the real machine with a simulated
// clock, and from every state every event tried on both, which must agree.

const DELAYS = attentionMachine.implementations.delays as Record<string, number>;
const LEAVES = Object.values(attentionMachine.root.states) as AnyStateNode[];
const AFTER = LEAVES.flatMap((n) => n.after.map((t) => ({ type: t.eventType, ms: DELAYS[t.delay as string]! })));
const MS_OF = new Map(AFTER.map((a) => [a.type, a.ms]));

const EVENTS = [
  { type: 'ATTENTION.ARM' },
  { type: 'ATTENTION.DISARM' },
  { type: 'ATTENTION.ACTIVITY' },
  { type: 'ATTENTION.MORE_TIME' },
  ...AFTER.map(({ type }) => ({ type })),
] as AttentionEvent[];

/** The watch as the kiosk needs it, written out by hand: where each event leads from each state (absent: it stays). */
const SPEC: Record<string, Partial<Record<string, string>>> = {
  disarmed: { 'ATTENTION.ARM': 'watching' },
  watching: { 'ATTENTION.ACTIVITY': 'watching', 'ATTENTION.DISARM': 'disarmed', 'xstate.after.QUIET.attention.watching': 'warning' },
  warning: { 'ATTENTION.MORE_TIME': 'watching', 'ATTENTION.DISARM': 'disarmed', 'xstate.after.WARNING.attention.warning': 'expired' },
  expired: { 'ATTENTION.ARM': 'watching', 'ATTENTION.DISARM': 'disarmed' },
};
/** The events tried in a state: every citizen's and host's event, and the state's own delay (time runs on there). */
const SPEC_EVENTS = (state: string) => EVENTS.filter((e) => !MS_OF.has(e.type) || e.type.endsWith(`.attention.${state}`));

const paths = getShortestPaths(attentionMachine as AnyActorLogic, { events: EVENTS });

function replay(steps: readonly AttentionEvent[]) {
  const clock = new SimulatedClock();
  const actor = createActor(attentionMachine, { clock }).start();
  const step = (e: AttentionEvent) => {
    const ms = MS_OF.get(e.type);
    if (ms === undefined) actor.send(e);
    else clock.increment(ms);
  };
  for (const e of steps) step(e);
  return { actor, clock, step };
}

/** What must hold in each state whatever path led there. */
const CHECKS: Record<string, (r: ReturnType<typeof replay>) => void> = {
  // Disarmed (money being taken) it never warns, however long nobody touches the screen.
  disarmed: ({ actor, clock }) => {
    clock.increment(DELAYS.QUIET! + DELAYS.WARNING! + 1);
    expect(actor.getSnapshot().value).toBe('disarmed');
  },
  // Watching, a touch a moment before the warning starts the quiet time again.
  watching: ({ actor, clock }) => {
    clock.increment(DELAYS.QUIET! - 1);
    actor.send({ type: 'ATTENTION.ACTIVITY' });
    clock.increment(DELAYS.QUIET! - 1);
    expect(actor.getSnapshot().value).toBe('watching');
    clock.increment(1);
    expect(actor.getSnapshot().value).toBe('warning');
  },
  // The warning: a touch elsewhere does not end it (it would fall through the dialog), "more time" does.
  warning: ({ actor }) => {
    actor.send({ type: 'ATTENTION.ACTIVITY' });
    expect(actor.getSnapshot().value).toBe('warning');
    actor.send({ type: 'ATTENTION.MORE_TIME' });
    expect(actor.getSnapshot().value).toBe('watching');
  },
  // Expired stays expired until the next session arms it: no second warning on an empty screen.
  expired: ({ actor, clock }) => {
    clock.increment(DELAYS.QUIET! * 3);
    actor.send({ type: 'ATTENTION.ACTIVITY' });
    expect(actor.getSnapshot().value).toBe('expired');
  },
};

describe('attention machine, model-based', () => {
  it('reaches every state by a generated path', () => {
    const reached = new Set(paths.map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual(LEAVES.map((n) => n.key).sort());
  });

  it.each(paths.map((p) => [String(p.state.value), p] as const))('%s: the path replays on the real machine and the state holds', (value, path) => {
    const steps = path.steps.map((s) => s.event as AttentionEvent);
    const r = replay(steps);
    expect(r.actor.getSnapshot().value).toBe(value);
    CHECKS[value]!(r);
  });

  it.each(paths.flatMap((p) => SPEC_EVENTS(String(p.state.value)).map((e) => [String(p.state.value), e.type, p, e] as const)))(
    '%s + %s: the real machine goes where the specification says',
    (value, type, path, event) => {
      const r = replay(path.steps.map((s) => s.event as AttentionEvent));
      r.step(event);
      expect(r.actor.getSnapshot().value).toBe(SPEC[value]![type] ?? value);
    },
  );
});

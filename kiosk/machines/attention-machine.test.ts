import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { attentionMachine } from './attention-machine.ts';

function start() {
  const clock = new SimulatedClock();
  const actor = createActor(attentionMachine, { clock }).start();
  return { actor, clock };
}

describe('attention watch', () => {
  it('warns after the quiet time, then expires after the countdown', () => {
    const { actor, clock } = start();
    actor.send({ type: 'ATTENTION.ARM' });
    clock.increment(44_999);
    expect(actor.getSnapshot().value).toBe('watching');
    clock.increment(1);
    expect(actor.getSnapshot().value).toBe('warning');
    clock.increment(20_000);
    expect(actor.getSnapshot().value).toBe('expired');
  });

  it('any touch restarts the quiet time, and only "more time" ends the warning', () => {
    const { actor, clock } = start();
    actor.send({ type: 'ATTENTION.ARM' });
    clock.increment(40_000);
    actor.send({ type: 'ATTENTION.ACTIVITY' });
    clock.increment(40_000);
    expect(actor.getSnapshot().value).toBe('watching');
    clock.increment(5_000);
    expect(actor.getSnapshot().value).toBe('warning');
    actor.send({ type: 'ATTENTION.ACTIVITY' });
    expect(actor.getSnapshot().value).toBe('warning');
    actor.send({ type: 'ATTENTION.MORE_TIME' });
    clock.increment(44_000);
    expect(actor.getSnapshot().value).toBe('watching');
  });

  it('never runs while disarmed (money being taken)', () => {
    const { actor, clock } = start();
    actor.send({ type: 'ATTENTION.ARM' });
    actor.send({ type: 'ATTENTION.DISARM' });
    clock.increment(600_000);
    expect(actor.getSnapshot().value).toBe('disarmed');
  });
});

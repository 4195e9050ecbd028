import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareCounter, counterBefore, newEvents, nextCounter } from './event-counter.ts';

describe('ccTalk event counter', () => {
  it('wraps 255 to 1, never to 0', () => {
    expect(nextCounter(1)).toBe(2);
    expect(nextCounter(255)).toBe(1);
    expect(counterBefore(1, 1)).toBe(255);
    expect(counterBefore(3, 4)).toBe(254);
    fc.assert(fc.property(fc.integer({ min: 1, max: 255 }), fc.integer({ min: 0, max: 600 }), (c, n) => {
      let x = c;
      for (let i = 0; i < n; i++) x = nextCounter(x);
      expect(counterBefore(x, n)).toBe(c);
    }));
  });

  it('counts new events across the wrap', () => {
    expect(compareCounter(5, 5)).toEqual({ kind: 'none' });
    expect(compareCounter(5, 7)).toEqual({ kind: 'events', fresh: 2, lost: 0 });
    expect(compareCounter(254, 2)).toEqual({ kind: 'events', fresh: 3, lost: 0 });
    expect(compareCounter(0, 3)).toEqual({ kind: 'events', fresh: 3, lost: 0 });
    expect(compareCounter(10, 18)).toEqual({ kind: 'events', fresh: 8, lost: 3 });
  });

  it('sees a counter back at 0 as a reset', () => {
    expect(compareCounter(42, 0)).toEqual({ kind: 'reset' });
    expect(compareCounter(0, 0)).toEqual({ kind: 'none' });
  });

  it('lists the new events oldest first with their own counters', () => {
    // counter 9: result 1 (newest) is coin 3, result 2 is an error 1, result 3 is coin 6.
    const reply = [9, 3, 0, 0, 1, 6, 0, 0, 0, 0, 0];
    expect(newEvents(reply, compareCounter(6, 9))).toEqual([
      { counter: 7, a: 6, b: 0 },
      { counter: 8, a: 0, b: 1 },
      { counter: 9, a: 3, b: 0 },
    ]);
    expect(newEvents(reply, compareCounter(1, 9))).toHaveLength(5);
    expect(newEvents(reply, compareCounter(9, 9))).toEqual([]);
  });
});

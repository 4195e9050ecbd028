import { describe, expect, it } from 'vitest';
import { lineTimeout } from './line-timeout.ts';

/** Holds the event loop, as a long collection or a synchronous call on a busy disk does. */
function standStill(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

const turn = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('lineTimeout', () => {
  it('expires when nothing clears it', async () => {
    let expired = 0;
    lineTimeout(5, () => expired++);
    await turn(60);
    expect(expired).toBe(1);
  });

  it('never expires once cleared', async () => {
    let expired = 0;
    lineTimeout(5, () => expired++).clear();
    await turn(60);
    expect(expired).toBe(0);
  });

  it('after the loop stood still past the deadline, lets what arrived meanwhile be handled first', async () => {
    let arrived = false;
    let arrivedAtExpiry: boolean | undefined;
    const t = lineTimeout(20, () => (arrivedAtExpiry = arrived));
    // The reply is waiting behind the stall, handled after this turn's timers (as I/O is).
    setImmediate(() => {
      arrived = true;
      t.clear();
    });
    standStill(120);
    await turn(80);
    expect(arrived).toBe(true);
    expect(arrivedAtExpiry).toBeUndefined();
  });

  it('still expires after a stall when nothing came', async () => {
    let expired = 0;
    lineTimeout(20, () => expired++);
    standStill(120);
    await turn(80);
    expect(expired).toBe(1);
  });
});

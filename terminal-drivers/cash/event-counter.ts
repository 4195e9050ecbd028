/**
 * Arithmetic of the ccTalk event counter (229, 159): 0 only just after power-up or reset, then
 * 1..255 and wrapping to 1, never back to 0. Pure, shared by the coin and bill drivers.
 */

/** How many results a 229/159 reply carries: older events are gone from the device. */
export const EVENT_BUFFER_SLOTS = 5;
const COUNTER_MAX = 255;

/** The counter after `c` (255 → 1). */
export function nextCounter(c: number): number {
  return c >= COUNTER_MAX ? 1 : c + 1;
}

/** The counter `steps` events before `c`, in 1..255. */
export function counterBefore(c: number, steps: number): number {
  return ((((c - 1 - steps) % COUNTER_MAX) + COUNTER_MAX) % COUNTER_MAX) + 1;
}

export type CounterChange =
  | { kind: 'none' }
  /** The device counts from 0 again: it was reset or power-cycled. */
  | { kind: 'reset' }
  /** `fresh` new events; `lost` of them are older than the buffer holds and cannot be read. */
  | { kind: 'events'; fresh: number; lost: number };

/**
 * Compares the device's counter with the last one the host handled. `lastSeen` 0 means the host
 * saw the device just after reset, so every event up to `counter` is new.
 */
export function compareCounter(lastSeen: number, counter: number): CounterChange {
  if (counter === 0) return lastSeen === 0 ? { kind: 'none' } : { kind: 'reset' };
  const fresh = lastSeen === 0 ? counter : (counter - lastSeen + COUNTER_MAX) % COUNTER_MAX;
  if (fresh === 0) return { kind: 'none' };
  return { kind: 'events', fresh, lost: Math.max(0, fresh - EVENT_BUFFER_SLOTS) };
}

export interface BufferedEvent {
  /** The counter value this event carries (the newest carries the reply's counter). */
  counter: number;
  a: number;
  b: number;
}

/**
 * The new events of a 229/159 reply `[counter][A1][B1]...[A5][B5]`, oldest first, so a host
 * handles them in the order they happened.
 */
export function newEvents(reply: ArrayLike<number>, change: CounterChange): BufferedEvent[] {
  if (change.kind !== 'events') return [];
  const counter = reply[0] ?? 0;
  const readable = Math.min(change.fresh, EVENT_BUFFER_SLOTS);
  const out: BufferedEvent[] = [];
  for (let i = readable - 1; i >= 0; i--) {
    out.push({ counter: counterBefore(counter, i), a: reply[1 + 2 * i] ?? 0, b: reply[2 + 2 * i] ?? 0 });
  }
  return out;
}

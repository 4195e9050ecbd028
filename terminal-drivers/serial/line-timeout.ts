/** A timer that fired this much after it was due means the event loop stood still. */
const STALL_MS = 50;
/** The extra wait then: long enough for bytes already received to be read. */
const GRACE_MS = 20;

export interface LineTimeout {
  clear(): void;
}

/**
 * Calls `expired` once `ms` have passed on a line without `clear`, measured so that a stall of
 * this process is not blamed on the device: when the timer fires well after it was due (a
 * collection, a synchronous call on a busy disk), bytes that came meanwhile are still waiting to
 * be read, since timers run before I/O in a turn of the event loop, and it waits a turn more.
 */
export function lineTimeout(ms: number, expired: () => void, options: { unref?: boolean } = {}): LineTimeout {
  const due = performance.now() + ms;
  let graced = false;
  const arm = (delay: number): ReturnType<typeof setTimeout> => {
    const t = setTimeout(fire, delay);
    if (options.unref) t.unref?.();
    return t;
  };
  const fire = (): void => {
    if (!graced && performance.now() > due + STALL_MS) {
      graced = true;
      timer = arm(GRACE_MS);
      return;
    }
    expired();
  };
  let timer = arm(ms);
  return { clear: () => clearTimeout(timer) };
}

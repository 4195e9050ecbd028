import { OUTBOX_RETENTION_DAYS, type Outbox } from '@cup-kiosk/sync-service/outbox';

const DAY_MS = 86_400_000;

/**
 * Removes the outbox's past (items the central stored more than OUTBOX_RETENTION_DAYS ago) at
 * start and once a day, so a terminal's file does not grow for as long as it runs. Answers the
 * stop, which waits for a removal under way (the database closes after it).
 */
export function trimOutboxDaily(outbox: Outbox, log: (line: string) => void, now: () => Date = () => new Date()): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const trim = () => {
    running = outbox.prune(new Date(now().getTime() - OUTBOX_RETENTION_DAYS * DAY_MS)).then(
      (n) => n > 0 && log(`outbox: ${n} item${n === 1 ? '' : 's'} stored at the central over ${OUTBOX_RETENTION_DAYS} days ago removed`),
      (e: unknown) => log(`outbox: removing old items failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  trim();
  const timer = setInterval(trim, DAY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
